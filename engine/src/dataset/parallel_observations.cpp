// The parallel reader of plain observations files (parallel_observations.hpp),
// and the pieces it reads (pieces.hpp).
//
// Piece k holds the rows that start in [start + k * P, start + (k + 1) * P),
// a row starting where the byte before it is a line end. Each worker reads
// its piece with pread (and a little before and after it, to find those
// line ends), parses it into rows of piece-local name ids and values, and
// keeps the first place of each name. The calling thread merges the pieces
// in order into the DatasetBuilder (mapping a piece's names to the
// builder's as they first occur, so that the builder sees names in the
// order the general reader would) and passes each piece on to a thread
// that hashes the file in order. At most a few pieces are alive at once.
#include "dataset/parallel_observations.hpp"
#include "dataset/csv.hpp"
#include "dataset/interner.hpp"
#include "dataset/observations.hpp"
#include "dataset/pieces.hpp"
#include "dataset/scan_field.hpp"
#include "dataset/text.hpp"
#include "dataset/utf8.hpp"

#include <assay/hash.hpp>
#include <assay/number.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <fast_float/fast_float.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace assay::dataset {

/// Reads exactly `n` bytes at `offset`, or fewer at the end of the file.
size_t read_at(int fd, char* into, size_t n, uint64_t offset) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = ::pread(fd, into + got, n - got, static_cast<off_t>(offset + got));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) throw GiveUp{};
        if (r == 0) break;
        got += static_cast<size_t>(r);
    }
    return got;
}

/// The first offset >= at (at >= 1) that follows a line end, or the end of
/// the data; `data` holds the file from offset `lo`; false when the data
/// read so far does not tell.
static bool row_start_from(const char* data, size_t len, uint64_t lo, uint64_t at, uint64_t size, uint64_t& out) {
    if (at >= size) {
        out = size;
        return true;
    }
    size_t from = static_cast<size_t>(at - 1 - lo);
    if (from >= len) return false;
    const void* nl = std::memchr(data + from, '\n', len - from);
    if (!nl) {
        if (lo + len >= size) {
            out = size;
            return true;
        }
        return false;
    }
    out = lo + static_cast<uint64_t>(static_cast<const char*>(nl) - data) + 1;
    return true;
}

void clear(Piece& pc) {
    for (LocalNames& n : pc.names) {
        n.ids.clear();
        n.first.clear();
    }
    pc.declared.clear();
    pc.runs.clear();
    pc.period.clear();
    pc.value.clear();
    pc.missing.clear();
    pc.counts.clear();
    pc.newlines = 0;
    pc.gave_up = false;
    pc.ready = false;
}

/// Reads piece k's bytes and finds its rows' bounds.
void read_piece(const Layout& L, size_t k, Piece& pc) {
    const uint64_t nominal = L.start + static_cast<uint64_t>(k) * L.piece;
    const uint64_t next = std::min<uint64_t>(L.size, nominal + L.piece);
    pc.lo = k == 0 ? L.start : nominal - 1;
    size_t want = static_cast<size_t>(next - pc.lo) + 4096;
    for (;;) {
        want = static_cast<size_t>(std::min<uint64_t>(want, L.size - pc.lo));
        if (pc.cap < want + Piece::padding) {
            pc.buf = std::make_unique_for_overwrite<char[]>(want + Piece::padding);
            pc.cap = want + Piece::padding;
        }
        pc.len = read_at(L.fd, pc.buf.get(), want, pc.lo);
        if (pc.len != want) throw GiveUp{};  // the file shrank while being read
        std::memset(pc.buf.get() + pc.len, 0, Piece::padding);
        bool ok = true;
        if (k == 0)
            pc.begin = L.start;
        else
            ok = row_start_from(pc.buf.get(), pc.len, pc.lo, nominal, L.size, pc.begin);
        ok = ok && row_start_from(pc.buf.get(), pc.len, pc.lo, std::max(next, pc.begin), L.size, pc.end);
        if (ok) break;
        if (pc.lo + want >= L.size) throw GiveUp{};
        want *= 2;
        if (want > CsvReader::max_record_bytes * 4 + (next - pc.lo)) throw GiveUp{};  // a line too long
    }
}

std::unique_ptr<Piece> parsed_piece(const Layout& L, size_t k, std::unique_ptr<Piece> reuse) {
    if (reuse)
        clear(*reuse);
    else
        reuse = std::make_unique<Piece>();
    read_piece(L, k, *reuse);
    parse_piece(L, *reuse);
    reuse->ready = true;
    return reuse;
}

