// Words the HTML and XLSX reports print (see wording.hpp).
#include "report/wording.hpp"

#include "report/common.hpp"
#include "report/key.hpp"

namespace assay::reporting {

std::string rating_rule_text(const Pack& p, const Group& g) {
    if (g.rating.kind == RatingRule::Kind::script && !g.rating.description.empty())
        return g.rating.description + " (" + (g.rating.name.empty() ? g.id : g.rating.name) + ", " +
               to_string(g.rating.where) + ")";
    if (g.rating.kind == RatingRule::Kind::script)
        return "decided by a rule function (" + (g.rating.name.empty() ? g.id : g.rating.name) + ", " +
               to_string(g.rating.where) + ")";
    if (g.rating.kind != RatingRule::Kind::first_match || g.rating.cases.empty()) return {};
    const Scale* scale = rating_scale(p, g);
    std::string s = "the first that holds of: ";
    for (size_t i = 0; i < g.rating.cases.size(); ++i) {
        const RatingRule::Case& c = g.rating.cases[i];
        if (i) s += "; ";
        s += condition_words(c.when, g.polarity) + " \u2192 ";
        if (auto label = level_label(scale, c.level))
            s += *label;
        else
            s += "not rated" + (c.reason.empty() ? std::string() : " (" + c.reason + ")");
    }
    return s;
}

Rounding rounding_of(const Assessment& a, const Outcome& o) {
    return a.pack->rounding_for(group_of(a, o), indicator_of(a, o).id);
}

std::string arrow_name_header(const std::string& name) {
    std::string h = name;
    for (char& c : h) c = c == '_' ? ' ' : c;
    if (!h.empty() && h[0] >= 'a' && h[0] <= 'z') h[0] = static_cast<char>(h[0] - 'a' + 'A');
    return h;
}

std::string scale_use(const Pack& p, const Scale& s) {
    bool indicators = false, tables = false, themes = false;
    for (const Group& g : p.groups) {
        if (g.rating.kind != RatingRule::Kind::none && g.scale == s.name) indicators = true;
        const std::string& rollup = g.scale_rollup.empty() ? g.scale : g.scale_rollup;
        if (g.rollup.kind != RollupRule::Kind::none && rollup == s.name) tables = true;
    }
    for (const Theme& t : p.themes) themes = themes || t.scale == s.name;
    std::vector<std::string> uses;
    if (indicators) uses.push_back("indicators");
    if (tables) uses.push_back("tables");
    if (themes) uses.push_back("themes");
    std::string out;
    for (size_t i = 0; i < uses.size(); ++i) out += (i == 0 ? "" : i + 1 == uses.size() ? " and " : ", ") + uses[i];
    return out;
}

std::string arrow_word(const Pack& p, Arrow arrow) {
    if (arrow == Arrow::none) return "Not assessed";
    const ArrowStyle& style = p.arrows[static_cast<size_t>(arrow)];
    if (!style.word.empty()) return style.word;
    switch (arrow) {
        case Arrow::improved:
            return "Improved";
        case Arrow::static_:
            return "Static";
        case Arrow::declined:
            return "Declined";
        case Arrow::peak:
            return "At maximum";
        case Arrow::increased:
            return "Increased";
        case Arrow::decreased:
            return "Decreased";
        case Arrow::none:
            break;
    }
    return "Not assessed";
}

std::string missing_note(const Dataset& d, uint32_t obs) {
    if (auto note = d.notes.find(obs); note != d.notes.end() && !note->second.empty()) return note->second;
    auto written = d.missing.find(obs);
    std::string as_written = written == d.missing.end() ? "" : written->second;
    if (as_written.empty() || as_written == "N/A" || as_written == "n/a")
        return "N/A: no figure is available for this period.";
    return "\u201c" + as_written + "\u201d: no figure is available for this period.";
}

}  // namespace assay::reporting
