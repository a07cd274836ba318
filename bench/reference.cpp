// assay-reference: the yardstick of the SPEC's "Speed and scale" section. A
// single-purpose program, written by hand for one job and one input shape,
// that does an LSP-style assessment of every series of an assay-gen dataset:
//   - arrow: the last two available values, static within 1.5 % of the
//     previous one, improved/declined by the indicator's polarity
//     (increased/decreased for neutral indicators);
//   - target: reduce by 10 % from the value of the first month (--from) by a
//     due month (--by); a straight-line trajectory from baseline to target;
//     on track when the latest value is at or below the trajectory;
//   - rating: on track GREEN, else improved AMBER, else RED; none when the
//     baseline month has no value;
// and writes one compact JSON line per series, in input order.
//
// How it is fast: the CSV is read in 1 MB blocks (small enough to stay in
// cache, and memory stays flat whatever the file size); each row is parsed
// by hand in one pass; each series is assessed as soon as its last row is
// read; the file is split at series boundaries between --threads workers
// (default: one per core), whose outputs are concatenated in order.
//
// What it assumes: rows grouped by series and sorted by month (as assay-gen
// writes them; it checks this and stops otherwise), the header
// indicator,area,period,value, months as YYYY-MM, quotes only in the value
// column. It depends on fmt and fast_float only.

#include <fast_float/fast_float.h>
#include <fmt/compile.h>
#include <fmt/format.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

enum class Polarity { higher, lower, neutral };
enum class Arrow { improved, static_, declined, increased, decreased, none };
constexpr const char* kArrowNames[] = {"improved", "static", "declined", "increased", "decreased", "none"};
enum Rating { red, amber, green, unrated };
constexpr const char* kRatingNames[] = {"RED", "AMBER", "GREEN", "none"};

constexpr double kStaticBand = 0.015;  // 1.5 % of |previous|
constexpr double kReduceBy = 0.10;     // target: 10 % below the baseline
constexpr size_t kBlock = 1u << 20;    // read size: stays in cache while it is parsed
constexpr size_t kPad = 4096;          // see Worker::run
constexpr char kHeader[] = "indicator,area,period,value";

/// A failure at a byte offset of the observations file (the line number is
/// worked out only when reporting it, so the hot loop need not count lines).
struct ParseError : std::runtime_error {
    ParseError(uint64_t at, const std::string& what) : std::runtime_error(what), offset(at) {}
    uint64_t offset;
};

[[noreturn]] void fail(const std::string& msg) {
    throw std::runtime_error(msg);
}

struct Options {
    std::string data;
    std::string out;
    std::string from = "2022-01";
    std::string by = "2025-12";
    unsigned threads = 0;  // 0: one per core
    bool durable = false;  // write beside FILE, sync to disk, rename over FILE (as assay's --out)
};

/// A month label "YYYY-MM" as a month count (year*12 + month-1), or -1.
inline __attribute__((always_inline)) int parse_month(const char* p, size_t n) {
    if (n != 7 || p[4] != '-') return -1;
    unsigned d[6];
    const int at[6] = {0, 1, 2, 3, 5, 6};
    for (int i = 0; i < 6; ++i)
        if ((d[i] = unsigned(p[at[i]] - '0')) > 9) return -1;
    const int year = int(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
    const int month = int(d[4] * 10 + d[5]);
    if (month < 1 || month > 12) return -1;
    return year * 12 + month - 1;
}

/// Reads a whole small file.
std::string slurp(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) fail(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    std::string s;
    char tmp[65536];
    for (ssize_t n; (n = ::read(fd, tmp, sizeof tmp)) > 0;) s.append(tmp, size_t(n));
    ::close(fd);
    return s;
}

/// Splits a small RFC 4180 CSV text into rows of fields (for indicators.csv).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field)), field.clear();
        } else if (c == '\n') {
            if (!field.empty() && field.back() == '\r') field.pop_back();
            rows.back().push_back(std::move(field)), field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
    std::erase_if(rows, [](const auto& r) { return r.empty() || (r.size() == 1 && r[0].empty()); });
    return rows;
}