/// The numerator, denominator and sd of a row, kept for the row about to be
/// added, as read_counts (observations.cpp) reads and checks them; false when
/// a cell is not a plain number or a check fails (the general reader says why).
static bool read_counts(const Layout& L, const std::array<std::string_view, 7>& raw, const Indicator* ind, double value,
                        Piece& pc) {
    ObservationCounts c;
    double* into[3] = {&c.numerator, &c.denominator, &c.sd};
    for (size_t k = 0; k < 3; ++k) {
        if (L.counts[k] < 0) continue;
        std::string_view text = trim_blanks(raw[static_cast<size_t>(L.counts[k])]);
        if (text.empty()) continue;
        if (!plain_number(text, *into[k])) return false;
    }
    if (std::isnan(c.numerator) && std::isnan(c.denominator) && std::isnan(c.sd)) return true;
    double expected = 0;
    if (counts_fault(c, ind, value, expected) != CountsFault::none) return false;
    pc.counts.emplace_back(static_cast<uint32_t>(pc.value.size()), c);
    return true;
}

namespace {

/// Exact powers of ten, as doubles.
constexpr double exact_pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/// A value cell in its commonest forms, read as parse_cell reads it, up to
/// the line end that must follow: "-12.5", "89.6%" (`percent` set), "N/A"
/// (`missing` set), or "4,650" quoted with thousands in groups of three.
/// At most 15 digits, so that the digits and the power of ten are exact
/// doubles and one division gives the correctly rounded value, as
/// fast_float gives. Returns the byte after the line end, or null for
/// anything else (the general reader then reads the row).
const char* quick_value(const char* p, const char* e, double& out, bool& percent, bool& missing) {
    percent = missing = false;
    if (e - p >= 4 && p[0] == 'N' && p[1] == '/' && p[2] == 'A') {
        p += 3;
        missing = true;
    } else {
        const bool quoted = *p == '"';
        const bool negative = !quoted && *p == '-';
        if (quoted || negative) ++p;
        uint64_t m = 0;
        int digits = 0, frac = -1, lead = 0;
        for (; p < e; ++p) {
            const unsigned d = static_cast<unsigned>(*p - '0');
            if (d <= 9) {
                m = m * 10 + d;
                ++digits;
                if (frac >= 0) ++frac;
            } else if (*p == '.' && frac < 0) {
                frac = 0;
            } else if (quoted && *p == ',' && frac < 0) {
                // Thousands: the first group of one to three digits, not led by 0; then groups of three.
                if (lead == 0) {
                    if (digits == 0 || digits > 3 || p[-digits] == '0') return nullptr;
                } else if (digits - lead != 3) {
                    return nullptr;
                }
                lead = digits;
            } else {
                break;
            }
        }
        if (digits == 0 || digits > 15 || frac == 0 || p == e) return nullptr;
        if (lead > 0 && digits - lead - (frac > 0 ? frac : 0) != 3) return nullptr;
        if (quoted) {
            if (*p != '"' || lead == 0) return nullptr;  // a quoted plain number: the general reader
            ++p;
        } else if (*p == '%') {
            percent = true;
            ++p;
        }
        const double x = frac > 0 ? static_cast<double>(m) / exact_pow10[frac] : static_cast<double>(m);
        out = negative && m != 0 ? -x : x;
    }
    if (p < e && *p == '\n') return p + 1;
    if (e - p >= 2 && p[0] == '\r' && p[1] == '\n') return p + 2;
    return nullptr;
}

/// The digits of `x` (one per byte, 0..9, the first in the lowest byte; `n`
/// of them, 1 to 8) as a number: moved to the top bytes with zeros below
/// (leading zeros), then combined pairwise (fast_float's eight-digit step).
[[gnu::always_inline]] inline uint64_t digits_value(uint64_t x, int n) {
    uint64_t v = (x << (64 - 8 * n)) & 0x0F0F0F0F0F0F0F0Fu;
    v = (v * 2561) >> 8;
    v = ((v & 0x00FF00FF00FF00FFu) * 6553601) >> 16;
    return ((v & 0x0000FFFF0000FFFFu) * 42949672960001u) >> 32;
}

/// The commonest values of all, read eight bytes at once: up to seven
/// digits, with a point and at least one digit after it if any, and "%"
/// (`percent` set) if any, ending the line with '\n' ("2", "147", "77.5%",
/// "0.27"). The same value quick_value reads from them; anything else
/// (signs, quotes, N/A, longer numbers, "\r\n") is left to it. Needs eight
/// bytes readable at p. Returns the byte after the line end, or null.
[[gnu::always_inline]] inline const char* quick_plain(const char* p, const char* e, double& out, bool& percent) {
    uint64_t w = 0;
    std::memcpy(&w, p, 8);
    static_assert(std::endian::native == std::endian::little, "the first byte read is the lowest");
    const uint64_t x = w ^ 0x3030303030303030u;  // a digit's byte becomes 0..9
    // A byte's top bit set where it is not a digit (x >= 10). A carry out of
    // a byte comes only from a byte 0xBA or above (never ASCII), and reaches
    // only the bytes after it; no byte after such a byte is read as a digit
    // of the number, as that byte ends it.
    const uint64_t not_digit = ((x + 0x7676767676767676u) | x) & 0x8080808080808080u;
    if (not_digit == 0) return nullptr;  // eight digits or more
    const int whole = std::countr_zero(not_digit) >> 3;
    if (whole == 0) return nullptr;
    int end = whole;  // the byte after the number
    uint64_t digits = x;
    int n = whole;
    if (p[whole] == '.') {
        if (whole == 7) return nullptr;
        const uint64_t after = not_digit & ~((uint64_t{1} << (8 * whole + 8)) - 1);
        if (after == 0) return nullptr;
        end = std::countr_zero(after) >> 3;
        const int frac = end - whole - 1;
        if (frac == 0) return nullptr;  // "5." is the general reader's
        // The point taken out: the digits after it moved down one byte.
        const uint64_t below = x & ((uint64_t{1} << (8 * whole)) - 1);
        digits = below | ((x >> (8 * (whole + 1))) << (8 * whole));
        n = end - 1;
        const auto m = static_cast<double>(digits_value(digits, n));
        out = m / exact_pow10[frac];
    } else {
        out = static_cast<double>(digits_value(digits, n));
    }
    percent = p[end] == '%';
    if (percent) ++end;
    if (p + end >= e || p[end] != '\n') return nullptr;
    return p + end + 1;
}

/// Whether the `n` bytes at p and q are equal: eight at a time, as the keys
/// compared (an indicator and an area) are short, where a call of memcmp
/// costs more than the comparison.
[[gnu::always_inline]] inline bool same_bytes(const char* p, const char* q, size_t n) {
    auto eight = [](const char* a, const char* b) {
        uint64_t x = 0, y = 0;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        return x == y;
    };
    if (n < 8) {
        if (n >= 4) {  // two fours, overlapping (a period such as 2024-03 is seven)
            uint32_t x[2], y[2];
            std::memcpy(&x[0], p, 4);
            std::memcpy(&x[1], p + n - 4, 4);
            std::memcpy(&y[0], q, 4);
            std::memcpy(&y[1], q + n - 4, 4);
            return x[0] == y[0] && x[1] == y[1];
        }
        for (size_t i = 0; i < n; ++i)
            if (p[i] != q[i]) return false;
        return true;
    }
    for (size_t i = 0; i + 8 < n; i += 8)
        if (!eight(p + i, q + i)) return false;
    return eight(p + n - 8, q + n - 8);  // the last eight, overlapping those before
}

/// Whether the first `n` bytes (n <= 32) at p and q are equal, sixteen at
/// a time; 32 bytes must be readable at both (the piece's padding).
[[gnu::always_inline]] inline bool same_prefix32(const char* p, const char* q, size_t n) {
#if defined(__SSE2__)
    const auto eq = [](const char* a, const char* b) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
        const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
        return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
    };
    const uint32_t same = eq(p, q) | (eq(p + 16, q + 16) << 16);
    const uint32_t want = n == 32 ? ~uint32_t{0} : (uint32_t{1} << n) - 1;
    return (same & want) == want;
#else
    return same_bytes(p, q, n);
#endif
}

