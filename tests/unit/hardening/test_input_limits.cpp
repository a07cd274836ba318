// Hostile inputs to the loaders: a pack's tests reaching for files outside
// the pack, rule files too large or not files at all, derivations that would
// exhaust memory, and dataset files that are not what they claim (old Mac
// line ends, decimal commas, marks that change a figure's meaning, FIFOs,
// devices, files with no line end, file names that forge diagnostics).
#include "sandbox_fixture.hpp"

#include <assay/dataset.hpp>
#include <assay/derive.hpp>
#include <assay/error.hpp>
#include <assay/lint.hpp>
#include <assay/number.hpp>
#include <assay/pack.hpp>
#include <assay/pack_test.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using assay::hardening::has;
using assay::hardening::TempDir;
using namespace assay;

namespace {

const char* kPack = R"(pack "limits" { title = "Limits" }
scale "rag" { "RED", "AMBER", "GREEN" }
group "g" {
  polarity = "lower_is_better",
  arrow = arrow.last_two { static_within = pct(1.5) },
  rating = first { { improved, GREEN }, { otherwise, RED } },
  indicators = { "theft" },
}
)";

const char* kIndicators = "id,title,unit\ntheft,Theft,count\nshare,Share,percent\nspend,Spend,currency\n";

// A whole-dataset test reading `data`.
std::string dataset_test(const std::string& data) {
    return "test \"x\" { data = \"" + data + "\", expect = { checks = 0 } }\n";
}

// The message of the InputError `f` throws, or "no error".
template <class F>
std::string error_of(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

// A file of `size` bytes that takes no room on disk (a sparse file).
void sparse_file(const fs::path& p, uint64_t size) {
    std::ofstream(p, std::ios::binary).put('x');
    fs::resize_file(p, size);
}

}  // namespace

// ---- a pack's tests read only inside the pack ------------------------------

TEST_CASE("pack tests: data outside the pack's folder is refused at load", "[hardening][pack_tests]") {
    TempDir dir;
    dir.write("pack/pack.lua", kPack);
    dir.write("sibling/indicators.csv", kIndicators);
    dir.write("sibling/observations.csv", "indicator,area,period,value\ntheft,A,2006/07,5\n");
    Pack pack = load_pack(dir.path() / "pack");
    auto load_with = [&](const std::string& data, std::vector<fs::path> roots = {}) {
        dir.write("pack/tests/t.lua", dataset_test(data));
        return error_of([&] { load_pack_tests(pack, {}, roots); });
    };
    // An absolute path, a climb out of the pack, a sibling dataset.
    std::string e = load_with("/etc/passwd");
    CHECK(has(e, "t.lua:1: test 'x': data = \"/etc/passwd\" is an absolute path"));
    e = load_with("../../../../../../../../etc/os-release");
    CHECK(
        has(e, "t.lua:1: test 'x': data = \"../../../../../../../../etc/os-release\" lies outside the pack's folder"));
    e = load_with("../../sibling");
    CHECK(has(e, "lies outside the pack's folder"));
    // A NUL would cut the path the system opens short of the path checked.
    dir.write("pack/tests/t.lua", "test \"x\" { data = \"data\\0/../../../../etc\", expect = { checks = 0 } }\n");
    CHECK(has(error_of([&] { load_pack_tests(pack); }),
              "data = \"data<U+0000>/../../../../etc\" holds a control character"));
    // A climb that comes back inside is fine, as is a folder the user grants.
    dir.write("pack/tests/data/observations.csv", "indicator,area,period,value\ntheft,A,2006/07,5\n");
    CHECK(load_with("../tests/data") == "no error");
    CHECK(load_with("../../sibling", {dir.path() / "sibling"}) == "no error");
}

