// Parsing JSON text with located errors: report/json_text.hpp, shared with
// the reports that read an earlier run back.
#pragma once

#include "report/json_text.hpp"

namespace assay::audit {

using assay::parse_json;
using assay::parse_ordered_json;

}  // namespace assay::audit