/// Indicator id -> polarity, from indicators.csv.
std::unordered_map<std::string, Polarity> load_indicators(const std::string& path) {
    const auto rows = parse_csv(slurp(path));
    if (rows.empty()) fail(path + ": empty file");
    const auto& head = rows[0];
    const auto col = [&](std::string_view name) -> int {
        for (size_t i = 0; i < head.size(); ++i)
            if (head[i] == name) return int(i);
        return -1;
    };
    const int id = col("id"), pol = col("polarity");
    if (id < 0) fail(path + ": no 'id' column");
    std::unordered_map<std::string, Polarity> out;
    for (size_t r = 1; r < rows.size(); ++r) {
        if (size_t(id) >= rows[r].size()) fail(fmt::format("{}: row {} has no id", path, r + 1));
        const std::string p = pol >= 0 && size_t(pol) < rows[r].size() ? rows[r][size_t(pol)] : std::string();
        Polarity v = Polarity::neutral;
        if (p == "higher_is_better" || p == "higher" || p == "up")
            v = Polarity::higher;
        else if (p == "lower_is_better" || p == "lower" || p == "down")
            v = Polarity::lower;
        out[rows[r][size_t(id)]] = v;
    }
    return out;
}

/// Output written in large blocks.
class Out {
public:
    explicit Out(const std::string& path) : path_(path) {
        fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd_ < 0) fail(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
    }
    ~Out() {
        if (fd_ >= 0) ::close(fd_);
    }
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;

    fmt::memory_buffer buf;
    void maybe_flush() {
        if (buf.size() >= (2u << 20)) flush();
    }
    void flush() {
        const char* p = buf.data();
        size_t n = buf.size();
        while (n) {
            const ssize_t w = ::write(fd_, p, n);
            if (w < 0) fail(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
            p += w, n -= size_t(w);
        }
        buf.clear();
    }

private:
    std::string path_;
    int fd_ = -1;
};

/// What a worker counted.
struct Stats {
    uint64_t rows = 0, series = 0;
    uint64_t ratings[4] = {};
    uint64_t arrows[6] = {};
    void add(const Stats& o) {
        rows += o.rows, series += o.series;
        for (int i = 0; i < 4; ++i) ratings[i] += o.ratings[i];
        for (int i = 0; i < 6; ++i) arrows[i] += o.arrows[i];
    }
};

/// Appends a number as the shortest text that reads back the same; whole
/// numbers (most counts) skip the general algorithm.
void put_number(fmt::memory_buffer& b, double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        const fmt::format_int i(static_cast<long long>(v));
        b.append(i.data(), i.data() + i.size());
    } else {
        fmt::format_to(fmt::appender(b), FMT_COMPILE("{}"), v);
    }
}

void put_month(fmt::memory_buffer& b, int m) {
    const int y = m / 12, mm = m % 12 + 1;
    const char s[7] = {char('0' + y / 1000), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10), '-',
                       char('0' + mm / 10),  char('0' + mm % 10)};
    b.append(s, s + 7);
}

// Comparisons of figures absorb binary noise (80 - 78.8 is 1.2000000000000028),
// so that a change of exactly 1.5 % is inside a 1.5 % band, as a reader of
// the published figures would expect; no real difference is that small.
constexpr double kNoise = 1e-9;

/// |x| <= limit, give or take binary noise relative to `scale`.
bool within(double x, double limit, double scale) {
    return std::fabs(x) <= limit + kNoise * std::max(std::fabs(limit), std::fabs(scale));
}

/// value <= reference, give or take binary noise.
bool at_or_below(double value, double reference) {
    return value <= reference + kNoise * std::max(std::fabs(value), std::fabs(reference));
}

/// One series as read: its names and its (month, value) pairs.
struct SeriesBuf {
    std::string indicator;
    std::string area;
    Polarity polarity = Polarity::neutral;
    std::vector<int> month;
    std::vector<double> value;  // NaN when missing
};