/// The end of the plain text from p on (printable ASCII but ',' and '"'),
/// as the lane reads an area or a period: where a ',' should then be.
inline const char* plain_text_end(const char* p, const char* e) {
    while (p < e && static_cast<unsigned char>(*p - 0x20) < 0x5F && *p != ',' && *p != '"') ++p;
    return p;
}

/// A period's text followed by ',' as one word, to find it at a row's
/// period with one comparison: its bytes in `word`, `mask` over them; a
/// mask of 0 when the text is longer than seven bytes.
struct PeriodWord {
    uint64_t word = 0, mask = 0;
    uint32_t len = 0;
};

/// The fast lane's key: the last row read in full (or that began a series
/// in the lane), up to its period.
struct LaneKey {
    const char* key = nullptr;
    size_t len = 0;          ///< bytes up to the period; 0 when there is no lane
    size_t area_at = 0;      ///< bytes up to the area (the indicator and its ',')
    uint32_t indicator = 0;  ///< the key's piece-local indicator and area
    uint32_t area = 0;
    bool percent_ok = false;  ///< whether a value written with '%' is in the unit of the key's indicator
    uint32_t last_period = Interner::none;
    uint32_t first_period = Interner::none;  ///< the period the key's series began with
    std::vector<PeriodWord> period_words;    ///< by piece-local period id, as far as made
};

