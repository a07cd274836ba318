// Text helpers for dataset loading.
#include "dataset/text.hpp"

namespace assay::dataset {

bool is_identifier(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

}  // namespace assay::dataset