/// Assesses one series and appends its JSON line.
void assess(const SeriesBuf& s, int from, int due, fmt::memory_buffer& b, Stats& st) {
    const auto app = [&](std::string_view v) { b.append(v.data(), v.data() + v.size()); };
    const size_t n = s.value.size();
    size_t cur = n, prev = n;  // the latest and the previous available values
    for (size_t i = n; i-- > 0;)
        if (!std::isnan(s.value[i])) {
            if (cur == n)
                cur = i;
            else {
                prev = i;
                break;
            }
        }
    ++st.series;
    app("{\"indicator\":\"");
    app(s.indicator);
    app("\",\"area\":\"");
    app(s.area);
    if (cur == n) {
        app("\",\"arrow\":null,\"arrow_reason\":\"no value\",\"rating\":null}\n");
        ++st.ratings[unrated], ++st.arrows[int(Arrow::none)];
        return;
    }
    const double v = s.value[cur];
    app("\",\"period\":\"");
    put_month(b, s.month[cur]);
    app("\",\"value\":");
    put_number(b, v);

    Arrow arrow = Arrow::none;
    if (prev != n) {
        const double p = s.value[prev];
        const double change = v - p;
        app(",\"previous\":{\"period\":\"");
        put_month(b, s.month[prev]);
        app("\",\"value\":");
        put_number(b, p);
        app("},\"change\":");
        put_number(b, change);
        if (p != 0) {
            app(",\"change_pct\":");
            put_number(b, change / std::fabs(p) * 100.0);
        }
        const bool inside =
            p == 0 ? change == 0 : within(change, kStaticBand * std::fabs(p), std::max(std::fabs(p), std::fabs(v)));
        if (inside)
            arrow = Arrow::static_;
        else if (s.polarity == Polarity::neutral)
            arrow = change > 0 ? Arrow::increased : Arrow::decreased;
        else
            arrow = (change < 0) == (s.polarity == Polarity::lower) ? Arrow::improved : Arrow::declined;
        app(",\"arrow\":\"");
        app(kArrowNames[int(arrow)]);
        app("\"");
    } else {
        app(",\"arrow\":null,\"arrow_reason\":\"no previous value\"");
    }
    ++st.arrows[int(arrow)];

    // A target without its baseline cannot be judged: no rating rather than
    // a guess (as Assay does).
    const auto base = std::lower_bound(s.month.begin(), s.month.end(), from);
    const size_t bi = size_t(base - s.month.begin());
    if (base == s.month.end() || *base != from || std::isnan(s.value[bi])) {
        app(",\"target\":null,\"rating\":null,\"rating_reason\":\"no value for the baseline\"}\n");
        ++st.ratings[unrated];
        return;
    }
    const double b0 = s.value[bi];
    const double target = b0 * (1.0 - kReduceBy);
    const double share = std::clamp(double(s.month[cur] - from) / double(due - from), 0.0, 1.0);
    const double trajectory = b0 + (target - b0) * share;
    const bool on_track = at_or_below(v, trajectory);
    app(",\"target\":{\"baseline\":");
    put_number(b, b0);
    app(",\"value\":");
    put_number(b, target);
    app(",\"trajectory\":");
    put_number(b, trajectory);
    app(on_track ? ",\"on_track\":true" : ",\"on_track\":false");
    app(at_or_below(v, target) ? ",\"met\":true}" : ",\"met\":false}");
    const Rating r = on_track ? green : arrow == Arrow::improved ? amber : red;
    ++st.ratings[r];
    app(",\"rating\":\"");
    app(kRatingNames[r]);
    app("\"}\n");
}

/// Parses a value cell as people write it; false when it is not a number.
/// Missing ("N/A", "n/a", "NA", "-", empty) gives NaN. The general path,
/// for what the fast path in the row loop does not take.
bool parse_value(const char* p, const char* e, double& out) {
    char tmp[64];
    if (p < e && *p == '"') {  // quoted: "1,843" -> 1843
        size_t k = 0;
        for (++p; p < e && *p != '"'; ++p)
            if (*p != ',') {
                if (k == sizeof tmp) return false;
                tmp[k++] = *p;
            }
        if (p == e || p + 1 != e) return false;
        p = tmp, e = tmp + k;
    }
    const size_t n = size_t(e - p);
    if (n == 0 || (n == 1 && *p == '-') ||
        (n == 3 && (std::memcmp(p, "N/A", 3) == 0 || std::memcmp(p, "n/a", 3) == 0)) ||
        (n == 2 && std::memcmp(p, "NA", 2) == 0)) {
        out = std::nan("");
        return true;
    }
    bool negate = false;
    if (n >= 2 && *p == '(' && e[-1] == ')') ++p, --e, negate = true;
    if (p < e && e[-1] == '%') --e;
    if (p < e && *p == '+') ++p;
    const auto r = fast_float::from_chars(p, e, out);
    if (r.ec != std::errc() || r.ptr != e) return false;
    if (negate) out = -out;
    return true;
}

constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/// The common case: digits, an optional '.' and digits, an optional '%',
/// then the end of the row. Sets `out` and returns the '\n' (or '\r')
/// ending the row, or null for anything else. With at most 15 digits, both
/// the digits and the power of ten are exact doubles, so one division gives
/// the correctly rounded value (as fast_float's own fast path does).
const char* parse_plain(const char* p, double& out) {
    uint64_t m = 0;
    int digits = 0, frac = -1;
    for (;; ++p) {
        const unsigned d = unsigned(*p - '0');
        if (d <= 9) {
            m = m * 10 + d, ++digits;
            if (frac >= 0) ++frac;
        } else if (*p == '.' && frac < 0) {
            frac = 0;
        } else {
            break;
        }
    }
    if (digits == 0 || digits > 15 || frac == 0) return nullptr;
    if (*p == '%') ++p;
    if (*p != '\n' && *p != '\r') return nullptr;
    out = frac > 0 ? double(m) / kPow10[frac] : double(m);
    return p;
}

/// True when the `n` bytes at p and q are equal (n is small: a series key).
inline bool same_bytes(const char* p, const char* q, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t a, b;
        std::memcpy(&a, p + i, 8), std::memcpy(&b, q + i, 8);
        if (a != b) return false;
    }
    for (; i < n; ++i)
        if (p[i] != q[i]) return false;
    return true;
}

/// Assesses the series in bytes [begin, end) of the observations file, which
/// start and end at series boundaries, writing JSON lines to `out_path`.
class Worker {
public:
    Worker(int fd, uint64_t begin, uint64_t end, const std::unordered_map<std::string, Polarity>& polarity, int from,
           int due)
        : fd_(fd), begin_(begin), end_(end), polarity_(polarity), from_(from), due_(due) {
        s_.month.reserve(64), s_.value.reserve(64);
    }

    void run(const std::string& out_path) {
        Out out(out_path);
        // Room for one byte more than is read (a missing final '\n'), and
        // padding so that comparing a key near the end stays inside.
        std::vector<char> storage(2 * kBlock + 1 + kPad);
        const std::span<char> buf(storage.data(), 2 * kBlock + 1);
        size_t have = 0;
        uint64_t pos = begin_;  // file offset of the next read
        while (pos < end_ || have) {
            const size_t want = size_t(std::min<uint64_t>({end_ - pos, kBlock, buf.size() - 1 - have}));
            if (have && want == 0 && pos < end_) throw ParseError(pos - have, "line too long");
            const ssize_t got = want ? ::pread(fd_, buf.data() + have, want, off_t(pos)) : 0;
            if (got < 0) fail(fmt::format("cannot read: {}", std::strerror(errno)));
            if (want && got == 0) throw ParseError(pos, "the file shrank while being read");
            pos += uint64_t(got);
            have += size_t(got);
            const uint64_t buf_at = pos - have;                                    // file offset of buf[0]
            if (pos == end_ && have && buf[have - 1] != '\n') buf[have++] = '\n';  // the last row, unterminated
            const char* last_nl = static_cast<const char*>(memrchr(buf.data(), '\n', have));
            if (!last_nl) continue;
            const size_t used = size_t(last_nl + 1 - buf.data());
            parse_rows(buf.data(), last_nl + 1, buf_at, out);
            have -= used;
            std::memmove(buf.data(), buf.data() + used, have);
        }
        finish(out);
        out.flush();
        std::sort(seen.begin(), seen.end());  // here, in parallel, rather than all at the end
    }