/// The word of each of the piece's periods named so far, made once.
void make_period_words(std::vector<PeriodWord>& words, const std::vector<FirstPlace>& first) {
    for (size_t i = words.size(); i < first.size(); ++i) {
        const std::string_view raw = first[i].raw;
        PeriodWord w;
        if (!raw.empty() && raw.size() <= 7) {
            char bytes[8] = {};
            std::memcpy(bytes, raw.data(), raw.size());
            bytes[raw.size()] = ',';
            std::memcpy(&w.word, bytes, 8);
            w.mask = raw.size() == 7 ? ~uint64_t{0} : (uint64_t{1} << (8 * (raw.size() + 1))) - 1;
            w.len = static_cast<uint32_t>(raw.size());
        }
        words.push_back(w);
    }
}

/// Whether the row at p begins another series of the key's indicator, with
/// an area of printable ASCII but ',' and '"' (read and named here); if so
/// the key becomes the row's, its run is begun at row `n`, and its first
/// period is guessed to be the one the key's series began with.
[[gnu::noinline]] bool begin_series(const char* p, const char* const e, LaneKey& k, Piece& pc, uint32_t line,
                                    size_t n) {
    const size_t at = k.area_at;
    if (at == 0 || static_cast<size_t>(e - p) <= at || !same_bytes(p, k.key, at)) return false;
    const char* const end = plain_text_end(p + at, e);
    if (end >= e || *end != ',') return false;
    const std::string_view raw(p + at, static_cast<size_t>(end - (p + at)));
    const std::string_view name = trim_blanks(raw);
    if (name.empty()) return false;
    LocalNames& areas = pc.names[1];
    bool added = false;
    const uint32_t id = areas.ids.intern(name, added);
    if (added) areas.first.push_back(FirstPlace{raw, line, static_cast<int>(at) + 1});
    if (id == k.area) return false;  // the same name written otherwise: the general reader's
    pc.runs.push_back(PieceRun{k.indicator, id, static_cast<uint32_t>(n)});
    k.key = p;
    k.len = static_cast<size_t>(end + 1 - p);
    k.area = id;
    k.last_period = k.first_period == Interner::none ? Interner::none : k.first_period - 1;
    return true;
}

/// Reads the rows from p on that begin with the key's bytes (so are of its
/// series: the same bytes read as the same names) while their period and
/// value are in their commonest forms, then those of each series of the
/// key's indicator that follows (begin_series); returns where it stopped, p
/// itself when the row there is not such a row. A small function of its
/// own, so that its loop keeps what it needs in registers.
[[gnu::noinline]] const char* lane_rows(const char* p, const char* const e, LaneKey& k, Piece& pc, LocalNames& periods,
                                        uint32_t& line) {
    uint32_t lines = line;
    // The rows go straight into the piece's columns, which grow a block at a
    // time (the vectors' ends kept here, not stored and loaded back each row).
    constexpr size_t block = 256;
    size_t n = pc.value.size();
    size_t room = n;
    uint32_t* period_at = nullptr;
    double* value_at = nullptr;
    auto grow = [&] {
        room = n + block;
        pc.period.resize(room);
        pc.value.resize(room);
        period_at = pc.period.data();
        value_at = pc.value.data();
    };
    // The periods' words, as far as made (kept here, not loaded from the vector each row).
    std::vector<PeriodWord>& words = k.period_words;
    const PeriodWord* word = words.data();
    size_t made = words.size();
    size_t begun_at = SIZE_MAX;  // the first row of a series begun here
    for (;;) {
        // The rows of the key's series. The key is compared sixteen bytes at a time when it is
        // short enough: p is before e, and the piece's padding follows its data.
        static_assert(Piece::padding >= 32);
        const char* const key = k.key;
        const size_t key_len = k.len;
        const bool short_key = key_len <= 32;
        uint32_t last = k.last_period;
        while (static_cast<size_t>(e - p) > key_len &&
               (short_key ? same_prefix32(p, key, key_len) : same_bytes(p, key, key_len))) {
            const char* const f = p + key_len;
            const char* q = f;
            // The period: most often the one after the last, as written where it first appeared (its
            // text and the ',' after it compared as one word); else printable ASCII but ',' and '"'.
            const uint32_t guess = last + 1;
            if (guess >= made && guess < periods.first.size()) {
                make_period_words(words, periods.first);
                word = words.data();
                made = words.size();
            }
            bool guessed = false;
            if (guess < made) {
                const PeriodWord& w = word[guess];
                if (w.mask != 0) {
                    uint64_t at = 0;
                    std::memcpy(&at, f, 8);
                    guessed = ((at ^ w.word) & w.mask) == 0 && f + w.len < e;
                } else {
                    const std::string_view g = periods.first[guess].raw;
                    guessed = !g.empty() && static_cast<size_t>(e - f) > g.size() && f[g.size()] == ',' &&
                              same_bytes(f, g.data(), g.size());
                }
                if (guessed) q = f + (w.mask != 0 ? w.len : periods.first[guess].raw.size());
            }
            if (!guessed) q = plain_text_end(f, e);
            double x = 0;
            bool percent = false, missing = false;
            const char* next = nullptr;
            if (guessed || (q < e && *q == ',' && q > f)) {  // (q < e: the padding holds the eight bytes read after)
                next = quick_plain(q + 1, e, x, percent);
                if (!next) next = quick_value(q + 1, e, x, percent, missing);
            }
            if (!next || (percent && !k.percent_ok) || static_cast<size_t>(next - p) > CsvReader::max_record_bytes)
                break;
            uint32_t id = guess;  // the period after the last, as a series' rows come
            if (!guessed) {       // else another, named as written where it first appeared
                const std::string_view period(f, static_cast<size_t>(q - f));
                bool added = false;
                id = periods.ids.intern(trim_blanks(period), added);
                if (added) periods.first.push_back(FirstPlace{period, lines, static_cast<int>(f - p) + 1});
            }
            if (missing) {
                pc.missing.emplace_back(static_cast<uint32_t>(n), "N/A");
                x = std::numeric_limits<double>::quiet_NaN();
            }
            if (n == room) grow();
            period_at[n] = id;  // of the last run: the key's indicator and area
            value_at[n] = x;
            ++n;
            last = id;
            ++lines;
            p = next;
        }
        k.last_period = last;
        if (begun_at != SIZE_MAX) {
            if (n == begun_at) break;  // not even its first row: the general reader's
            k.first_period = period_at[begun_at];
        }
        if (!begin_series(p, e, k, pc, lines, n)) break;
        begun_at = n;
    }
    if (room != n) {  // (untouched when no row was read here: a file whose rows seldom share a series)
        pc.period.resize(n);
        pc.value.resize(n);
    }
    line = lines;
    return p;
}

}  // namespace

