// csv_to_xlsx OUT.xlsx SHEET=FILE.csv...: writes CSV files as the sheets of a
// workbook with libxlsxwriter (numbers as number cells, the rest as text),
// so that the CLI tests can give assay a workbook made independently of
// its reader.
#include "../unit/dataset/workbook_writer.hpp"

#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: csv_to_xlsx OUT.xlsx SHEET=FILE.csv...\n");
        return 2;
    }
    try {
        lxw_workbook* book = workbook_new(argv[1]);
        for (int i = 2; i < argc; ++i) {
            std::string arg = argv[i];
            size_t eq = arg.find('=');
            if (eq == std::string::npos) {
                std::fprintf(stderr, "csv_to_xlsx: expected SHEET=FILE.csv, got %s\n", argv[i]);
                return 2;
            }
            assay::test::write_sheet(book, arg.substr(0, eq), arg.substr(eq + 1));
        }
        return workbook_close(book) == LXW_NO_ERROR ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "csv_to_xlsx: %s\n", e.what());
        return 1;
    }
}