TEST_CASE("pack tests: a symbolic link out of the pack is refused", "[hardening][pack_tests]") {
    TempDir dir;
    dir.write("pack/pack.lua", kPack);
    dir.write("secret/observations.csv", "indicator,area,period,value\nroot:x:0:0:root,A,2006/07,5\n");
    fs::create_directories(dir.path() / "pack/tests");
    fs::create_directory_symlink(dir.path() / "secret", dir.path() / "pack/tests/data");
    fs::create_symlink("/etc/passwd", dir.path() / "pack/tests/passwd.csv");
    Pack pack = load_pack(dir.path() / "pack");
    dir.write("pack/tests/t.lua", dataset_test("data"));
    CHECK(has(error_of([&] { load_pack_tests(pack); }), "lies outside the pack's folder"));
    dir.write("pack/tests/t.lua", dataset_test("passwd.csv"));
    CHECK(has(error_of([&] { load_pack_tests(pack); }), "lies outside the pack's folder"));

    // A file swapped for a link after loading: checked again before reading,
    // file by file, and nothing of the foreign file is shown.
    fs::remove(dir.path() / "pack/tests/data");
    dir.write("pack/tests/data/observations.csv", "indicator,area,period,value\ntheft,A,2006/07,5\n");
    dir.write("pack/tests/t.lua", dataset_test("data"));
    PackTests tests = load_pack_tests(pack);
    REQUIRE(tests.dataset_tests.size() == 1);
    fs::remove(dir.path() / "pack/tests/data/observations.csv");
    fs::create_symlink(dir.path() / "secret/observations.csv", dir.path() / "pack/tests/data/observations.csv");
    bool loaded = false;
    PackTestOptions options;
    options.load_dataset = [&](const fs::path& p) {
        loaded = true;
        return load_dataset(p);
    };
    PackTestRun run = run_pack_tests(pack, tests, options);
    REQUIRE(run.results.size() == 1);
    CHECK_FALSE(loaded);
    CHECK(has(run.results[0].error, "lies outside"));
    CHECK_FALSE(has(run.results[0].error, "root:x"));
}

// ---- a pack's Lua files: one listing, with limits --------------------------

TEST_CASE("pack files: a huge .lua file is refused by its size before it is read", "[hardening][pack_files]") {
    TempDir dir;
    dir.write("pack.lua", kPack);
    sparse_file(dir.path() / "huge.lua", 3ull << 30);  // 3 GiB, reading it would take the machine's memory
    std::string e = error_of([&] { load_pack(dir.path()); });
    CHECK(has(e, (dir.path() / "huge.lua").string() + ": a .lua file may hold at most 16 MiB; this one holds 3 GiB"));
    // assay check lists it as a finding rather than reading it.
    std::vector<Finding> found = check_pack_syntax(dir.path());
    REQUIRE(found.size() == 1);
    CHECK(has(found[0].message, "at most 16 MiB"));
    // The tests folder is listed the same way.
    fs::remove(dir.path() / "huge.lua");
    Pack pack = load_pack(dir.path());
    fs::create_directories(dir.path() / "tests");
    sparse_file(dir.path() / "tests/huge.lua", 1ull << 30);
    CHECK(has(error_of([&] { load_pack_tests(pack); }), "a .lua file may hold at most 16 MiB; this one holds 1 GiB"));
}

TEST_CASE("pack files: the pack's sources together are capped", "[hardening][pack_files]") {
    TempDir dir;
    dir.write("pack.lua", kPack);
    for (int i = 0; i < 5; ++i) sparse_file(dir.path() / ("f" + std::to_string(i) + ".lua"), 15u << 20);
    std::string e = error_of([&] { load_pack(dir.path()); });
    CHECK(has(e, "the .lua files of a rule pack may hold at most 64 MiB in all"));
}

TEST_CASE("pack files: a .lua name that is not a regular file is refused", "[hardening][pack_files]") {
    TempDir dir;
    dir.write("pack.lua", kPack);
    fs::create_directory(dir.path() / "folder.lua");
    CHECK(has(error_of([&] { load_pack(dir.path()); }), "folder.lua: a folder, not a regular file"));
    fs::remove(dir.path() / "folder.lua");
    REQUIRE(::mkfifo((dir.path() / "pipe.lua").c_str(), 0600) == 0);
    CHECK(has(error_of([&] { load_pack(dir.path()); }), "pipe.lua: a FIFO (named pipe), not a regular file"));
    fs::remove(dir.path() / "pipe.lua");
    fs::create_symlink("/dev/zero", dir.path() / "zero.lua");
    CHECK(has(error_of([&] { load_pack(dir.path()); }), "zero.lua: a character device, not a regular file"));
    fs::remove(dir.path() / "zero.lua");
    CHECK_NOTHROW(load_pack(dir.path()));
}

TEST_CASE("pack files: a file name with a line end cannot forge a diagnostic", "[hardening][pack_files]") {
    TempDir dir;
    dir.write("pack.lua", kPack);
    dir.write("a\nfake.lua:1: all is well.lua", "x = 1\n");
    std::string e = error_of([&] { load_pack(dir.path()); });
    CHECK(has(e, "holds a control character"));
    CHECK(has(e, "a<U+000A>fake.lua"));
    CHECK_FALSE(has(e, "\n"));
}