/// Parses piece k's rows; stops (gave_up) at the first it cannot read exactly.
void parse_piece(const Layout& L, Piece& pc) {
    const char* const base = pc.buf.get() + (pc.begin - pc.lo);
    const char* const e = pc.buf.get() + (pc.end - pc.lo);
    const bool at_eof = pc.end == L.size;
    const size_t est = static_cast<size_t>(pc.end - pc.begin) / 24 + 16;
    pc.period.reserve(est);
    pc.value.reserve(est);
    const char* p = base;
    uint32_t line = 0;
    std::array<int, 7> column{};
    std::array<int, 4> field_of{};  // role -> field
    for (int r = 0; r < 4; ++r) field_of[static_cast<size_t>(r)] = L.column[static_cast<size_t>(r)];
    // The fast lane. In a file of exactly indicator, area, period and value,
    // in that order, a row that begins with the same bytes as the last row
    // read in full, up to its period, is of the same series (the same bytes
    // read as the same names); when its period and value are in their
    // commonest forms it is read here, without reading the names again: it
    // belongs to the last run, which that row began or went on.
    const bool lane = L.fields == 4 && L.column == std::array<int, 4>{0, 1, 2, 3};
    LaneKey lk;
    std::vector<char> percent_ok;  // by local indicator: whether a value written with '%' is in its unit
    LocalNames& periods = pc.names[2];
    // The names of the last row read in full (a new series mostly keeps its indicator and first period).
    std::array<std::string_view, 3> last_name{};
    std::array<uint32_t, 3> last_id{};
    while (p < e) {
        if (lk.len != 0) {
            p = lane_rows(p, e, lk, pc, periods, line);
            if (p >= e) break;
        }
        const char c = *p;
        if (c == '\n') {
            ++p;
            ++line;
            continue;
        }
        if (c == '\r') {
            if (p + 1 < e && p[1] == '\n') {
                p += 2;
                ++line;
                continue;
            }
            pc.gave_up = true;
            break;
        }
        if (c == '#') {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(e - p)));
            const char* stop = nl ? nl : e;
            if (static_cast<size_t>(stop - p) >= CsvReader::max_record_bytes) {
                pc.gave_up = true;
                break;
            }
            const char* cr = static_cast<const char*>(std::memchr(p, '\r', static_cast<size_t>(stop - p)));
            if (cr && !(cr + 1 == nl)) {
                pc.gave_up = true;
                break;
            }
            p = nl ? nl + 1 : e;
            if (nl) ++line;
            continue;
        }
        // A record.
        const char* const row = p;
        unsigned high = 0;
        int fields = 0;
        bool any_text = false, bad = false;
        std::array<std::string_view, 7> raw;
        for (;;) {
            const char* fs = p;
            std::string_view t;
            if (p < e && *p == '"') {
                const char* q = static_cast<const char*>(std::memchr(p + 1, '"', static_cast<size_t>(e - p - 1)));
                if (!q) {
                    bad = true;
                    break;
                }
                t = std::string_view(p + 1, static_cast<size_t>(q - p - 1));
                if (t.find_first_of("\r\n") != std::string_view::npos || (q + 1 < e && q[1] == '"')) {
                    bad = true;
                    break;
                }
                for (char ch : t) high |= static_cast<unsigned char>(ch);
                p = q + 1;
                if (p < e && *p != ',' && *p != '\n' && *p != '\r') {
                    bad = true;
                    break;
                }
            } else {
                p = scan_unquoted(p, e, high);
                t = std::string_view(fs, static_cast<size_t>(p - fs));
            }
            any_text = any_text || !t.empty();
            if (fields < 7) {
                raw[static_cast<size_t>(fields)] = t;
                column[static_cast<size_t>(fields)] = static_cast<int>(fs - row) + 1;
            }
            ++fields;
            if (p == e) {
                if (!at_eof) bad = true;  // a piece ends after a line end
                break;
            }
            if (*p == ',') {
                ++p;
                continue;
            }
            if (*p == '\r') {
                if (p + 1 >= e || p[1] != '\n') {
                    bad = true;
                    break;
                }
                p += 2;
            } else {
                ++p;
            }
            break;
        }
        if (bad || static_cast<size_t>(p - row) > CsvReader::max_record_bytes) {
            pc.gave_up = true;
            break;
        }
        const uint32_t row_line = line;
        if (p[-1] == '\n') ++line;
        if (!any_text) continue;  // a row of empty cells
        if (fields != L.fields) {
            pc.gave_up = true;
            break;
        }
        const bool non_ascii = (high & 0x80) != 0;
        if (non_ascii) {
            for (std::string_view t : raw)
                if (invalid_utf8_at(t) != std::string_view::npos) bad = true;
            if (bad) {
                pc.gave_up = true;
                break;
            }
        }
        // Indicator, area and period: piece-local ids, and where each first occurs.
        uint32_t id[3];
        for (int r = 0; r < 3; ++r) {
            const size_t f = static_cast<size_t>(field_of[static_cast<size_t>(r)]);
            LocalNames& names = pc.names[static_cast<size_t>(r)];
            const std::string_view name = trim_blanks(raw[f]);
            std::string_view& last = last_name[static_cast<size_t>(r)];
            if (name.size() == last.size() && same_bytes(name.data(), last.data(), name.size()) && !last.empty()) {
                id[r] = last_id[static_cast<size_t>(r)];  // as the last row read in full: no lookup
                continue;
            }
            bool added = false;
            id[r] = names.ids.intern(name, added);
            last = name;
            last_id[static_cast<size_t>(r)] = id[r];
            if (added) {
                int col = column[f];
                if (non_ascii) {
                    std::string_view before(row, static_cast<size_t>(col - 1));
                    col = static_cast<int>(utf8_length(before)) + 1;
                }
                names.first.push_back(FirstPlace{raw[f], row_line, col});
                if (r == 0) {
                    const Indicator* d = nullptr;
                    if (L.declared) {
                        std::string_view wanted = trim_blanks(raw[f]);
                        for (const Indicator& ind : *L.declared)
                            if (ind.id == wanted) d = &ind;
                    }
                    pc.declared.push_back(d);
                    CellValue marked;
                    marked.percent = true;
                    percent_ok.push_back(!d || unit_mismatch(marked, *d).empty());
                }
            }
        }
        // The value, as read_value reads it.
        std::string_view v = raw[static_cast<size_t>(field_of[3])];
        double x = 0;
        if (!plain_number(v, x)) {
            Result<CellValue> cell = parse_cell(v);
            if (!cell) {
                pc.gave_up = true;
                break;
            }
            if (const Indicator* ind = pc.declared[id[0]];
                ind && cell->value && !unit_mismatch(cell.value(), *ind).empty()) {
                pc.gave_up = true;
                break;
            }
            if (cell->value) {
                x = *cell->value;
            } else {
                pc.missing.emplace_back(static_cast<uint32_t>(pc.value.size()), std::move(cell->missing));
                x = std::numeric_limits<double>::quiet_NaN();
            }
        }
        if (L.fields > 4 && !read_counts(L, raw, pc.declared[id[0]], x, pc)) {
            pc.gave_up = true;
            break;
        }
        const bool begins = pc.runs.empty() || pc.runs.back().ind != id[0] || pc.runs.back().area != id[1];
        if (begins) pc.runs.push_back(PieceRun{id[0], id[1], static_cast<uint32_t>(pc.value.size())});
        pc.period.push_back(id[2]);
        pc.value.push_back(x);
        if (lane && !non_ascii && row[column[2] - 1] != '"') {
            lk.key = row;
            lk.len = static_cast<size_t>(column[2] - 1);
            lk.area_at = static_cast<size_t>(column[1] - 1);
            lk.indicator = id[0];
            lk.area = id[1];
            lk.percent_ok = percent_ok[id[0]] != 0;
            lk.last_period = id[2];
            if (begins) lk.first_period = id[2];
        } else {
            lk.len = 0;  // the lane's rows are of the last run, this row's
        }
    }
    pc.newlines = line;
}

