// The CSV reader. A record is first delimited by a scan that touches each
// byte once; only when it is complete are columns counted and doubled quotes
// undone, so a record cut by the end of a chunk is simply scanned again
// after the refill.
#include "dataset/csv.hpp"
#include "core/regular_file.hpp"
#include "dataset/scan_field.hpp"
#include "dataset/utf8.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace assay::dataset {
namespace {

constexpr size_t chunk_size = 4u << 20;
// The first read is small and each refill doubles the buffer up to
// chunk_size: a reader that wants only the header (the streamed run's) or a
// small file reads and hashes a few pages, not 4 MiB of fresh memory.
constexpr size_t first_chunk = 64u << 10;
// Chunks smaller than this are hashed in place: a thread costs more.
constexpr size_t hash_apart_at = 1u << 20;

/// Bytes that end an unquoted field.
constexpr std::array<bool, 256> field_end = [] {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(',')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    t[static_cast<unsigned char>('\r')] = true;
    return t;
}();

InputError unreadable(const std::string& name, int err) {
    return InputError(Error{SourceLoc{name, 0, 0}, std::string("cannot read file: ") + std::strerror(err)});
}

}  // namespace

CsvReader::CsvReader(const std::filesystem::path& path, std::string display) : name_(std::move(display)) {
    // A FIFO, a device such as /dev/zero or a folder is refused, not read forever.
    RegularFile file = open_regular(path, name_);
    fd_ = file.fd;
    file.fd = -1;
    size_ = file.size;
    cap_ = std::min<size_t>(first_chunk, std::max<size_t>(size_ + 1, 4096));
    buf_ = std::make_unique_for_overwrite<char[]>(cap_);
}

CsvReader::CsvReader(std::string display, std::string sheet, std::vector<SheetRow> rows)
    : name_(std::move(display)), sheet_(std::move(sheet)), rows_(std::move(rows)), sheet_mode_(true) {
    for (const SheetRow& r : rows_)
        for (const std::string& c : r.cells) size_ += c.size() + 1;
}

bool CsvReader::next_row(std::vector<CsvField>& fields) {
    if (next_row_ == rows_.size()) {
        bytes_ = size_;
        return false;
    }
    const SheetRow& row = rows_[next_row_++];
    fields.clear();
    for (size_t i = 0; i < row.cells.size(); ++i)
        fields.push_back(CsvField{row.cells[i], row.number, static_cast<int>(i) + 1});
    for (const std::string& c : row.cells) bytes_ += c.size() + 1;
    return true;
}

CsvReader::~CsvReader() {
    if (fd_ >= 0) ::close(fd_);
}

void CsvReader::fail(int line, int column, std::string message) const {
    throw InputError(Error{at(line, column), std::move(message)});
}

void CsvReader::too_long(int line) const {
    fail(line, 1,
         fmt::format("{} is longer than {} KiB, the most a line (or a quoted value spanning lines) may hold: is "
                     "this a CSV file? (one with no line ends, or of NUL bytes, is not)",
                     line == 1 ? std::string("the header (line 1)") : fmt::format("line {}", line),
                     max_record_bytes >> 10));
}

