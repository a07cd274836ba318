// Fuzz target: numbers as people write them (parse_cell), and the fixed
// formatting of what they read back as. A value or a clear error, never a
// crash; a value is finite; the shortest printed form reads back as the
// same number; fixed formatting never prints nan or inf for a figure.
#include "fuzz_support.hpp"

#include <assay/number.hpp>

#include <cmath>
#include <cstdint>

using namespace assay;
using assay::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = fuzz::text_of(data, size);
    Result<CellValue> cell = parse_cell(text);
    if (!cell) {
        check(!cell.error().message.empty(), "an error says what is wrong");
        return 0;
    }
    if (!cell->value) return 0;  // missing, with its reason kept
    const double x = *cell->value;
    check(std::isfinite(x), "a parsed value is finite", text);
    check(!std::signbit(x) || x != 0, "no negative zero", text);

    const std::string shortest = format_number(x);
    Result<CellValue> again = parse_cell(shortest);
    check(again.ok() && again->value && *again->value == x, "format_number reads back as the same number", shortest);

    for (int decimals : {0, 1, 2, 3, 6}) {
        const std::string fixed = format_fixed(x, decimals);
        check(fixed.find_first_of("naif") == std::string::npos, "format_fixed prints digits only", fixed);
        const bool negative = !fixed.empty() && fixed.front() == '-';
        check(!negative || fixed.find_first_of("123456789") != std::string::npos,
              "format_fixed prints no negative zero", fixed);
        Result<CellValue> fixed_back = parse_cell(fixed);
        check(fixed_back.ok() && fixed_back->value.has_value(), "format_fixed reads back", fixed);
        for (Rounding mode : {Rounding::half_up, Rounding::half_even, Rounding::truncate})
            check(std::isfinite(round_to(x, decimals, mode)), "round_to stays finite", text);
    }
    return 0;
}