namespace {

/// Work shared by the threads of one read.
class Pipeline {
public:
    Pipeline(const Layout& L, unsigned threads) : L_(L), window_(2 * threads + 2) {
        pieces_.resize(L.pieces);
        try {
            for (unsigned t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
            hasher_ = std::thread([this] { hash(); });
        } catch (...) {
            stop();
            throw;
        }
    }
    ~Pipeline() { stop(); }
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    /// Piece k, once parsed (rethrows a worker's failure).
    Piece& wait(size_t k) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return failure_ || (pieces_[k] && pieces_[k]->ready); });
        if (failure_) std::rethrow_exception(failure_);
        return *pieces_[k];
    }
    /// Piece k is merged: hash it, then free it.
    void merged(size_t k) {
        std::lock_guard lock(mutex_);
        merged_ = k + 1;
        changed_.notify_all();
    }
    /// The SHA-256 of the header bytes and then of every piece, once all are merged.
    std::string digest() {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return failure_ || hash_done_; });
            if (failure_) std::rethrow_exception(failure_);
        }
        return sha_.hex();
    }
    /// The bytes before the first piece (kept alive by the caller), to be hashed first.
    void set_header(std::string_view header) {
        std::lock_guard lock(mutex_);
        header_ = header;
        have_header_ = true;
        changed_.notify_all();
    }

