// assay-gen: writes a synthetic national-scale dataset (indicators.csv and
// observations.csv) for the benchmarks. The output depends only on the
// command-line arguments: the PRNG (splitmix64) and every formula are
// implemented here with plain IEEE arithmetic (no <random> distributions, no
// sin/exp), so any machine and library version writes the same bytes.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast and fully specified.
struct SplitMix64 {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1) from the top 53 bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Roughly standard normal: the sum of four uniforms, centred and scaled
    /// (Irwin-Hall), which needs no transcendental functions.
    double gaussian() { return (uniform() + uniform() + uniform() + uniform() - 2.0) * 1.7320508075688772; }
};

constexpr uint64_t kSeed = 0xA55A'2007'0000'0001ull;

/// A stream of its own for each (purpose, a, b), so that any one series is
/// the same whatever the number of areas or indicators generated.
SplitMix64 stream(uint64_t purpose, uint64_t a, uint64_t b) {
    SplitMix64 mix{kSeed ^ (purpose * 0xD1B54A32D192ED03ull)};
    mix.state ^= a * 0x9E3779B97F4A7C15ull;
    mix.next();
    mix.state ^= b * 0xC2B2AE3D27D4EB4Full;
    return SplitMix64{mix.next()};
}

/// How an indicator's values are written in the CSV.
enum class Style {
    plain,         ///< 12, 78.5
    percent_sign,  ///< 89.2%
    thousands,     ///< "1,843" (quoted, as a spreadsheet exports it)
};

/// One generated indicator: metadata plus the shape of its values.
struct Spec {
    const char* id;
    const char* title;
    const char* unit;
    const char* polarity;
    int decimals;
    double level;  ///< typical monthly value in an average area
    double trend;  ///< mean monthly relative drift
    bool bounded;  ///< a percentage, kept within 0..100
    bool poisson;  ///< a count: noise grows with the square root of the level
    Style style;
};

// Fourteen indicators of a neighbourhood policing review: counts, rates,
// percentages, a ratio and money; three polarities; 0 to 2 decimals.
constexpr std::array<Spec, 14> kSpecs{{
    {"burglary", "Residential burglary", "count", "lower_is_better", 0, 2.2, -0.004, false, true, Style::plain},
    {"robbery", "Robbery of personal property", "count", "lower_is_better", 0, 0.6, -0.002, false, true, Style::plain},
    {"vehicle", "Vehicle crime", "count", "lower_is_better", 0, 3.1, -0.003, false, true, Style::plain},
    {"violence", "Violence against the person", "count", "lower_is_better", 0, 9.5, 0.002, false, true, Style::plain},
    {"asb", "Anti-social behaviour incidents", "count", "lower_is_better", 0, 14.0, -0.006, false, true,
     Style::thousands},
    {"shoplift", "Shoplifting", "count", "lower_is_better", 0, 2.8, 0.006, false, true, Style::plain},
    {"drugs", "Drug offences (proactive)", "count", "neutral", 0, 1.4, 0.0, false, true, Style::plain},
    {"calls", "Calls for service", "count", "neutral", 0, 45.0, 0.001, false, true, Style::thousands},
    {"answer10s", "999 calls answered within 10 seconds", "percent", "higher_is_better", 1, 88.0, 0.0005, true, false,
     Style::percent_sign},
    {"satisfied", "Victims satisfied with the service", "percent", "higher_is_better", 1, 74.0, 0.0008, true, false,
     Style::plain},
    {"repeat_da", "Repeat victims of domestic abuse", "percent", "lower_is_better", 1, 27.0, -0.001, true, false,
     Style::percent_sign},
    {"crime_rate", "All crime per 1,000 population", "rate", "lower_is_better", 2, 7.8, -0.002, false, false,
     Style::plain},
    {"solved", "Positive outcomes per crime", "ratio", "higher_is_better", 2, 0.14, 0.001, false, false, Style::plain},
    {"spend", "Neighbourhood policing spend", "currency", "neutral", 0, 4200.0, 0.003, false, false, Style::thousands},
}};

// Seasonal factor by calendar month (Jan..Dec): more crime in summer and
// December. A table, not a sine, so the values are exact on every machine.
constexpr std::array<double, 12> kSeason{0.94, 0.91, 0.97, 0.99, 1.03, 1.06, 1.09, 1.07, 1.02, 1.00, 0.95, 1.04};

constexpr double kMissingShare = 0.01;