void CsvReader::refill() {
    // The buffer is about to be moved and overwritten: the last chunk must be hashed.
    if (hashing_.valid()) hashing_.get();
    // Keep the unparsed tail; grow when one record fills the whole buffer.
    if (begin_ > 0) {
        std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    // Grow, too, while below chunk_size when the rest of the file would not fit.
    const bool more = bytes_ < size_ && size_ - bytes_ > cap_ - end_;
    if (end_ == cap_ || (cap_ < chunk_size && more)) {
        size_t bigger = cap_ * 2;
        auto grown = std::make_unique_for_overwrite<char[]>(bigger);
        std::memcpy(grown.get(), buf_.get(), end_);
        buf_ = std::move(grown);
        cap_ = bigger;
    }
    for (;;) {
        ssize_t n = ::read(fd_, buf_.get() + end_, cap_ - end_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw unreadable(name_, errno);
        if (n == 0) {
            eof_ = true;
        } else {
            std::string_view chunk(buf_.get() + end_, static_cast<size_t>(n));
            if (chunk.size() < hash_apart_at) {
                hash_.update(chunk);
            } else {
                try {
                    hashing_ = std::async(std::launch::async, [this, chunk] { hash_.update(chunk); });
                } catch (const std::system_error&) {
                    hash_.update(chunk);  // no thread to be had: hash it here
                }
            }
            end_ += static_cast<size_t>(n);
            bytes_ += static_cast<uint64_t>(n);
        }
        return;
    }
}

std::string CsvReader::sha256() {
    if (hashing_.valid()) hashing_.get();
    return hash_.hex();
}

bool CsvReader::next(std::vector<CsvField>& fields) {
    if (sheet_mode_) return next_row(fields);
    if (!started_) {
        while (!eof_ && end_ < 3) refill();
        if (end_ >= 3 && std::memcmp(buf_.get(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
        started_ = true;
    }
    for (;;) {
        const size_t start = begin_;
        const int line = line_;
        Step step = parse(fields);
        // A record (or skipped line) past the limit is refused whether or not
        // it fitted in the chunk, so the limit does not depend on where chunks fall.
        size_t length = step == Step::need_more ? end_ - begin_ : begin_ - start;
        if (length > max_record_bytes) too_long(line);
        switch (step) {
            case Step::record:
                return true;
            case Step::end:
                return false;
            case Step::skipped:
                break;
            case Step::need_more:
                refill();
                break;
        }
    }
}

CsvReader::Step CsvReader::parse(std::vector<CsvField>& fields) {
    const char* const base = buf_.get() + begin_;
    const char* const end = buf_.get() + end_;
    const char* p = base;
    if (p == end) return eof_ ? Step::end : Step::need_more;

    // Blank lines and comments.
    if (*p == '\n' || *p == '\r') {
        if (*p == '\r' && p + 1 == end && !eof_) return Step::need_more;
        begin_ += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
        ++line_;
        return Step::skipped;
    }
    if (*p == '#') {
        // To the line end: LF, CRLF or a lone CR (old Mac files).
        const char* nl = std::find_if(p, end, [](char c) { return c == '\n' || c == '\r'; });
        if (nl == end && !eof_) return Step::need_more;
        if (nl < end && *nl == '\r') {
            if (nl + 1 == end && !eof_) return Step::need_more;
            if (nl + 1 < end && nl[1] == '\n') ++nl;
        }
        begin_ = nl < end ? static_cast<size_t>(nl + 1 - buf_.get()) : end_;
        ++line_;
        return Step::skipped;
    }

    // The fast scan: byte columns, quoted text still escaped. fix_record()
    // repairs both in the rare records that need it.
    fields.clear();
    int line = line_;
    const char* line_start = base;
    unsigned high = 0;
    bool escaped = false;
    for (;;) {
        const char* start = p;
        const char* text = p;
        const char* text_end;
        int field_line = line;
        int column = static_cast<int>(p - line_start) + 1;
        if (p < end && *p == '"') {
            text = ++p;
            for (;;) {
                const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
                const char* stop = q ? q : end;
                for (const char* c = p; c < stop; ++c) {
                    high |= static_cast<unsigned char>(*c);  // any non-ASCII byte sets 0x80
                    if (*c == '\n' || (*c == '\r' && c + 1 < stop && c[1] != '\n')) {
                        ++line;
                        line_start = c + 1;
                    }
                }
                if (!q) {
                    if (!eof_) return Step::need_more;
                    std::string_view before(base, static_cast<size_t>(start - base));
                    size_t nl = before.find_last_of("\r\n");
                    int col =
                        static_cast<int>(utf8_length(nl == std::string_view::npos ? before : before.substr(nl + 1))) +
                        1;
                    fail(field_line, col,
                         "a quoted field is not closed: a quote is missing before the end of the file");
                }
                if (q + 1 == end && !eof_) return Step::need_more;
                if (q + 1 < end && q[1] == '"') {
                    escaped = true;
                    p = q + 2;
                    continue;
                }
                text_end = q;
                p = q + 1;
                break;
            }
            if (p < end && !field_end[static_cast<unsigned char>(*p)]) {
                int col =
                    static_cast<int>(utf8_length(std::string_view(line_start, static_cast<size_t>(p - line_start)))) +
                    1;
                fail(line, col,
                     "unexpected text after a closing quote (write a quote inside a quoted field as two quotes \"\")");
            }
        } else {
            p = scan_unquoted(p, end, high);
            text_end = p;
        }
        fields.push_back(CsvField{std::string_view(text, static_cast<size_t>(text_end - text)), field_line, column});
        if (p == end) {
            if (!eof_) return Step::need_more;
            break;
        }
        if (*p == ',') {
            ++p;
            continue;
        }
        if (*p == '\r') {
            if (p + 1 == end && !eof_) return Step::need_more;
            ++p;
            if (p < end && *p == '\n') ++p;
        } else {
            ++p;  // '\n'
        }
        ++line;
        break;
    }
    begin_ = static_cast<size_t>(p - buf_.get());
    line_ = line;

    bool non_ascii = (high & 0x80) != 0;
    if (non_ascii || escaped) fix_record(fields, base, non_ascii);
    for (const CsvField& f : fields)
        if (!f.text.empty()) return Step::record;
    return Step::skipped;  // a row of empty cells, as spreadsheets export below the data
}

void CsvReader::fix_record(std::vector<CsvField>& fields, const char* record, bool non_ascii) {
    unescaped_.clear();
    unescaped_.reserve(static_cast<size_t>(buf_.get() + begin_ - record));
    for (CsvField& f : fields) {
        bool quoted = f.text.data() > record && f.text.data()[-1] == '"';
        const char* start = f.text.data() - (quoted ? 1 : 0);
        // The line the field starts on begins after the last line end before it.
        std::string_view before(record, static_cast<size_t>(start - record));
        size_t nl = before.find_last_of("\r\n");
        std::string_view on_line = nl == std::string_view::npos ? before : before.substr(nl + 1);
        f.column = static_cast<int>(non_ascii ? utf8_length(on_line) : on_line.size()) + 1;
        if (non_ascii) {
            size_t bad = invalid_utf8_at(f.text);
            if (bad != std::string_view::npos) {
                // Place the error at the offending byte, which may be on a later line of a quoted field.
                std::string_view prefix = f.text.substr(0, bad);
                size_t last_nl = prefix.find_last_of("\r\n");
                int line = f.line + static_cast<int>(std::count(prefix.begin(), prefix.end(), '\n'));
                int col = last_nl == std::string_view::npos
                              ? f.column + (quoted ? 1 : 0) + static_cast<int>(utf8_length(prefix))
                              : static_cast<int>(utf8_length(prefix.substr(last_nl + 1))) + 1;
                fail(line, col, "invalid UTF-8: save the file as \"CSV UTF-8\"");
            }
        }
        if (quoted && f.text.find('"') != std::string_view::npos) {
            // Undo doubled quotes into the scratch buffer (the chunk may be
            // being hashed); it was sized for the record, so it never moves.
            size_t at = unescaped_.size();
            for (const char* r = f.text.data(); r < f.text.data() + f.text.size(); ++r) {
                unescaped_ += *r;
                if (*r == '"') ++r;
            }
            f.text = std::string_view(unescaped_.data() + at, unescaped_.size() - at);
        }
    }
}

}  // namespace assay::dataset