private:
    void fail(std::exception_ptr e) {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = e;
        changed_.notify_all();
    }

    void work() {
        for (;;) {
            size_t k;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock,
                              [&] { return stopping_ || failure_ || next_ >= L_.pieces || next_ < hashed_ + window_; });
                if (stopping_ || failure_ || next_ >= L_.pieces) return;
                k = next_++;
            }
            try {
                std::unique_ptr<Piece> pc;
                {
                    std::lock_guard lock(mutex_);
                    if (!spare_.empty()) {
                        pc = std::move(spare_.back());
                        spare_.pop_back();
                    }
                }
                pc = parsed_piece(L_, k, std::move(pc));
                std::lock_guard lock(mutex_);
                pieces_[k] = std::move(pc);
                changed_.notify_all();
            } catch (...) {
                fail(std::current_exception());
                return;
            }
        }
    }

    void hash() {
        try {
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return stopping_ || failure_ || have_header_; });
                if (stopping_ || failure_) return;
            }
            sha_.update(header_);
            for (size_t k = 0; k < L_.pieces; ++k) {
                Piece* pc;
                {
                    std::unique_lock lock(mutex_);
                    changed_.wait(lock, [&] { return stopping_ || failure_ || merged_ > k; });
                    if (stopping_ || failure_) return;
                    pc = pieces_[k].get();
                }
                // Piece k's share of the file: [nominal, next nominal).
                const uint64_t nominal = L_.start + static_cast<uint64_t>(k) * L_.piece;
                const uint64_t next = std::min<uint64_t>(L_.size, nominal + L_.piece);
                sha_.update(std::string_view(pc->buf.get() + (nominal - pc->lo), static_cast<size_t>(next - nominal)));
                std::lock_guard lock(mutex_);
                spare_.push_back(std::move(pieces_[k]));  // its storage serves a later piece
                hashed_ = k + 1;
                changed_.notify_all();
            }
            std::lock_guard lock(mutex_);
            hash_done_ = true;
            changed_.notify_all();
        } catch (...) {
            fail(std::current_exception());
        }
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            changed_.notify_all();
        }
        for (std::thread& t : workers_) t.join();
        if (hasher_.joinable()) hasher_.join();
    }

    const Layout& L_;
    const size_t window_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::unique_ptr<Piece>> pieces_;
    std::vector<std::unique_ptr<Piece>> spare_;  ///< hashed pieces, to be reused
    std::vector<std::thread> workers_;
    std::thread hasher_;
    size_t next_ = 0, merged_ = 0, hashed_ = 0;
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::string_view header_;
    bool have_header_ = false;
    bool hash_done_ = false;
    Sha256 sha_;
};

}  // namespace

std::optional<PlainColumns> plain_header(const std::vector<CsvField>& header) {
    static constexpr std::array<std::string_view, 7> names = {"indicator", "area",        "period", "value",
                                                              "numerator", "denominator", "sd"};
    if (header.size() < 4 || header.size() > names.size()) return std::nullopt;
    std::array<int, 7> at{-1, -1, -1, -1, -1, -1, -1};
    for (size_t i = 0; i < header.size(); ++i) {
        std::string name(trim_blanks(header[i].text));
        for (char& c : name)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        size_t r = 0;
        while (r < names.size() && name != names[r]) ++r;
        if (r == names.size() || at[r] >= 0) return std::nullopt;
        at[r] = static_cast<int>(i);
    }
    PlainColumns out;
    for (size_t r = 0; r < 4; ++r) {
        if (at[r] < 0) return std::nullopt;
        out.at[r] = at[r];
    }
    for (size_t r = 0; r < 3; ++r) out.counts[r] = at[4 + r];
    out.fields = static_cast<int>(header.size());
    return out;
}

