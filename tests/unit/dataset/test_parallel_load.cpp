// Tests of dataset/parallel_observations.cpp: the parallel reader gives the
// same dataset as the general reader for any number of threads and any
// piece size (pieces as small as one byte put a cut inside every field), and
// gives up -- leaving the general reader to load and to place errors -- on
// what it does not read exactly alike.
#include "dataset/builder.hpp"
#include "dataset/csv.hpp"
#include "dataset/observations.hpp"
#include "dataset/parallel_observations.hpp"
#include "temp_dir.hpp"

#include <assay/dataset.hpp>
#include <assay/hash.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

using namespace assay;
using namespace assay::dataset;

namespace {

const char* const indicators_csv =
    "id,title,unit,polarity,decimals\n"
    "burglary,Burglary,count,lower_is_better,0\n"
    "satisfied,Satisfied,percent,higher_is_better,1\n"
    "spend,Spend,currency,neutral,2\n";

std::vector<Indicator> declared_indicators() {
    std::vector<Indicator> out;
    for (auto [id, unit] : {std::pair{"burglary", "count"}, {"satisfied", "percent"}, {"spend", "currency"}}) {
        Indicator ind;
        ind.id = id;
        ind.unit = unit;
        out.push_back(ind);
    }
    return out;
}

/// A file with what people write: quoted thousands, percentages, N/A, blank
/// and comment lines, CRLF line ends, rows of empty cells, a BOM, a header
/// in its own order and case, non-ASCII names, no line end at the end.
std::string varied_file() {
    std::string s = "\xEF\xBB\xBF# exported 2024\nArea, Indicator ,PERIOD,value\n";
    const char* areas[] = {"E01000001", "Ynys M\xC3\xB4n", "W01000002", "  Padded area ", "E01000003"};
    int row = 0;
    for (const char* ind : {"burglary", "satisfied", "spend"}) {
        for (const char* area : areas) {
            for (int m = 1; m <= 9; ++m, ++row) {
                std::string value;
                if (row % 17 == 3)
                    value = "N/A";
                else if (std::strcmp(ind, "satisfied") == 0)
                    value = fmt::format("{}.{}%", 60 + row % 30, row % 10);
                else if (row % 5 == 0)
                    value = fmt::format("\"{},{:03}\"", 1 + row % 9, row % 1000);
                else
                    value = fmt::format("{}.{}", row * 7 % 1000, row % 100);
                std::string area_cell = row % 11 == 0 ? fmt::format("\"{}\"", area) : area;
                s += fmt::format("{},{},2022-{:02},{}", area_cell, ind, m, value);
                s += row % 7 == 0 ? "\r\n" : "\n";
                if (row % 23 == 0) s += "\n";
                if (row % 29 == 0) s += "# a note\n";
                if (row % 31 == 0) s += ",,,\n";
            }
        }
    }
    s += "E01000009,burglary,2022-01,5";  // no line end
    return s;
}

struct Loaded {
    std::optional<Dataset> data;  ///< empty when the parallel reader gave up
    std::string sha256;
};

Loaded load_general(const std::filesystem::path& p, bool open) {
    DatasetBuilder b(open ? std::vector<Indicator>{} : declared_indicators(), open);
    CsvReader r(p, p.string());
    read_observations(r, p, b);
    return Loaded{b.finish("d", {}), r.sha256()};
}

Loaded load_parallel(const std::filesystem::path& p, bool open, unsigned threads, size_t piece) {
    DatasetBuilder b(open ? std::vector<Indicator>{} : declared_indicators(), open);
    std::vector<Indicator> declared = declared_indicators();
    try {
        std::optional<InputFile> pin =
            read_observations_parallel(p, p.string(), b, open ? nullptr : &declared, 0, ParallelRead{threads, piece});
        REQUIRE(pin);
        CHECK(pin->bytes == std::filesystem::file_size(p));
        return Loaded{b.finish("d", {}), pin->sha256};
    } catch (const NeedsGeneralReader&) {
        return Loaded{};
    }
}

bool same_value(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

void require_same(const Dataset& a, const Dataset& b) {
    REQUIRE(a.areas == b.areas);
    REQUIRE(a.indicators.size() == b.indicators.size());
    for (size_t i = 0; i < a.indicators.size(); ++i) CHECK(a.indicators[i].id == b.indicators[i].id);
    REQUIRE(a.periods.size() == b.periods.size());
    for (size_t i = 0; i < a.periods.size(); ++i) CHECK(a.periods[i].label == b.periods[i].label);
    REQUIRE(a.series.size() == b.series.size());
    for (size_t i = 0; i < a.series.size(); ++i) {
        CHECK(a.series[i].indicator == b.series[i].indicator);
        CHECK(a.series[i].area == b.series[i].area);
        CHECK(a.series[i].begin == b.series[i].begin);
        CHECK(a.series[i].end == b.series[i].end);
    }
    REQUIRE(a.obs_period == b.obs_period);
    REQUIRE(a.obs_value.size() == b.obs_value.size());
    for (size_t i = 0; i < a.obs_value.size(); ++i) REQUIRE(same_value(a.obs_value[i], b.obs_value[i]));
    CHECK(a.missing == b.missing);
}

/// The message of the InputError that loading `path` with `threads` throws.
std::string load_error(const std::filesystem::path& path, unsigned threads) {
    try {
        load_dataset(path, threads);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("the parallel reader gives the general reader's dataset for any threads and pieces", "[dataset][parallel]") {
    test::TempDir dir;
    const std::string bytes = varied_file();
    auto p = dir.write("observations.csv", bytes);
    for (bool open : {false, true}) {
        Loaded want = load_general(p, open);
        CHECK(want.sha256 == sha256_hex(bytes));  // an independent digest of the same bytes
        REQUIRE(want.data->areas.size() == 6);
        CHECK(want.data->areas[1] == "Ynys M\xC3\xB4n");
        CHECK(want.data->areas[3] == "Padded area");
        CHECK(!want.data->missing.empty());
        for (unsigned threads : {1u, 2u, 3u}) {
            for (size_t piece : {size_t{1}, size_t{7}, size_t{64}, size_t{1000}, size_t{1} << 20}) {
                INFO("open " << open << ", threads " << threads << ", piece " << piece);
                Loaded got = load_parallel(p, open, threads, piece);
                REQUIRE(got.data);
                CHECK(got.sha256 == want.sha256);
                require_same(*got.data, *want.data);
            }
        }
    }
}

TEST_CASE("the parallel reader takes rows in any order", "[dataset][parallel]") {
    test::TempDir dir;
    std::string s = "indicator,area,period,value\n";
    for (int i = 0; i < 300; ++i) {
        int k = (i * 37) % 300;  // every (area, month) once, scattered
        s += fmt::format("burglary,A{},2023-{:02},{}\n", k % 25, 1 + k / 25, k);
    }
    auto p = dir.write("observations.csv", s);
    Loaded want = load_general(p, true);
    for (unsigned threads : {1u, 2u, 3u})
        for (size_t piece : {size_t{5}, size_t{100}, size_t{4096}}) {
            Loaded got = load_parallel(p, true, threads, piece);
            REQUIRE(got.data);
            require_same(*got.data, *want.data);
        }
}

TEST_CASE("the parallel reader gives up on what only the general reader reads", "[dataset][parallel]") {
    test::TempDir dir;
    const std::string header = "indicator,area,period,value\n";
    struct Case {
        const char* what;
        std::string rows;
    };
    const Case cases[] = {
        {"a quoted value spanning lines", "burglary,\"North\nSouth\",2022-01,4\n"},
        {"a doubled quote", "burglary,\"The \"\"Moor\"\"\",2022-01,4\n"},
        {"a lone CR", "burglary,A,2022-01,4\rburglary,A,2022-02,5\n"},
        {"a short row", "burglary,A,2022-01\n"},
        {"a value that is not a number", "burglary,A,2022-01,lots\n"},
        {"a percentage of a count", "burglary,A,2022-01,12%\n"},
        {"an unknown indicator", "robbery,A,2022-01,4\n"},
        {"invalid UTF-8", "burglary,A\xFF,2022-01,4\n"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        auto p = dir.write("observations.csv", header + "burglary,A,2021-12,3\n" + c.rows + "burglary,A,2023-01,1\n");
        for (unsigned threads : {1u, 2u})
            for (size_t piece : {size_t{4}, size_t{1} << 20}) CHECK_FALSE(load_parallel(p, false, threads, piece).data);
    }
    // Other columns: not read in parallel at all, nothing added.
    auto p = dir.write("observations.csv", "indicator,area,period,value,note\nburglary,A,2022-01,4,x\n");
    DatasetBuilder b(declared_indicators(), false);
    std::vector<Indicator> declared = declared_indicators();
    CHECK_FALSE(read_observations_parallel(p, p.string(), b, &declared, 0, ParallelRead{2, 8}));
    CHECK(b.rows() == 0);
}

TEST_CASE("load_dataset gives one dataset and one error for any thread count", "[dataset][parallel]") {
    test::TempDir dir;
    dir.write("indicators.csv", indicators_csv);
    dir.write("observations.csv", varied_file());
    Dataset one = load_dataset(dir.path, 1);
    for (unsigned threads : {0u, 2u, 3u}) {
        Dataset many = load_dataset(dir.path, threads);
        require_same(many, one);
        REQUIRE(many.files.size() == one.files.size());
        for (size_t i = 0; i < one.files.size(); ++i) {
            CHECK(many.files[i].name == one.files[i].name);
            CHECK(many.files[i].sha256 == one.files[i].sha256);
            CHECK(many.files[i].bytes == one.files[i].bytes);
        }
    }

    // Errors name the file, line and column whatever the threads.
    const std::string header = "indicator,area,period,value\n";
    struct Bad {
        std::string rows;
        std::string where;  ///< expected "file:line:column"
        std::string says;
    };
    const Bad bad[] = {
        {"burglary,A,2022-01,4\nburglary,A,2022-02,lots\n", "observations.csv:3:20", "cannot read \"lots\""},
        {"burglary,\"North\nSouth\",2022-01,4\n", "observations.csv:2:10", "control character U+000A"},
        {"burglary,A,2022-01,4\n# a comment\n\nrobbery,A,2022-01,4\n", "observations.csv:5:1",
         "unknown indicator \"robbery\""},
        {"burglary,A,2022-01,4\nburglary,B,2022-01,4\nburglary,A,2022-01,5\n", "observations.csv:4:12",
         "duplicate observation of burglary in A for 2022-01: already given at line 2"},
        {"burglary,A,2022-01,4\nburglary,A,2022-02,12%\n", "observations.csv:3:20", "a percentage (%)"},
    };
    for (const Bad& b : bad) {
        dir.write("observations.csv", header + b.rows);
        std::string one_error = load_error(dir.path, 1);
        INFO(one_error);
        CHECK(one_error.find(b.where) != std::string::npos);
        CHECK(one_error.find(b.says) != std::string::npos);
        for (unsigned threads : {0u, 2u, 3u}) CHECK(load_error(dir.path, threads) == one_error);
    }
}

TEST_CASE("the fast lane reads every form of value as the general reader does", "[dataset][parallel]") {
    // A file in the lane's order (indicator, area, period, value), each
    // series' rows one after another, with values of every length and form
    // around the eight bytes the lane reads at once: whole numbers of 1 to 12
    // digits, leading zeros, points anywhere, percentages (for the percent
    // indicator), N/A, signs, quoted thousands, CRLF line ends, and the last
    // row without a line end.
    const std::vector<std::string> counts = {
        "0",    "7",       "42",        "007",           "1234567",  "12345678", "123456789012", "0.27",
        "77.5", "1234.56", "123456.7",  "1.234567",      "0.000001", "12.0",     "-3",           "-0.5",
        "N/A",  "3",       "\"4,650\"", "\"1,234,567\"", "999999.9", "5",        "10",           "65535.5"};
    const std::vector<std::string> percents = {"77.5%", "100%", "0.5%", "12345.6%", "1234567%", "9%",
                                               "28.0%", "N/A",  "60",   "0.27%",    "-1.5%",    "3%"};
    std::string s = "indicator,area,period,value\n";
    int row = 0;
    for (int area = 1; area <= 6; ++area) {
        for (const char* ind : {"burglary", "satisfied", "spend"}) {
            const std::vector<std::string>& values = std::strcmp(ind, "satisfied") == 0 ? percents : counts;
            for (int m = 1; m <= 12; ++m, ++row) {
                s += fmt::format("{},E0{},2022-{:02},{}", ind, area, m,
                                 values[static_cast<size_t>(row + area) % values.size()]);
                s += row % 13 == 5 ? "\r\n" : "\n";
            }
        }
    }
    s += "spend,E07,2022-01,12.5";  // no line end
    test::TempDir dir;
    auto p = dir.write("observations.csv", s);
    Loaded want = load_general(p, false);
    REQUIRE(want.data);
    REQUIRE(want.data->obs_value.size() == static_cast<size_t>(row + 1));
    // The general reader's own figures for a few of them.
    CHECK(want.data->obs_value[0] == 7.0);  // burglary, E01, 2022-01: counts[1]
    for (unsigned threads : {1u, 2u}) {
        for (size_t piece : {size_t{7}, size_t{64}, size_t{1000}, size_t{1} << 20}) {
            INFO("threads " << threads << ", piece " << piece);
            Loaded got = load_parallel(p, false, threads, piece);
            REQUIRE(got.data);
            require_same(*got.data, *want.data);
        }
    }
}

TEST_CASE("the fast lane finds each row's key and period as the general reader does", "[dataset][parallel]") {
    // The lane compares a row's indicator and area with the last row's
    // (sixteen bytes at a time up to 32, byte words beyond) and its period
    // with the one after the last (one word, with the ',' after it, for up
    // to seven bytes). Keys of every length around those, names that differ
    // only in their last byte, periods of each length, in order and not
    // (going back, skipping, written with a blank after it), a series'
    // area written once otherwise, names the lane leaves to the general
    // reader (not ASCII, quoted), and rows at every place against a piece's
    // end. The lane also begins a series of the same indicator itself.
    const std::vector<std::string> areas = {
        "E01",                     // a key of 13 bytes
        "E0100000000",             // 21
        "Area whose name is 21",   // 32 with its indicator: the longest compared at once
        "Area whose name is 22",   // the same length, another byte in the second sixteen
        "Area whose name is 23x",  // 33
        "Area whose long name differs at the end A",
        "Area whose long name differs at the end B",
        "Area whose name is 22x",
        "Ynys M\xC3\xB4n",            // not ASCII: the general reader's
        "\"Quoted, with a comma\""};  // quoted: the general reader's
    const std::vector<std::vector<std::string>> calendars = {
        {"2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07", "2022-08"},
        {"2019", "2020", "2021", "2022", "2023", "2024"},
        {"2021/22", "2022/23", "2023/24", "2024/25"},
        {"2022/23 Q1", "2022/23 Q2", "2022/23 Q3", "2022/23 Q4", "2023/24 Q1", "2023/24 Q2"},
        {"2022 Q1", "2022 Q2", "2022 Q3", "2022 Q4", "2023 Q1"},
        {"Jan 2022", "Feb 2022", "Mar 2022", "Apr 2022", "May 2022"}};
    for (const std::vector<std::string>& periods : calendars) {
        std::string s = "indicator,area,period,value\n";
        int row = 0;
        for (const char* ind : {"burglary", "spend"}) {
            for (size_t a = 0; a < areas.size(); ++a) {
                // Periods in order; backwards for one area; every other for another; the last first for a third.
                std::vector<std::string> order = periods;
                if (a == 1) std::reverse(order.begin(), order.end());
                if (a == 3) {
                    order.clear();
                    for (size_t i = 0; i < periods.size(); i += 2) order.push_back(periods[i]);
                }
                if (a == 5) std::rotate(order.begin(), order.end() - 1, order.end());
                for (size_t i = 0; i < order.size(); ++i) {
                    // The first area written once with a blank after it, within its series.
                    const std::string area = a == 0 && i == 2 ? areas[a] + " " : areas[a];
                    s += fmt::format("{},{},{}{},{}\n", ind, area, order[i], a == 7 ? " " : "", 10 + (row++ * 7) % 90);
                }
            }
        }
        test::TempDir dir;
        auto p = dir.write("observations.csv", s);
        Loaded want = load_general(p, false);
        REQUIRE(want.data);
        REQUIRE(want.data->obs_value.size() == static_cast<size_t>(row));
        REQUIRE(want.data->periods.size() == periods.size());
        for (unsigned threads : {1u, 2u}) {
            for (size_t piece : {size_t{1}, size_t{5}, size_t{31}, size_t{33}, size_t{64}, size_t{1} << 20}) {
                INFO(periods.front() << ": threads " << threads << ", piece " << piece);
                Loaded got = load_parallel(p, false, threads, piece);
                REQUIRE(got.data);
                require_same(*got.data, *want.data);
            }
        }
    }
}
