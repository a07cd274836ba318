// Names of an indicator's value type (dataset.hpp), as indicators.csv writes them.
#include <assay/dataset.hpp>

#include <array>

namespace assay {
namespace {

constexpr std::array<std::string_view, 6> names = {"none", "proportion", "rate", "count", "mean", "dsr"};

}  // namespace

std::string_view to_string(ValueType t) {
    return names[static_cast<size_t>(t)];
}

std::optional<ValueType> value_type_from_string(std::string_view s) {
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == s) return static_cast<ValueType>(i);
    return std::nullopt;
}

}  // namespace assay
