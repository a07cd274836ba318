// Fuzz target: .xlsx workbooks. The input's first byte chooses what the
// rest is: odd, the whole workbook file (the zip archive itself); even, the
// XML of the worksheet, the shared strings and the styles, separated by NUL
// bytes, put in a well-formed archive so that the XML readers get the
// mutations. A dataset or an InputError naming the workbook, never a crash,
// a hang or another exception; a dataset that loads keeps its invariants.
#include "dataset_checks.hpp"
#include "fuzz_support.hpp"

#include <assay/dataset.hpp>
#include <assay/error.hpp>

#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

using namespace assay;
using assay::fuzz::check;

namespace {

namespace fs = std::filesystem;

const char* const workbook_xml =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

const char* const rels_xml =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "styles\" Target=\"styles.xml\"/></Relationships>";

/// Writes a workbook at `path` whose sheet, shared strings and styles are `parts`.
void write_workbook(const fs::path& path, const std::vector<std::string>& parts) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    check(z != nullptr, "libzip creates the archive");
    auto add = [&](const char* name, const std::string& bytes) {
        zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        zip_int64_t i = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
        check(i >= 0, "libzip adds a part");
        zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
    };
    const std::string workbook = workbook_xml, rels = rels_xml;
    add("xl/workbook.xml", workbook);
    add("xl/_rels/workbook.xml.rels", rels);
    add("xl/worksheets/sheet1.xml", parts[0]);
    add("xl/sharedStrings.xml", parts[1]);
    add("xl/styles.xml", parts[2]);
    check(zip_close(z) == 0, "libzip writes the archive");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const fs::path path = fuzz::scratch() / "book.xlsx";
    std::string_view rest = fuzz::text_of(data + 1, size - 1);
    if (data[0] & 1) {
        fuzz::write_file(path, rest);
    } else {
        std::vector<std::string> parts(3);
        for (size_t i = 0; i < 3; ++i) {
            size_t nul = i < 2 ? rest.find('\0') : std::string_view::npos;
            parts[i] = std::string(rest.substr(0, nul));
            rest = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
        }
        if (parts[1].empty()) parts[1] = "<sst/>";
        if (parts[2].empty()) parts[2] = "<styleSheet/>";
        write_workbook(path, parts);
    }
    try {
        Dataset d = load_dataset(path);
        fuzz::check_dataset(d);
    } catch (const InputError& e) {
        check(std::string(e.what()).find(path.string()) != std::string::npos, "the error names the workbook", e.what());
    }
    return 0;
}