    Stats stats;
    std::vector<uint64_t> seen;  ///< hashes of the series keys (sorted at the end), to check series are contiguous

private:
    /// Parses whole rows in [p, end); `at` is the file offset of p.
    void parse_rows(const char* p, const char* end, uint64_t at, Out& out) {
        const char* const base = p;
        const auto where = [&](const char* q) { return at + uint64_t(q - base); };
        while (p < end) {
            const char* f;  // start of the period field
            if (!key_.empty() && same_bytes(p, key_.data(), key_.size()) && p[key_.size()] == ',') {
                f = p + key_.size() + 1;                         // same series as the previous row
            } else if (*p == '\n' || *p == '\r' || *p == '#') {  // blank line or comment
                p = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p))) + 1;
                continue;
            } else {
                f = start_series(p, end, where(p), out);
            }
            const int m = f[7] == ',' ? parse_month(f, 7) : -1;
            if (m < 0)
                throw ParseError(where(p),
                                 fmt::format("column {}: expected a month such as 2024-09, then the value", f - p + 1));
            if (!s_.month.empty() && m <= s_.month.back())
                throw ParseError(where(p), "months of a series must be in ascending order, without repeats");
            double v;
            const char* nl = parse_plain(f + 8, v);
            if (!nl) {  // quoted, missing, signed...: find the end of the row, then the general parser
                nl = f + 8;
                while (*nl != '\n') ++nl;
                const char* le = nl > f + 8 && nl[-1] == '\r' ? nl - 1 : nl;
                if (!parse_value(f + 8, le, v))
                    throw ParseError(
                        where(p),
                        fmt::format("column {}: expected a number such as 1,843 or 89.2%, or N/A", f + 8 - p + 1));
            } else if (*nl == '\r') {
                if (nl[1] != '\n') throw ParseError(where(p), "a carriage return inside a row");
                ++nl;
            }
            s_.month.push_back(m);
            s_.value.push_back(v);
            ++stats.rows;
            p = nl + 1;
        }
    }

    /// Assesses the series read so far and starts the one whose first row is
    /// at p; returns the start of that row's period field.
    const char* start_series(const char* p, const char* end, uint64_t at, Out& out) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
        const char* c1 = static_cast<const char*>(std::memchr(p, ',', size_t(nl - p)));
        const char* c2 = c1 ? static_cast<const char*>(std::memchr(c1 + 1, ',', size_t(nl - c1 - 1))) : nullptr;
        if (!c2 || nl - c2 < 9) throw ParseError(at, "expected indicator,area,period,value");
        finish(out);
        key_.assign(p, c2);
        s_.indicator.assign(p, c1);
        s_.area.assign(c1 + 1, c2);
        if (key_.find('"') != std::string::npos)
            throw ParseError(at, "this program accepts quotes only in the value column");
        const auto it = polarity_.find(s_.indicator);
        if (it == polarity_.end()) throw ParseError(at, fmt::format("unknown indicator '{}'", s_.indicator));
        s_.polarity = it->second;
        s_.month.clear();
        s_.value.clear();
        seen.push_back(std::hash<std::string>{}(key_));
        return c2 + 1;
    }

    void finish(Out& out) {
        if (key_.empty()) return;
        assess(s_, from_, due_, out.buf, stats);
        out.maybe_flush();
    }

    int fd_;
    uint64_t begin_, end_;
    const std::unordered_map<std::string, Polarity>& polarity_;
    int from_, due_;
    std::string key_;  // "indicator,area" of the series being read
    SeriesBuf s_;
};

/// Reads up to `n` bytes at `at`.
std::string read_at(int fd, uint64_t at, size_t n) {
    std::string s(n, '\0');
    const ssize_t got = ::pread(fd, s.data(), n, off_t(at));
    s.resize(got > 0 ? size_t(got) : 0);
    return s;
}

/// The offset of the first row at or after `at` that starts a new series
/// (or `size`), so that a worker never shares a series with another.
uint64_t series_boundary(int fd, uint64_t at, uint64_t size) {
    const std::string w = read_at(fd, at, 256 * 1024);  // far more than one series
    size_t i = w.find('\n');
    if (i == std::string::npos) return size;
    ++i;
    const size_t c1 = w.find(',', i), c2 = c1 == std::string::npos ? c1 : w.find(',', c1 + 1);
    if (c2 == std::string::npos) return size;
    const std::string key = w.substr(i, c2 - i + 1);
    for (size_t j; (j = w.find('\n', i)) != std::string::npos; i = j + 1)  // whole rows only
        if (w.compare(i, key.size(), key) != 0) return at + i;
    return size;  // a series longer than the window: let one worker take the rest
}