TEST_CASE("pack files: a tests folder of more files than any pack needs is refused", "[hardening][pack_files]") {
    TempDir dir;
    dir.write("pack.lua", kPack);
    Pack pack = load_pack(dir.path());
    for (int i = 0; i <= 1000; ++i) dir.write("tests/t" + std::to_string(i) + ".lua", "\n");
    CHECK(has(error_of([&] { load_pack_tests(pack); }),
              "a pack's tests folder holds at most 1000 .lua files; this one holds 1001"));
}

// ---- derived series are bounded -------------------------------------------

TEST_CASE("derive: derived series past their memory bound are refused, naming the derivation", "[hardening][derive]") {
    // 2 indicators x 2,000 areas x 3 periods = 12,000 observations: the
    // derived series may hold 4 x 12,000 + 1,000,000 = 1,048,000. Each sum
    // adds 6,000, so the 175th (6,000 x 175 = 1,050,000) passes it.
    TempDir dir;
    std::string obs = "indicator,area,period,value\n";
    for (const char* indicator : {"theft", "robbery"})
        for (int a = 0; a < 2000; ++a)
            for (const char* period : {"2004/05", "2005/06", "2006/07"})
                obs += std::string(indicator) + ",A" + std::to_string(a) + "," + period + ",5\n";
    dir.write("data/observations.csv", obs);
    std::string derives;
    for (int i = 0; i < 300; ++i)
        derives += "derive \"d" + std::to_string(i) + "\" { title = \"D\", sum = { \"theft\", \"robbery\" } }\n";
    dir.write("pack/pack.lua", kPack);
    dir.write("pack/derived.lua", derives);
    Dataset data = load_dataset(dir.path() / "data/observations.csv");
    REQUIRE(data.obs_value.size() == 12000);
    Pack pack = load_pack(dir.path() / "pack");
    std::string e = error_of([&] { derive_series(pack, data); });
    CHECK(has(e, (dir.path() / "pack/derived.lua").string() + ":175: derive 'd174': the derived series would hold "
                                                              "more than 1048000 observations"));
    // Fewer derivations fit.
    dir.write("pack/derived.lua", derives.substr(0, derives.find("derive \"d100\"")));
    Pack fewer = load_pack(dir.path() / "pack");
    CHECK(derive_series(fewer, data).indicators.size() == 102);
}

// ---- datasets ---------------------------------------------------------------

TEST_CASE("datasets: old Mac line ends (CR only) are read, comment lines too", "[hardening][dataset]") {
    TempDir dir;
    dir.write("obs.csv",
              "# source: a spreadsheet of 1998\rindicator,area,period,value\rtheft,A,2005/06,5\r"
              "theft,A,2006/07,7\r");
    Dataset d = load_dataset(dir.path() / "obs.csv");
    REQUIRE(d.obs_value.size() == 2);
    CHECK(d.obs_value[0] == 5);
    CHECK(d.obs_value[1] == 7);
}

TEST_CASE("datasets: a decimal comma is never a thousands separator", "[hardening][dataset]") {
    for (const char* text : {"0,500", "-0,500", "00,500", "£0,500", "0,500,000"}) {
        INFO(text);
        Result<CellValue> v = parse_cell(text);
        REQUIRE_FALSE(v);
        CHECK(has(v.error().message, "a comma after a leading 0 is a decimal comma"));
    }
    REQUIRE(parse_cell("1,500"));
    CHECK(*parse_cell("1,500")->value == 1500);
    TempDir dir;
    dir.write("obs.csv", "indicator,area,period,value\ntheft,A,2006/07,\"0,500\"\n");
    std::string e = error_of([&] { load_dataset(dir.path() / "obs.csv"); });
    CHECK(has(e, "obs.csv:2:17: value: cannot read \"0,500\" as a number: a comma after a leading 0"));
}

TEST_CASE("datasets: a number too small to hold is not read as 0", "[hardening][dataset]") {
    Result<CellValue> v = parse_cell("1e-400");
    REQUIRE_FALSE(v);
    CHECK(has(v.error().message, "\"1e-400\" is too small to hold"));
    REQUIRE(parse_cell("0e-400"));
    CHECK(*parse_cell("0.000e5")->value == 0);
    TempDir dir;
    dir.write("obs.csv", "indicator,area,period,value\ntheft,A,2006/07,1e-400\n");
    CHECK(has(error_of([&] { load_dataset(dir.path() / "obs.csv"); }), "obs.csv:2:17: value: the number"));
}

