// The scan both CSV readers use to find the end of an unquoted field.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace assay::dataset {

/// The first ',', '\n' or '\r' in [p, end), or end; ORs the bytes before it
/// into `high` (whose top bit then tells of non-ASCII text). Sixteen bytes at
/// a time where SSE2 is available, as it is on every x86-64.
inline const char* scan_unquoted(const char* p, const char* end, unsigned& high) {
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, lf)), _mm_cmpeq_epi8(x, cr));
        auto stops = static_cast<unsigned>(_mm_movemask_epi8(hit));
        auto top_bits = static_cast<unsigned>(_mm_movemask_epi8(x));
        if (stops != 0) {
            unsigned before = stops & (0u - stops);  // lowest stop
            high |= (top_bits & (before - 1)) != 0 ? 0x80u : 0u;
            return p + __builtin_ctz(stops);
        }
        high |= top_bits != 0 ? 0x80u : 0u;
        p += 16;
    }
#endif
    while (p < end && *p != ',' && *p != '\n' && *p != '\r') high |= static_cast<unsigned char>(*p++);
    return p;
}

}  // namespace assay::dataset