/// "file:line: message" for an error at byte `offset`.
std::string locate(const std::string& path, int fd, uint64_t offset, const std::string& what) {
    uint64_t line = 1;
    std::vector<char> buf(kBlock);
    for (uint64_t at = 0; at < offset;) {
        const ssize_t got = ::pread(fd, buf.data(), size_t(std::min<uint64_t>(buf.size(), offset - at)), off_t(at));
        if (got <= 0) break;
        line += uint64_t(std::count(buf.data(), buf.data() + got, '\n'));
        at += uint64_t(got);
    }
    return fmt::format("{}:{}: {}", path, line, what);
}

/// Appends the file at `part` to the open file `fd`, then removes it.
void append_part(int fd, const std::string& part) {
    const int in = ::open(part.c_str(), O_RDONLY);
    if (in < 0) fail(fmt::format("{}: cannot open: {}", part, std::strerror(errno)));
    std::vector<char> buf(kBlock * 4);
    for (ssize_t n; (n = ::read(in, buf.data(), buf.size())) != 0;) {
        if (n < 0) fail(fmt::format("{}: cannot read: {}", part, std::strerror(errno)));
        for (ssize_t off = 0; off < n;) {
            const ssize_t w = ::write(fd, buf.data() + off, size_t(n - off));
            if (w < 0) fail(fmt::format("cannot write: {}", std::strerror(errno)));
            off += w;
        }
    }
    ::close(in);
    ::unlink(part.c_str());
}

