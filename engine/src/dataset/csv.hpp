// A streaming RFC 4180 CSV reader: the file is read in large chunks and
// parsed in place, so records cost no heap allocation; fields are views into
// the chunk with the line and column where they start. Each chunk is hashed
// (SHA-256) on a second thread while it is parsed; the chunk is never
// written to, so the hash is of exactly the bytes parsed. Blank lines, rows of
// empty cells and '#' comment lines are skipped; a leading BOM is dropped;
// CRLF, LF and CR line ends are accepted; text must be UTF-8; a record may
// hold at most max_record_bytes; the file must be a regular file.
#pragma once

#include <assay/error.hpp>
#include <assay/hash.hpp>

#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace assay::dataset {

/// One field of a record: its text, unquoted, and where it starts.
struct CsvField {
    std::string_view text;  ///< valid until the next call to CsvReader::next
    int line = 0;           ///< 1-based line of the field's first character
    int column = 0;         ///< 1-based column, counted in characters
};

/// One row of a spreadsheet: its 1-based number and its cells' text, column A first.
struct SheetRow {
    int number = 0;
    std::vector<std::string> cells;
};

/// Reads one CSV file record by record, hashing its bytes as it goes; or the
/// rows of one spreadsheet sheet, so that the same readers read both.
class CsvReader {
public:
    /// The most bytes one record (a line, or lines joined by a quoted value)
    /// may hold; a longer one is an error naming its line, so that a file of
    /// NUL bytes with no line end is refused, not held in memory whole.
    static constexpr size_t max_record_bytes = 1u << 20;

    /// Opens `path`; errors name the file as `display`. Throws InputError if unreadable.
    CsvReader(const std::filesystem::path& path, std::string display);
    /// Reads the rows of sheet `sheet` of the workbook named `display`: fields
    /// carry the row number as their line and the cell's column (A = 1).
    CsvReader(std::string display, std::string sheet, std::vector<SheetRow> rows);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    /// Reads the next record into `fields`; false at the end of the file.
    /// Throws InputError on an unterminated quote or invalid UTF-8.
    bool next(std::vector<CsvField>& fields);

    /// The file as named in errors.
    const std::string& name() const { return name_; }
    /// The worksheet read, when this reads a workbook's rows; else "".
    const std::string& sheet() const { return sheet_; }
    /// A location in this file.
    SourceLoc at(int line, int column) const { return SourceLoc{name_, line, column, sheet_}; }
    /// The location of a field.
    SourceLoc at(const CsvField& f) const { return at(f.line, f.column); }
    /// The file's size when it was opened.
    uint64_t file_size() const { return size_; }
    /// Bytes read so far: the whole file once next() has returned false.
    uint64_t bytes_read() const { return bytes_; }
    /// Bytes of the records returned so far (with skipped lines between them).
    uint64_t bytes_parsed() const { return bytes_ - (end_ - begin_); }
    /// Lower-case hex SHA-256 of the bytes read: the file's, once next() has returned false.
    std::string sha256();

private:
    enum class Step { record, skipped, need_more, end };

    Step parse(std::vector<CsvField>& fields);
    void fix_record(std::vector<CsvField>& fields, const char* record, bool non_ascii);
    void refill();
    [[noreturn]] void fail(int line, int column, std::string message) const;
    [[noreturn]] void too_long(int line) const;

    bool next_row(std::vector<CsvField>& fields);

    std::string name_;
    std::string sheet_;           ///< the sheet read, for a workbook's rows
    std::vector<SheetRow> rows_;  ///< a workbook sheet's rows, read in place of a file
    size_t next_row_ = 0;         ///< the next of rows_ to return
    bool sheet_mode_ = false;     ///< rows_ are read, not a file
    int fd_ = -1;
    std::unique_ptr<char[]> buf_;
    size_t cap_ = 0;
    size_t begin_ = 0;  ///< start of unparsed data in buf_
    size_t end_ = 0;    ///< end of data in buf_
    bool eof_ = false;
    bool started_ = false;
    int line_ = 1;  ///< line number at begin_
    uint64_t size_ = 0;
    uint64_t bytes_ = 0;
    Sha256 hash_;
    std::string unescaped_;  ///< text of fields that held doubled quotes, for the current record
    /// The chunk last read, being hashed on another thread while it is parsed.
    /// Declared last so that it is waited for before the buffer is freed.
    std::future<void> hashing_;
};

}  // namespace assay::dataset
