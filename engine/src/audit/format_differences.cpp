// format_differences: differences as an auditor reads them, item by item.
// An item whose only change is the wording of its explanation (a rule's
// text changed, not its result) is listed by name at the end, so that the
// changes of figures, arrows and ratings stand out.
#include <assay/record.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace assay {
namespace {

bool explanation_only(std::vector<Difference>::const_iterator first, std::vector<Difference>::const_iterator last) {
    return std::all_of(first, last, [](const Difference& d) { return d.field.starts_with("explanation"); });
}

void print_one(std::string& out, const Difference& d) {
    if (d.field.empty() && d.scope == "audit")
        out += d.before == "(absent)" ? "  only in the new audit" : "  only in the recorded audit";
    else if (d.field.empty())
        out += d.before == "(absent)" ? "  only in the new run" : "  only in the old run";
    else
        out += fmt::format("  {}: {} -> {}", d.field, d.before, d.after);
    const std::string& whole = d.before == "(absent)" ? d.after : d.before;
    if (d.field.empty() && whole != "present") out += ": " + whole;
    if (!d.cause.empty()) {
        out += fmt::format("  [{}]", d.cause);
        if (!d.cause_detail.empty()) out += fmt::format("\n      {}", d.cause_detail);
    }
    out += '\n';
}

}  // namespace

std::string format_differences(const std::vector<Difference>& differences) {
    std::string out;
    std::vector<std::string> reworded;
    for (auto first = differences.begin(); first != differences.end();) {
        auto last =
            std::find_if(first, differences.end(), [&](const Difference& d) { return d.subject != first->subject; });
        if (explanation_only(first, last)) {
            reworded.push_back(first->subject);
        } else {
            out += first->subject + '\n';
            for (auto it = first; it != last; ++it) print_one(out, *it);
        }
        first = last;
    }
    if (!reworded.empty())
        out += fmt::format("explanation wording changed, nothing else ({}): {}\n", reworded.size(),
                           fmt::join(reworded, "; "));
    return out;
}

}  // namespace assay