TEST_CASE("datasets: a mark that changes a figure's meaning is refused for the indicator's unit",
          "[hardening][dataset]") {
    TempDir dir;
    dir.write("d/indicators.csv", kIndicators);
    auto load_values = [&](const std::string& rows) {
        dir.write("d/observations.csv", "indicator,area,period,value\n" + rows);
        return error_of([&] { load_dataset(dir.path() / "d"); });
    };
    std::string e = load_values("theft,A,2006/07,76%\n");
    CHECK(has(e,
              "observations.csv:2:17: value \"76%\": written as a percentage (%), but indicator \"theft\" has "
              "the unit count"));
    e = load_values(
        "share,A,2006/07,\xC2\xA3"
        "76\n");
    CHECK(has(e, "value \"£76\": written as money (a currency sign), but indicator \"share\" has the unit percent"));
    CHECK(has(load_values("theft,A,2006/07,1:00:00\n"), "written as a duration (h:mm:ss)"));
    // Marks that agree with the unit are read.
    CHECK(load_values("share,A,2006/07,76%\nspend,A,2006/07,\"\xC2\xA3"
                      "1,200\"\ntheft,A,2006/07,76\n") == "no error");
}

TEST_CASE("datasets: a FIFO, a device or a folder is named for what it is", "[hardening][dataset]") {
    TempDir dir;
    dir.write("d/indicators.csv", kIndicators);
    fs::create_directory(dir.path() / "d/observations.csv");
    std::string e = error_of([&] { load_dataset(dir.path() / "d"); });
    CHECK(has(e, "observations.csv: a folder, not a regular file"));
    fs::remove(dir.path() / "d/observations.csv");
    REQUIRE(::mkfifo((dir.path() / "d/observations.csv").c_str(), 0600) == 0);  // no writer: reading would wait
    CHECK(has(error_of([&] { load_dataset(dir.path() / "d"); }),
              "observations.csv: a FIFO (named pipe), not a regular file"));
    fs::remove(dir.path() / "d/observations.csv");
    fs::create_symlink("/dev/zero", dir.path() / "d/observations.csv");
    CHECK(has(error_of([&] { load_dataset(dir.path() / "d"); }),
              "observations.csv: a character device, not a regular file"));
    CHECK(has(error_of([&] { load_dataset("/dev/zero"); }), "/dev/zero: a character device, not a regular file"));
    fs::remove(dir.path() / "d/indicators.csv");
    fs::create_directory(dir.path() / "d/indicators.csv");
    CHECK(has(error_of([&] { load_dataset(dir.path() / "d"); }), "indicators.csv: a folder, not a regular file"));
}

TEST_CASE("datasets: a line longer than the limit is refused, naming its line", "[hardening][dataset]") {
    TempDir dir;
    // 8 MiB of NUL bytes with no line end: the header.
    dir.write("nul.csv", std::string(8u << 20, '\0'));
    CHECK(has(error_of([&] { load_dataset(dir.path() / "nul.csv"); }),
              "nul.csv:1:1: the header (line 1) is longer than 1024 KiB"));
    // A long record after a good header, however it falls across chunks.
    for (size_t length : {(1u << 20) + 10, (5u << 20) + 3}) {
        dir.write("long.csv", "indicator,area,period,value\ntheft,A,2006/07,\"" + std::string(length, 'x') + "\"\n");
        CHECK(has(error_of([&] { load_dataset(dir.path() / "long.csv"); }), "long.csv:2:1: line 2 is longer than"));
    }
    // Just under the limit is read (and refused for what it holds).
    dir.write("ok.csv", "indicator,area,period,value\ntheft,A,2006/07," + std::string(1000000, '9') + "x\n");
    CHECK(has(error_of([&] { load_dataset(dir.path() / "ok.csv"); }), "cannot read"));
}

TEST_CASE("datasets: a file name with control characters is escaped in diagnostics", "[hardening][dataset]") {
    TempDir dir;
    dir.write("d/indicators.csv", kIndicators);
    dir.write("d/observations\nassay: all figures agree\x1b[2J.csv", "indicator,area,period,value\nnope,A,2006/07,1\n");
    std::string e = error_of([&] { load_dataset(dir.path() / "d"); });
    CHECK(has(e, "observations<U+000A>assay: all figures agree<U+001B>[2J.csv:2:1: unknown indicator"));
    CHECK_FALSE(has(e, "\n"));
    CHECK_FALSE(has(e, "\x1b"));
}
