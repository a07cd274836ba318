// JSON Lines: one compact outcome per line (the record's outcome without
// its series and explanation), so that large runs can be streamed and
// processed line by line.
#include "report/outcome_json.hpp"
#include "report/outcome_line.hpp"
#include "report/renderers.hpp"

#include "report/common.hpp"

namespace assay::reporting {

std::string render_jsonl(const Assessment& a) {
    std::string out;
    OutcomeLines lines(a);
    for (const Outcome& o : a.outcomes) lines.write(o, out);
    return out;
}

}  // namespace assay::reporting

namespace assay {

std::string render_jsonl_outcome(const Assessment& a, const Outcome& o) {
    std::string out;
    render_jsonl_outcome(a, o, out);
    return out;
}

void render_jsonl_outcome(const Assessment& a, const Outcome& o, std::string& out) {
    reporting::require_inputs(a);
    reporting::JsonWriter w(out, -1);
    reporting::write_outcome(w, a, o, false, std::nullopt);
    out += '\n';
}

}  // namespace assay