unsigned thread_count(unsigned threads) {
    if (threads > 0) return threads;
    unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

std::optional<InputFile> read_observations_parallel(const std::filesystem::path& path, const std::string& display,
                                                    DatasetBuilder& builder, const std::vector<Indicator>* declared,
                                                    uint64_t bytes_after, const ParallelRead& how) {
    // The header, read by the general reader (BOM, comment lines, quoting).
    CsvReader reader(path, display);
    std::vector<CsvField> header;
    if (!reader.next(header)) return std::nullopt;
    std::optional<PlainColumns> at = plain_header(header);
    if (!at) return std::nullopt;

    Layout L;
    L.size = reader.file_size();
    L.start = reader.bytes_parsed();
    L.column = at->at;
    L.counts = at->counts;
    L.fields = at->fields;
    L.declared = declared;
    L.piece = std::max<size_t>(how.piece_bytes, 1);
    L.pieces = L.size > L.start ? static_cast<size_t>((L.size - L.start + L.piece - 1) / L.piece) : 0;
    Fd file;
    file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file.fd < 0) return std::nullopt;
    L.fd = file.fd;
    std::string head(static_cast<size_t>(L.start), '\0');
    if (read_at(L.fd, head.data(), head.size(), 0) != head.size()) return std::nullopt;
    // The lines before the first row; a lone CR there is a line end only the general reader counts.
    for (size_t i = 0; i < head.size(); ++i)
        if (head[i] == '\r' && (i + 1 == head.size() || head[i + 1] != '\n')) return std::nullopt;
    uint32_t line = 1 + static_cast<uint32_t>(std::count(head.begin(), head.end(), '\n'));

    builder.begin_file(path, display, L.column[0], L.column[1], L.column[2]);
    try {
        Pipeline pipeline(L, thread_count(how.threads));
        pipeline.set_header(head);
        constexpr uint32_t none = Interner::none;
        std::vector<uint32_t> map[3];
        for (size_t k = 0; k < L.pieces; ++k) {
            Piece& pc = pipeline.wait(k);
            for (int r = 0; r < 3; ++r) map[r].assign(pc.names[static_cast<size_t>(r)].first.size(), none);
            auto global = [&](int r, uint32_t local) {
                uint32_t& g = map[r][local];
                if (g != none) return g;
                const FirstPlace& fp = pc.names[static_cast<size_t>(r)].first[local];
                CsvField f{fp.raw, static_cast<int>(line + fp.line), fp.column};
                g = r == 0   ? builder.indicator(reader, f)
                    : r == 1 ? builder.area(reader, f)
                             : builder.period(reader, f);
                return g;
            };
            const size_t n = pc.value.size();
            if (k == 0 && n > 0) {
                // Room for every row of this file and those after it, estimated from this piece.
                double per_row = static_cast<double>(pc.end - pc.begin) / static_cast<double>(n);
                builder.reserve(
                    static_cast<size_t>(static_cast<double>(L.size - L.start + bytes_after) / per_row * 1.1) + 1024);
            }
            size_t m = 0, c = 0, run = 0;
            uint32_t ind = none, ar = none;
            for (size_t i = 0; i < n; ++i) {
                if (run < pc.runs.size() && pc.runs[run].begin == i) {
                    ind = global(0, pc.runs[run].ind);
                    ar = global(1, pc.runs[run].area);
                    ++run;
                }
                uint32_t per = global(2, pc.period[i]);
                uint32_t row = static_cast<uint32_t>(builder.rows());
                if (m < pc.missing.size() && pc.missing[m].first == i) builder.missing(row, pc.missing[m++].second);
                builder.add(ind, ar, per, pc.value[i]);
                if (c < pc.counts.size() && pc.counts[c].first == i) builder.counts(row, pc.counts[c++].second);
            }
            if (pc.gave_up) throw NeedsGeneralReader{};
            line += pc.newlines;
            pipeline.merged(k);
        }
        return InputFile{display, pipeline.digest(), L.size};
    } catch (const InputError&) {
        throw NeedsGeneralReader{};  // the general reader says where, as it always has
    } catch (const GiveUp&) {
        throw NeedsGeneralReader{};
    } catch (const std::system_error&) {
        throw NeedsGeneralReader{};  // no thread to be had: the general reader needs none
    }
}

}  // namespace assay::dataset