/// Runs the workers over the observations file; returns its size in bytes.
uint64_t run(const Options& o, const std::unordered_map<std::string, Polarity>& polarity, Stats& total) {
    const std::string path = o.data + "/observations.csv";
    const int from = parse_month(o.from.data(), o.from.size());
    const int due = parse_month(o.by.data(), o.by.size());
    if (from < 0 || due < 0 || due <= from) fail("--from and --by must be months YYYY-MM, --by after --from");

    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) fail(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    struct stat st {};
    ::fstat(fd, &st);
    const uint64_t size = uint64_t(st.st_size);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);

    // The header, after an optional BOM.
    const std::string head = read_at(fd, 0, 4096);
    const size_t bom = head.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    const size_t nl = head.find('\n');
    std::string_view first = std::string_view(head).substr(bom, nl == std::string::npos ? nl : nl - bom);
    if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
    if (first != kHeader) fail(fmt::format("{}:1: expected the header {}", path, kHeader));
    const uint64_t body = nl == std::string::npos ? size : nl + 1;

    // Split points at series boundaries, one range per worker.
    const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<uint64_t> cut{body};
    for (unsigned t = 1; t < threads; ++t) {
        const uint64_t c = series_boundary(fd, body + (size - body) * t / threads, size);
        if (c > cut.back() && c < size) cut.push_back(c);
    }
    cut.push_back(size);

    std::vector<std::unique_ptr<Worker>> workers;
    std::vector<std::string> outs;
    for (size_t w = 0; w + 1 < cut.size(); ++w) {
        workers.push_back(std::make_unique<Worker>(fd, cut[w], cut[w + 1], polarity, from, due));
        outs.push_back(w == 0 ? o.out : fmt::format("{}.part{}", o.out, w));
    }
    std::vector<std::exception_ptr> errors(workers.size());
    std::vector<std::thread> pool;
    const auto work = [&](size_t w) {
        try {
            workers[w]->run(outs[w]);
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    for (size_t w = 1; w < workers.size(); ++w) pool.emplace_back(work, w);
    work(0);
    for (auto& t : pool) t.join();

    for (size_t w = 0; w < errors.size(); ++w) {
        if (!errors[w]) continue;
        for (size_t k = 1; k < outs.size(); ++k) ::unlink(outs[k].c_str());
        try {
            std::rethrow_exception(errors[w]);
        } catch (const ParseError& e) {
            fail(locate(path, fd, e.offset, e.what()));
        }
    }

    // Concatenate the outputs in order; check each series was one run of rows.
    if (outs.size() > 1) {
        const int fo = ::open(o.out.c_str(), O_WRONLY | O_APPEND);
        if (fo < 0) fail(fmt::format("{}: cannot open: {}", o.out, std::strerror(errno)));
        for (size_t k = 1; k < outs.size(); ++k) append_part(fo, outs[k]);
        ::close(fo);
    }
    std::vector<uint64_t> seen;
    for (const auto& w : workers) {
        total.add(w->stats);
        const auto mid = seen.insert(seen.end(), w->seen.begin(), w->seen.end());
        std::inplace_merge(seen.begin(), mid, seen.end());
    }
    if (std::adjacent_find(seen.begin(), seen.end()) != seen.end())
        fail(path + ": the rows of a series are not contiguous; this program needs them grouped by series");
    ::close(fd);
    return size;
}

double peak_rss_mb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

const char* kUsage =
    "usage: assay-reference --data DIR --out FILE [--from 2022-01] [--by 2025-12] [--threads N] [--durable]\n"
    "  Assesses DIR/observations.csv (as written by assay-gen) with LSP-style rules, writes one\n"
    "  JSON line per series to FILE, and prints the time and peak memory. --threads defaults to\n"
    "  one per core. --durable writes FILE as assay's --out does: to a file beside it, synced to\n"
    "  disk, then renamed over FILE (so a crash or power cut leaves the old file or the new one).\n";

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                fmt::print(stderr, "assay-reference: {} needs a value\n{}", a, kUsage);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--data")
            o.data = value();
        else if (a == "--out")
            o.out = value();
        else if (a == "--from")
            o.from = value();
        else if (a == "--by")
            o.by = value();
        else if (a == "--durable")
            o.durable = true;
        else if (a == "--threads")
            o.threads = unsigned(std::clamp(std::atoi(value().c_str()), 1, 256));
        else if (a == "-h" || a == "--help") {
            fmt::print("{}", kUsage);
            return 0;
        } else {
            fmt::print(stderr, "assay-reference: unknown argument '{}'\n{}", a, kUsage);
            return 2;
        }
    }
    if (o.data.empty() || o.out.empty()) {
        fmt::print(stderr, "{}", kUsage);
        return 2;
    }

    Stats st;
    uint64_t bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    try {
        const std::string target = o.out;
        if (o.durable) o.out = target + ".durable.tmp";
        bytes = run(o, load_indicators(o.data + "/indicators.csv"), st);
        if (o.durable) {
            const int fd = ::open(o.out.c_str(), O_WRONLY);
            const bool synced = fd >= 0 && ::fsync(fd) == 0;
            const int err = errno;
            if (fd >= 0) ::close(fd);
            if (!synced) fail(fmt::format("{}: cannot sync: {}", o.out, std::strerror(err)));
            if (::rename(o.out.c_str(), target.c_str()) != 0)
                fail(fmt::format("{}: cannot rename: {}", target, std::strerror(errno)));
        }
    } catch (const std::exception& e) {
        if (o.durable) ::unlink(o.out.c_str());  // the file beside FILE; FILE stays as it was
        fmt::print(stderr, "assay-reference: {}\n", e.what());
        return 2;
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double mb = double(bytes) / 1e6;
    const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    fmt::print(
        "assay-reference: {} series, {} rows, {:.1f} MB of CSV, {} thread(s): {:.3f} s ({:.0f} MB/s, "
        "{:.1f} M rows/s, {:.0f} k series/s), peak RSS {:.1f} MB\n",
        st.series, st.rows, mb, threads, secs, mb / secs, double(st.rows) / secs / 1e6, double(st.series) / secs / 1e3,
        peak_rss_mb());
    fmt::print("ratings: GREEN {} AMBER {} RED {} none {}\n", st.ratings[green], st.ratings[amber], st.ratings[red],
               st.ratings[unrated]);
    fmt::print("arrows:");
    for (int i = 0; i < 6; ++i) fmt::print(" {} {}", kArrowNames[i], st.arrows[i]);
    fmt::print("\nfigures: seconds={:.3f} rss_mb={:.1f} csv_mb={:.1f} series={}\n", secs, peak_rss_mb(), mb, st.series);
    return 0;
}
