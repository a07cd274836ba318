// The XLSX report's other sheets, each under one header row with no merged
// cells: Summary (counts of each rating and arrow per group and theme, and
// their change since an earlier run), Notes (what was run, the key, the
// rules of each table, the sources and the footnotes) and Checks.
#include "report/xlsx.hpp"

#include "core/files_digest.hpp"
#include "report/common.hpp"
#include "report/html.hpp"
#include "report/key.hpp"
#include "report/tables.hpp"
#include "report/wording.hpp"

#include <algorithm>
#include <set>

namespace assay::reporting::xlsx {
namespace {

std::vector<CountColumn> count_columns(const Assessment& a) {
    const Pack& p = *a.pack;
    std::vector<CountColumn> cols;
    std::set<std::string> labels;
    for (const Group& g : p.groups) {
        const Scale* s = rating_scale(p, g);
        if (g.rating.kind == RatingRule::Kind::none || !s) continue;
        for (auto it = s->levels.rbegin(); it != s->levels.rend(); ++it)
            if (labels.insert(it->label).second) cols.push_back({true, it->label, it->label});
    }
    std::set<std::string> arrows;
    auto scan = [&](const Counts& c) {
        for (const auto& [label, n] : c.ratings)
            if (n > 0 && labels.insert(label).second) cols.push_back({true, label, label});
        for (const auto& [name, n] : c.arrows)
            if (n > 0) arrows.insert(name);
    };
    for (const GroupOutcome& g : a.groups) scan(g.counts);
    for (const ThemeOutcome& t : a.themes) scan(t.counts);
    for (Arrow arrow : printed_arrows)
        if (arrows.count(std::string(to_string(arrow))))
            cols.push_back({false, std::string(to_string(arrow)), arrow_word(p, arrow)});
    if (arrows.count("none")) cols.push_back({false, "none", arrow_word(p, Arrow::none)});
    return cols;
}

// Rows of three columns: section, item, detail.
class NoteWriter {
public:
    NoteWriter(lxw_worksheet* ws, Styles& st) : ws_(ws), st_(st) {}
    void add(std::string_view section, std::string_view item, std::string_view detail,
             lxw_format* item_format = nullptr) {
        int r = static_cast<int>(row_++);
        write_text(ws_, r, 0, section, st_.text());
        write_text(ws_, r, 1, item, item_format ? item_format : st_.text());
        write_text(ws_, r, 2, detail, st_.text());
    }
    size_t rows() const { return row_; }

private:
    lxw_worksheet* ws_;
    Styles& st_;
    size_t row_ = 1;
};

}  // namespace

void summary_sheet(lxw_workbook* wb, Styles& st, const Assessment& a, const RenderOptions& options) {
    const Pack& p = *a.pack;
    const PreviousRun* previous = options.previous;
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Summary");
    std::vector<CountColumn> cols = count_columns(a);

    std::vector<std::string> headers = {"Theme", "Table", "Rating"};
    for (const CountColumn& c : cols) headers.push_back(c.header);
    headers.push_back("Not rated");
    headers.push_back("Indicators");
    size_t change_col = headers.size();
    if (previous) {
        headers.push_back("Rating at " + previous->as_at);
        for (const CountColumn& c : cols) headers.push_back(c.header + ": change since " + previous->as_at);
        headers.push_back("Not rated: change since " + previous->as_at);
    }
    for (size_t c = 0; c < headers.size(); ++c) write_text(ws, 0, static_cast<int>(c), headers[c], st.header());

    size_t row = 1;
    auto write_row = [&](const std::string& theme, const std::string& table, const Scale* scale, int level,
                         const Counts& counts, const PreviousRun::Rollup* before, bool total) {
        int r = static_cast<int>(row);
        lxw_format* text = total ? st.bold() : st.text();
        write_text(ws, r, 0, theme, text);
        write_text(ws, r, 1, table, text);
        if (auto label = level_label(scale, level)) write_text(ws, r, 2, *label, st.rating(*scale, level));
        size_t c = 3;
        for (const CountColumn& col : cols)
            worksheet_write_number(ws, R(row), C(c++), count_of(counts, col), st.count());
        worksheet_write_number(ws, R(row), C(c++), counts.unrated, st.count());
        worksheet_write_number(ws, R(row), C(c++), counts.assessed, st.count());
        if (previous && before) {
            auto was = scale && !before->rating.empty() ? scale->find(before->rating) : std::nullopt;
            if (was)
                write_text(ws, r, static_cast<int>(c), before->rating, st.rating(*scale, *was));
            else
                write_text(ws, r, static_cast<int>(c), before->rating, st.text());
            ++c;
            for (const CountColumn& col : cols)
                worksheet_write_number(ws, R(row), C(c++), count_of(counts, col) - count_of(before->counts, col),
                                       st.count());
            worksheet_write_number(ws, R(row), C(c++), counts.unrated - before->counts.unrated, st.count());
        }
        ++row;
    };

    for (const html::ThemeLayout& t : html::layout(p)) {
        std::string theme = t.theme ? title_of(p.themes[*t.theme]) : std::string();
        for (size_t gi : t.groups) {
            const Group& g = p.groups[gi];
            for (const GroupOutcome& go : a.groups) {
                if (go.group != gi) continue;
                const PreviousRun::Rollup* before = nullptr;
                if (previous)
                    if (auto it = previous->groups.find(g.id); it != previous->groups.end()) before = &it->second;
                write_row(theme, title_of(g), rollup_scale(p, g), go.rating, go.counts, before, false);
            }
        }
        if (!t.theme) continue;
        for (const ThemeOutcome& to : a.themes) {
            if (to.theme != *t.theme) continue;
            const PreviousRun::Rollup* before = nullptr;
            if (previous)
                if (auto it = previous->themes.find(p.themes[*t.theme].id); it != previous->themes.end())
                    before = &it->second;
            write_row(theme, "All indicators", p.find_scale(p.themes[*t.theme].scale), to.rating, to.counts, before,
                      true);
        }
    }
    worksheet_set_column(ws, 0, 0, 24, nullptr);
    worksheet_set_column(ws, 1, 1, 40, nullptr);
    worksheet_set_column(ws, 2, C(headers.size() - 1), 13, nullptr);
    if (previous) worksheet_set_column(ws, C(change_col), C(headers.size() - 1), 16, nullptr);
    worksheet_freeze_panes(ws, 1, 2);
    print_setup(ws);
}

void notes_sheet(lxw_workbook* wb, Styles& st, const Assessment& a, const RenderOptions& options) {
    const Pack& p = *a.pack;
    const Dataset& d = *a.dataset;
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Notes");
    write_text(ws, 0, 0, "Section", st.header());
    write_text(ws, 0, 1, "Item", st.header());
    write_text(ws, 0, 2, "Detail", st.header());
    NoteWriter notes(ws, st);

    notes.add("Run", "Rules",
              p.name + (p.version.empty() ? "" : " " + p.version) + " (SHA-256 " + files_digest(p.files) + ")");
    notes.add("Run", "Data", d.name + " (SHA-256 " + files_digest(d.files) + ")");
    notes.add("Run", "As at", a.as_at);
    notes.add("Run", "Assessed by", "Assay " + std::string(engine_version()));
    if (options.previous) notes.add("Run", "Compared with", "the run as at " + options.previous->as_at);

    std::vector<const Scale*> scales = key_scales(p);
    for (const Scale* s : scales) {
        std::string use = scale_use(p, *s);
        std::string section = scales.size() < 2 ? std::string("Key: ratings")
                              : use.empty()     ? "Key: ratings (" + s->name + ")"
                                                : "Key: ratings of " + use;
        for (size_t i = 0; i < s->levels.size(); ++i)
            notes.add(section, s->levels[i].label, s->levels[i].meaning, st.rating(*s, static_cast<int>(i)));
    }
    Table arrows = arrow_key(a);
    for (const auto& row : arrows.rows)
        notes.add(
            "Key: directional arrows",
            row[0].arrow == Arrow::none ? arrow_word(p, Arrow::none) : row[0].text + " " + arrow_word(p, row[0].arrow),
            row[1].text, st.arrow(row[0].arrow));

    for (const html::ThemeLayout& t : html::layout(p)) {
        for (size_t gi : t.groups) {
            const Group& g = p.groups[gi];
            std::string section = "Rules: " + title_of(g);
            if (!g.arrow.none) notes.add(section, "Direction of travel", arrow_words(g.arrow, g.polarity));
            for (const NamedArrowRule& other : g.other_arrows)
                notes.add(section, arrow_name_header(other.name) + " direction of travel",
                          arrow_words(other.rule, g.polarity));
            if (g.target && !g.target->text.empty()) notes.add(section, "Target", g.target->text);
            if (std::string r = rating_rule_text(p, g); !r.empty()) notes.add(section, "Rating", r);
            if (std::string r = rollup_words(g.rollup, rollup_scale(p, g)); !r.empty())
                notes.add(section, "Table rating", r);
        }
        if (t.theme)
            if (std::string r = rollup_words(p.themes[*t.theme].rollup, p.find_scale(p.themes[*t.theme].scale));
                !r.empty())
                notes.add("Rules: " + title_of(p.themes[*t.theme]), "Theme rating", r);
    }
    for (const TargetRule& t : p.targets)
        if (!t.indicator.empty()) {
            auto i = d.find_indicator(t.indicator);
            notes.add("Rules: targets", i && !d.indicators[*i].title.empty() ? d.indicators[*i].title : t.indicator,
                      t.text);
        }

    // Sources and notes of the indicators reported, once each, in report order.
    std::set<uint32_t> seen;
    std::optional<uint32_t> as_at = as_at_index(a);
    for (const Outcome& o : a.outcomes) {
        uint32_t i = d.series[o.series].indicator;
        const Indicator& ind = d.indicators[i];
        std::string name = title_of(ind);
        if (seen.insert(i).second) {
            if (!ind.source.empty()) notes.add("Source", name, ind.source);
            if (!ind.notes.empty()) notes.add("Note", name, ind.notes);
        }
        auto [first, last] = observations_upto(a, o, as_at);
        for (uint32_t obs = first; obs < last; ++obs)
            if (!d.has_value(obs))
                notes.add("Missing figure", name + ", " + area_of(a, o) + ", " + period_label(d, d.obs_period[obs]),
                          missing_note(d, obs));
    }
    for (const std::string& e : a.errors) notes.add("Rule error", "", e);

    worksheet_set_column(ws, 0, 0, 30, nullptr);
    worksheet_set_column(ws, 1, 1, 45, nullptr);
    worksheet_set_column(ws, 2, 2, 100, nullptr);
    worksheet_autofilter(ws, 0, 0, R(std::max<size_t>(notes.rows() - 1, 1)), 2);
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws);
}

void checks_sheet(lxw_workbook* wb, Styles& st, const Assessment& a) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Checks");
    Table t = checks_table(a);
    for (size_t c = 0; c < t.columns.size(); ++c)
        write_text(ws, 0, static_cast<int>(c), t.columns[c].header, st.header());
    for (size_t r = 0; r < t.rows.size(); ++r)
        for (size_t c = 0; c < t.rows[r].size(); ++c)
            write_text(ws, static_cast<int>(r + 1), static_cast<int>(c), t.rows[r][c].text, st.text());
    worksheet_set_column(ws, 0, 0, 48, nullptr);
    worksheet_set_column(ws, 1, 4, 14, nullptr);
    worksheet_set_column(ws, 5, 5, 90, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws);
}

}  // namespace assay::reporting::xlsx
