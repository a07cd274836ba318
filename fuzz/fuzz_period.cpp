// Fuzz target: period labels. A period or a clear error, never a crash; a
// period covers at least one month; its canonical label parses back to the
// same span (parse -> print -> parse); shifting it by a year and back
// gives the same span; ordering is irreflexive.
#include "fuzz_support.hpp"

#include <assay/period.hpp>

#include <cstdint>

using namespace assay;
using assay::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = fuzz::text_of(data, size);
    Result<Period> parsed = parse_period(text);
    if (!parsed) {
        check(!parsed.error().message.empty(), "an error says what is wrong");
        return 0;
    }
    const Period& p = parsed.value();
    check(p.first <= p.last, "a period's first month is not after its last", text);
    check(!(p < p) && p == p, "a period neither precedes nor differs from itself", text);

    const std::string label = canonical_label(p);
    Result<Period> again = parse_period(label);
    check(again.ok(), "the canonical label parses", label);
    check(again->same_span(p), "the canonical label gives the same span", label);
    check(canonical_label(again.value()) == label, "printing is stable", label);

    const Period next = shift_years(p, 1), back = shift_years(next, -1);
    check(back.same_span(p), "shifting a year on and back gives the same span", text);
    check(p < next && !(next < p), "a year on comes after", text);
    return 0;
}