/// Output buffer written to a FILE* in large blocks.
class Writer {
public:
    explicit Writer(const std::filesystem::path& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {
        if (!f_) throw std::runtime_error(fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
        buf_.reserve(kBlock + 4096);
    }
    ~Writer() {
        if (f_) std::fclose(f_);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    fmt::memory_buffer& buf() { return buf_; }
    void maybe_flush() {
        if (buf_.size() >= kBlock) flush();
    }
    void flush() {
        if (buf_.size() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
            throw std::runtime_error(fmt::format("cannot write {}: {}", path_.string(), std::strerror(errno)));
        bytes_ += buf_.size();
        buf_.clear();
    }
    /// Flushes and closes; returns the bytes written.
    uint64_t close() {
        flush();
        if (std::fclose(f_) != 0)
            throw std::runtime_error(fmt::format("cannot close {}: {}", path_.string(), std::strerror(errno)));
        f_ = nullptr;
        return bytes_;
    }

private:
    static constexpr size_t kBlock = 8u << 20;
    std::filesystem::path path_;
    std::FILE* f_;
    fmt::memory_buffer buf_;
    uint64_t bytes_ = 0;
};

void append(fmt::memory_buffer& b, std::string_view s) {
    b.append(s.data(), s.data() + s.size());
}

/// A CSV field, quoted when it holds a comma or a quote.
void append_csv(fmt::memory_buffer& b, std::string_view s) {
    if (s.find_first_of(",\"\n") == std::string_view::npos) return append(b, s);
    b.push_back('"');
    for (char c : s) {
        if (c == '"') b.push_back('"');
        b.push_back(c);
    }
    b.push_back('"');
}

/// Appends `scaled` / 10^decimals as people write it. Working on the scaled
/// integer keeps every digit exact.
void append_value(fmt::memory_buffer& b, int64_t scaled, int decimals, Style style) {
    int64_t pow10 = 1;
    for (int i = 0; i < decimals; ++i) pow10 *= 10;
    const bool negative = scaled < 0;
    const uint64_t mag = negative ? uint64_t(-scaled) : uint64_t(scaled);
    const uint64_t whole = mag / uint64_t(pow10);
    uint64_t frac = mag % uint64_t(pow10);
    const bool grouped = style == Style::thousands && whole >= 1000;
    if (grouped) b.push_back('"');
    if (negative) b.push_back('-');
    const fmt::format_int digits(whole);
    const std::string_view w(digits.data(), digits.size());
    if (grouped) {
        size_t lead = w.size() % 3 == 0 ? 3 : w.size() % 3;
        append(b, w.substr(0, lead));
        for (size_t i = lead; i < w.size(); i += 3) {
            b.push_back(',');
            append(b, w.substr(i, 3));
        }
    } else {
        append(b, w);
    }
    if (decimals > 0) {
        b.push_back('.');
        char tmp[20];
        for (int i = decimals - 1; i >= 0; --i) {
            tmp[i] = char('0' + frac % 10);
            frac /= 10;
        }
        append(b, std::string_view(tmp, size_t(decimals)));
    }
    if (style == Style::percent_sign) b.push_back('%');
    if (grouped) b.push_back('"');
}

/// Area codes in the style of ONS LSOA codes: England first, then Wales
/// (about one area in eighteen, as in the real geography).
std::vector<std::string> area_codes(int areas) {
    const int wales = areas / 18;
    const int england = areas - wales;
    std::vector<std::string> codes;
    codes.reserve(size_t(areas));
    for (int i = 1; i <= england; ++i) codes.push_back(fmt::format("E01{:06d},", i));
    for (int i = 1; i <= wales; ++i) codes.push_back(fmt::format("W01{:06d},", i));
    return codes;
}

/// Month labels "2022-01", ... each followed by a comma.
std::vector<std::string> month_labels(int months, int first_year) {
    std::vector<std::string> labels;
    for (int m = 0; m < months; ++m) labels.push_back(fmt::format("{:04d}-{:02d},", first_year + m / 12, m % 12 + 1));
    return labels;
}

/// With --counts: what the value is (docs/statistics.md) and per how many.
const char* value_type_of(const Spec& s) {
    if (std::string_view(s.unit) == "count") return "count,";
    if (std::string_view(s.unit) == "percent") return "proportion,100";
    if (std::string_view(s.unit) == "rate") return "rate,1000";
    return ",";
}

void write_indicators(const std::filesystem::path& path, int count, bool counts) {
    Writer w(path);
    auto& b = w.buf();
    append(b, counts ? "id,title,unit,polarity,decimals,source,value_type,per\n"
                     : "id,title,unit,polarity,decimals,source\n");
    for (int k = 0; k < count; ++k) {
        const Spec& s = kSpecs[size_t(k) % kSpecs.size()];
        // Beyond 14 indicators, repeat the shapes under new ids.
        const std::string id =
            k < int(kSpecs.size()) ? std::string(s.id) : fmt::format("{}_{}", s.id, k / kSpecs.size());
        append(b, id);
        b.push_back(',');
        append_csv(b, s.title);
        fmt::format_to(fmt::appender(b), ",{},{},{},Synthetic (assay-gen)", s.unit, s.polarity, s.decimals);
        if (counts) {
            b.push_back(',');
            append(b, value_type_of(s));
        }
        b.push_back('\n');
    }
    w.close();
}

/// With --counts: per month the events and the base summed over the areas,
/// for the national row ("England") written after them.
struct MonthTotals {
    std::vector<double> events, base;
};

/// The base of a series with --counts: for a percentage the cases it is a
/// share of (calls, victims), for a rate the area's population; 0 for others.
double base_of(const Spec& s, int indicator, int area, double area_factor) {
    SplitMix64 rng = stream(3, uint64_t(indicator), uint64_t(area));
    if (std::string_view(s.unit) == "percent") return std::floor(20 + 180 * area_factor * (0.5 + rng.uniform()));
    if (std::string_view(s.unit) == "rate") return std::floor(1000 + 1000 * rng.uniform());
    return 0;
}

/// Writes one series' rows. The level is the indicator's typical level times
/// an area factor (deprivation, shared by the area's indicators) times a
/// series factor; it drifts month by month and follows the season. With
/// `totals` (--counts), each row also has its numerator and denominator, the
/// value is the figure they give, and the counts are added to `totals`.
void write_series(fmt::memory_buffer& b, const Spec& s, std::string_view row_prefix, int indicator, int area,
                  double area_factor, const std::vector<std::string>& months, MonthTotals* totals = nullptr) {
    const double base = totals ? base_of(s, indicator, area, area_factor) : 0;
    const double per = std::string_view(s.unit) == "percent" ? 100 : 1000;
    SplitMix64 rng = stream(2, uint64_t(indicator), uint64_t(area));
    const double series_factor = 0.7 + 0.6 * rng.uniform();
    const double drift = s.trend + 0.012 * (rng.uniform() - 0.5);
    double scale = 1;
    for (int i = 0; i < s.decimals; ++i) scale *= 10;
    double level = s.bounded ? s.level + (area_factor - 1.0) * -6.0 + 8.0 * (rng.uniform() - 0.5)
                             : s.level * area_factor * series_factor;
    for (size_t m = 0; m < months.size(); ++m) {
        append(b, row_prefix);
        append(b, months[m]);
        if (rng.uniform() < kMissingShare) {
            append(b, totals ? "N/A,,\n" : "N/A\n");
            level *= 1.0 + drift;
            continue;
        }
        double v;
        if (s.bounded) {
            v = level + 1.5 * rng.gaussian();
            v = std::clamp(v, 0.0, 100.0);
        } else {
            const double mean = level * kSeason[m % 12];
            const double noise = s.poisson ? std::sqrt(mean) : 0.04 * mean;
            v = std::max(0.0, mean + noise * rng.gaussian());
        }
        if (totals && base > 0) {  // the value the counts give, to its decimals
            const double events = std::min(base, std::floor(v * base / per + 0.5));
            v = events / base * per;
            totals->events[m] += events;
            totals->base[m] += base;
            append_value(b, static_cast<int64_t>(std::floor(v * scale + 0.5)), s.decimals, s.style);
            fmt::format_to(fmt::appender(b), ",{},{}\n", events, base);
        } else {
            append_value(b, static_cast<int64_t>(std::floor(v * scale + 0.5)), s.decimals, s.style);
            if (totals) {
                if (s.poisson) totals->events[m] += std::floor(v * scale + 0.5) / scale;
                append(b, ",,");
            }
            b.push_back('\n');
        }
        level *= 1.0 + drift;
    }
}

struct Totals {
    uint64_t rows = 0;
    uint64_t bytes = 0;
};

/// With --counts: the national row of one indicator for each month, from
/// the areas' totals (counts summed; percentages and rates from the summed
/// events and bases); N/A for the others.
void write_national(fmt::memory_buffer& b, const Spec& s, const std::string& id, const MonthTotals& t,
                    const std::vector<std::string>& months) {
    double scale = 1;
    for (int i = 0; i < s.decimals; ++i) scale *= 10;
    const double per = std::string_view(s.unit) == "percent" ? 100 : 1000;
    for (size_t m = 0; m < months.size(); ++m) {
        append(b, id);
        append(b, ",England,");
        append(b, months[m]);
        if (t.base[m] > 0) {
            append_value(b, static_cast<int64_t>(std::floor(t.events[m] / t.base[m] * per * scale + 0.5)), s.decimals,
                         s.style);
            fmt::format_to(fmt::appender(b), ",{},{}\n", t.events[m], t.base[m]);
        } else if (s.poisson) {
            append_value(b, static_cast<int64_t>(t.events[m]), 0, s.style);
            append(b, ",,\n");
        } else {
            append(b, "N/A,,\n");
        }
    }
}

Totals write_observations(const std::filesystem::path& path, int indicators, int areas, int months, bool counts) {
    const auto codes = area_codes(areas);
    const auto labels = month_labels(months, 2022);
    std::vector<double> area_factor(static_cast<size_t>(areas));
    for (int a = 0; a < areas; ++a) {
        SplitMix64 rng = stream(1, uint64_t(a), 0);
        const double u = rng.uniform();
        area_factor[size_t(a)] = 0.3 + 2.4 * u * u;  // skewed: a few areas carry much of the crime
    }
    Writer w(path);
    append(w.buf(), counts ? "indicator,area,period,value,numerator,denominator\n" : "indicator,area,period,value\n");
    std::string prefix;
    for (int k = 0; k < indicators; ++k) {
        const Spec& s = kSpecs[size_t(k) % kSpecs.size()];
        const std::string id =
            k < int(kSpecs.size()) ? std::string(s.id) : fmt::format("{}_{}", s.id, k / kSpecs.size());
        MonthTotals totals{std::vector<double>(size_t(months)), std::vector<double>(size_t(months))};
        for (int a = 0; a < areas; ++a) {
            prefix.assign(id).append(",").append(codes[size_t(a)]);
            write_series(w.buf(), s, prefix, k, a, area_factor[size_t(a)], labels, counts ? &totals : nullptr);
            w.maybe_flush();
        }
        if (counts) write_national(w.buf(), s, id, totals, labels);
    }
    Totals t;
    t.rows = uint64_t(indicators) * uint64_t(areas + (counts ? 1 : 0)) * uint64_t(months);
    t.bytes = w.close();
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"assay-gen: writes a deterministic synthetic indicator dataset (indicators.csv, observations.csv)."};
    int areas = 35000;
    int indicators = 14;
    int months = 36;
    std::string out;
    app.add_option("--areas", areas, "number of areas (LSOA-style codes E01000001...)")
        ->check(CLI::Range(1, 999999))
        ->capture_default_str();
    app.add_option("--indicators", indicators, "number of indicators (14 shapes, repeated beyond 14)")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();
    app.add_option("--months", months, "number of months, from 2022-01")
        ->check(CLI::Range(1, 1200))
        ->capture_default_str();
    bool counts = false;
    app.add_flag("--counts", counts,
                 "also write value_type and per, each row's numerator and denominator (percentages, the rate), "
                 "and a national row \"England\" from the areas' totals: data for significance and funnel plots");
    app.add_option("--out", out, "output folder (created if needed)")->required();
    CLI11_PARSE(app, argc, argv);

    try {
        const auto start = std::chrono::steady_clock::now();
        std::filesystem::create_directories(out);
        write_indicators(std::filesystem::path(out) / "indicators.csv", indicators, counts);
        const Totals t =
            write_observations(std::filesystem::path(out) / "observations.csv", indicators, areas, months, counts);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        fmt::print("assay-gen: {} series, {} rows, {:.1f} MB of CSV in {:.2f} s -> {}\n",
                   uint64_t(indicators) * uint64_t(areas), t.rows, double(t.bytes) / 1e6, secs, out);
    } catch (const std::exception& e) {
        fmt::print(stderr, "assay-gen: {}\n", e.what());
        return 2;
    }
    return 0;
}
