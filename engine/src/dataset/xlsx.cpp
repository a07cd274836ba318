// .xlsx reader (see xlsx.hpp). The parts read: xl/workbook.xml (sheet names
// and order, the 1904 date system), its relationships (where each sheet
// is), the shared strings, the styles (which cells hold dates) and the
// worksheets. Expat parses each part as libzip inflates it; a callback that
// meets a problem records it and stops the parser, so no exception crosses
// the C library.
#include "dataset/xlsx.hpp"

#include "core/regular_file.hpp"

#include <assay/error.hpp>
#include <assay/hash.hpp>

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

namespace assay::dataset {
namespace {

constexpr int max_rows = 1048576;   ///< Excel's grid: rows
constexpr int max_columns = 16384;  ///< Excel's grid: columns (A to XFD)
/// The most cells (empty ones between filled ones included) a workbook may hold.
constexpr uint64_t max_cells = 8'000'000;

/// The local part of an XML name: "x:sheet" -> "sheet".
std::string_view local(const char* name) {
    std::string_view n(name);
    size_t colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

/// The attribute whose local name is `name`, or nullptr.
const char* attribute(const char** attrs, std::string_view name) {
    for (; attrs && *attrs; attrs += 2)
        if (local(attrs[0]) == name) return attrs[1];
    return nullptr;
}

/// What one part's parser is told: elements opening and closing, and text.
class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const char** attrs) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}
    /// The first problem a callback met; parsing stops there.
    std::optional<Error> problem;
};

/// The open archive and what has been inflated from it so far.
class Archive {
public:
    Archive(const std::string& bytes, std::string display) : display_(std::move(display)) {
        zip_error_t err;
        zip_error_init(&err);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
        if (src) {
            zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
            if (!zip_) zip_source_free(src);
        }
        std::string why = zip_error_strerror(&err);
        zip_error_fini(&err);
        if (!zip_)
            throw InputError(Error{SourceLoc{display_, 0, 0},
                                   fmt::format("not an .xlsx workbook: cannot open it as a zip archive ({}); "
                                               "expected a workbook saved by Excel, LibreOffice or the like",
                                               why)});
    }
    ~Archive() {
        if (zip_) zip_discard(zip_);
    }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    bool has(const std::string& part) const { return zip_name_locate(zip_, part.c_str(), 0) >= 0; }

    /// Parses `part` with `handler`; throws InputError naming the part (or
    /// the problem the handler met) when it is missing, too big or malformed.
    void parse(const std::string& part, XmlHandler& handler);

private:
    [[noreturn]] void fail(const std::string& part, const std::string& message) const {
        throw InputError(Error{SourceLoc{display_ + "!" + part, 0, 0}, message});
    }

    std::string display_;
    zip_t* zip_ = nullptr;
    uint64_t inflated_ = 0;
};

/// Expat, with DTDs and entity declarations refused (no entity expansion,
/// no external entities), turning callbacks into XmlHandler calls.
class Expat {
public:
    explicit Expat(XmlHandler& h) : parser_(XML_ParserCreate(nullptr)), handler_(h) {
        if (!parser_) throw std::bad_alloc();
        XML_SetUserData(parser_, this);
        XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
        XML_SetStartDoctypeDeclHandler(parser_, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
            static_cast<Expat*>(self)->refuse("a DTD (<!DOCTYPE ...>)");
        });
        XML_SetEntityDeclHandler(parser_, [](void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                             const XML_Char*, const XML_Char*, const XML_Char*) {
            static_cast<Expat*>(self)->refuse("an entity declaration");
        });
        XML_SetElementHandler(
            parser_,
            [](void* self, const XML_Char* name, const XML_Char** attrs) {
                auto* e = static_cast<Expat*>(self);
                if (!e->handler_.problem) e->handler_.start(local(name), attrs);
                if (e->handler_.problem) XML_StopParser(e->parser_, XML_FALSE);
            },
            [](void* self, const XML_Char* name) {
                auto* e = static_cast<Expat*>(self);
                if (!e->handler_.problem) e->handler_.end(local(name));
                if (e->handler_.problem) XML_StopParser(e->parser_, XML_FALSE);
            });
        XML_SetCharacterDataHandler(parser_, [](void* self, const XML_Char* s, int len) {
            auto* e = static_cast<Expat*>(self);
            if (!e->handler_.problem) e->handler_.text(std::string_view(s, static_cast<size_t>(len)));
        });
    }
    ~Expat() { XML_ParserFree(parser_); }
    Expat(const Expat&) = delete;
    Expat& operator=(const Expat&) = delete;

    /// Feeds `bytes` (the last piece when `final`); the error text, or "" when all is well.
    std::string feed(const char* bytes, size_t size, bool final) {
        if (XML_Parse(parser_, bytes, static_cast<int>(size), final ? 1 : 0) == XML_STATUS_OK) return "";
        if (handler_.problem) return "stopped";
        return fmt::format("malformed XML at line {}, column {}: {}", XML_GetCurrentLineNumber(parser_),
                           XML_GetCurrentColumnNumber(parser_) + 1, XML_ErrorString(XML_GetErrorCode(parser_)));
    }

private:
    void refuse(const char* what) {
        if (!handler_.problem)
            handler_.problem = Error{SourceLoc{}, fmt::format("holds {}: a workbook part never needs one, and "
                                                              "entities can expand without bound",
                                                              what)};
        XML_StopParser(parser_, XML_FALSE);
    }

    XML_Parser parser_;
    XmlHandler& handler_;
};

void Archive::parse(const std::string& part, XmlHandler& handler) {
    zip_int64_t index = zip_name_locate(zip_, part.c_str(), 0);
    if (index < 0) fail(part, "missing from the workbook: is this an .xlsx file saved by a spreadsheet program?");
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0)
        fail(part, "cannot read the part's entry in the zip archive");
    zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!file) fail(part, fmt::format("cannot open the part: {}", zip_strerror(zip_)));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closing(file, zip_fclose);
    const uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    Expat xml(handler);
    std::unique_ptr<char[]> buf(new char[1 << 16]);
    uint64_t inflated = 0;
    for (;;) {
        zip_int64_t n = zip_fread(file, buf.get(), 1 << 16);
        if (n < 0) fail(part, fmt::format("cannot inflate the part: {}", zip_file_strerror(file)));
        inflated += static_cast<uint64_t>(n);
        inflated_ += static_cast<uint64_t>(n);
        if (inflated > (1u << 20) && inflated / std::max<uint64_t>(compressed, 1) > max_inflate_ratio)
            fail(part, fmt::format("inflates more than {} times its compressed size ({}): refused as a zip bomb",
                                   max_inflate_ratio, byte_size(compressed)));
        if (inflated_ > max_inflated_bytes)
            fail(part, fmt::format("the workbook's parts inflate to more than {}, the most a workbook may hold; "
                                   "save a large dataset as CSV",
                                   byte_size(max_inflated_bytes)));
        std::string why = xml.feed(buf.get(), static_cast<size_t>(n), n == 0);
        if (handler.problem) {
            Error e = std::move(*handler.problem);
            if (e.where.file.empty()) e.where.file = display_ + "!" + part;
            throw InputError(std::move(e));
        }
        if (!why.empty()) fail(part, why);
        if (n == 0) return;
    }
}

/// xl/workbook.xml: the sheets in order, with their relationship ids.
struct WorkbookPart : XmlHandler {
    struct Entry {
        std::string name, rel;
    };
    std::vector<Entry> sheets;
    bool date1904 = false;
    void start(std::string_view name, const char** attrs) override {
        if (name == "workbookPr") {
            const char* d = attribute(attrs, "date1904");
            date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
        } else if (name == "sheet") {
            const char* n = attribute(attrs, "name");
            const char* id = attribute(attrs, "id");
            if (!n || !id)
                problem =
                    Error{SourceLoc{}, "a <sheet> has no name or no r:id: expected <sheet name=\"...\" r:id=\"...\">"};
            else
                sheets.push_back(Entry{n, id});
        }
    }
    void end(std::string_view) override {}
};

/// xl/_rels/workbook.xml.rels: relationship id -> part, and the parts by type.
struct RelsPart : XmlHandler {
    std::map<std::string, std::string> target;
    std::string shared_strings, styles;
    void start(std::string_view name, const char** attrs) override {
        if (name != "Relationship") return;
        const char* id = attribute(attrs, "Id");
        const char* to = attribute(attrs, "Target");
        const char* type = attribute(attrs, "Type");
        if (!id || !to) return;
        std::string part = to[0] == '/' ? std::string(to + 1) : "xl/" + std::string(to);
        target[id] = part;
        std::string_view t = type ? type : "";
        if (t.ends_with("/sharedStrings")) shared_strings = part;
        if (t.ends_with("/styles")) styles = part;
    }
    void end(std::string_view) override {}
};

/// xl/sharedStrings.xml: the strings cells of type "s" index, runs joined,
/// phonetic guides (<rPh>) left out.
struct SharedStringsPart : XmlHandler {
    std::vector<std::string> strings;
    int in_t = 0, in_rph = 0;
    bool in_si = false;
    void start(std::string_view name, const char**) override {
        if (name == "si") {
            in_si = true;
            strings.emplace_back();
        } else if (name == "t") {
            ++in_t;
        } else if (name == "rPh") {
            ++in_rph;
        }
    }
    void end(std::string_view name) override {
        if (name == "si") in_si = false;
        if (name == "t" && in_t > 0) --in_t;
        if (name == "rPh" && in_rph > 0) --in_rph;
    }
    void text(std::string_view s) override {
        if (in_si && in_t > 0 && in_rph == 0) strings.back().append(s);
    }
};

/// What a number format shows of a date: nothing (not a date), the day, the month or the year.
enum class DateShown { none, day, month, year };

/// The date parts a number format code shows: quoted text, [colours] and
/// escaped characters are not format letters.
DateShown date_shown(std::string_view code) {
    bool d = false, m = false, y = false, time = false;
    for (size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') {
            size_t close = code.find('"', i + 1);
            i = close == std::string_view::npos ? code.size() : close;
        } else if (c == '[') {
            size_t close = code.find(']', i + 1);
            i = close == std::string_view::npos ? code.size() : close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else {
            c = static_cast<char>(c | 0x20);
            d = d || c == 'd';
            m = m || c == 'm';
            y = y || c == 'y';
            time = time || c == 'h' || c == 's';
        }
    }
    if (d) return DateShown::day;
    if (y && m && !time) return DateShown::month;
    if (y) return DateShown::year;
    return DateShown::none;
}

/// The date parts Excel's built-in number format `id` shows.
DateShown builtin_date_shown(int id) {
    if (id == 17) return DateShown::month;  // mmm-yy
    if ((id >= 14 && id <= 16) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return DateShown::day;
    return DateShown::none;
}

/// xl/styles.xml: for each cell style (cellXfs), the date parts it shows.
struct StylesPart : XmlHandler {
    std::map<int, DateShown> custom;
    std::vector<int> xf_format;
    bool in_cell_xfs = false;
    void start(std::string_view name, const char** attrs) override {
        if (name == "numFmt") {
            const char* id = attribute(attrs, "numFmtId");
            const char* code = attribute(attrs, "formatCode");
            if (id && code) custom[std::atoi(id)] = date_shown(code);
        } else if (name == "cellXfs") {
            in_cell_xfs = true;
        } else if (name == "xf" && in_cell_xfs) {
            const char* id = attribute(attrs, "numFmtId");
            xf_format.push_back(id ? std::atoi(id) : 0);
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_xfs = false;
    }
    DateShown shown(size_t style) const {
        if (style >= xf_format.size()) return DateShown::none;
        int id = xf_format[style];
        auto it = custom.find(id);
        return it != custom.end() ? it->second : builtin_date_shown(id);
    }
};

/// Days since 1970-01-01 -> year, month, day (proleptic Gregorian).
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
}

/// A date serial as ISO text: "2024-03-31", or "2024-03" / "2024" when the
/// format shows no day / no month. The 1900 system counts the 29 February
/// 1900 that never was (serial 60), as Excel does.
std::string date_text(double serial, bool date1904, DateShown shown) {
    auto whole = static_cast<int64_t>(std::floor(serial));
    int64_t days = date1904 ? whole - 24107 : whole - (whole < 61 ? 25568 : 25569);
    int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    if (shown == DateShown::year) return fmt::format("{:04}", y);
    if (shown == DateShown::month) return fmt::format("{:04}-{:02}", y, m);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

/// The shortest text that reads back as `x`: "0.1", not "0.10000000000000001".
std::string number_text(double x) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, end);
}

/// A worksheet: its cells as text, by row.
struct SheetPart : XmlHandler {
    SheetPart(const std::vector<std::string>& shared, const StylesPart& styles, bool date1904, uint64_t& cells,
              std::string display, std::string sheet)
        : shared_(shared),
          styles_(styles),
          date1904_(date1904),
          cells_(cells),
          display_(std::move(display)),
          sheet_(std::move(sheet)) {}

    std::vector<SheetRow> rows;

    void start(std::string_view name, const char** attrs) override {
        if (name == "row") {
            const char* r = attribute(attrs, "r");
            int number = r ? std::atoi(r) : row_ + 1;
            if (number < 1 || number > max_rows) return fail(row_ + 1, 0, "a row number outside 1 to 1048576");
            row_ = number;
            column_ = 0;
            rows.push_back(SheetRow{number, {}});
        } else if (name == "c") {
            if (rows.empty()) rows.push_back(SheetRow{++row_, {}});
            const char* r = attribute(attrs, "r");
            column_ = r ? column_of(r) : column_ + 1;
            if (column_ < 1) return;
            const char* t = attribute(attrs, "t");
            const char* s = attribute(attrs, "s");
            type_ = t ? t : "n";
            style_ = s ? static_cast<size_t>(std::atol(s)) : 0;
            value_.clear();
            in_cell_ = true;
        } else if (in_cell_ && (name == "v" || (name == "t" && type_ == "inlineStr"))) {
            in_value_ = true;
        } else if (name == "rPh") {
            in_value_ = false;
        }
    }
    void end(std::string_view name) override {
        if (name == "v" || name == "t") in_value_ = false;
        if (name == "c" && in_cell_) {
            in_cell_ = false;
            store();
        }
    }
    void text(std::string_view s) override {
        if (in_value_) value_.append(s);
    }

private:
    void fail(int row, int column, std::string what) {
        problem = Error{SourceLoc{display_, row, column, sheet_}, std::move(what)};
    }

    /// "C7" -> 3 (checking the row too); 0 after recording a problem.
    int column_of(const char* ref) {
        int col = 0;
        const char* p = ref;
        for (; (*p | 0x20) >= 'a' && (*p | 0x20) <= 'z' && col <= max_columns; ++p)
            col = col * 26 + ((*p | 0x20) - 'a' + 1);
        if (col < 1 || col > max_columns || std::atoi(p) != row_) {
            fail(row_, 0,
                 fmt::format("cell reference \"{}\" is not a cell of row {} within columns A to XFD",
                             std::string_view(ref).substr(0, 16), row_));
            return 0;
        }
        return col;
    }

    void store() {
        std::string text;
        if (type_ == "s") {
            size_t i = 0;
            auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
            if (ec != std::errc() || end != value_.data() + value_.size() || i >= shared_.size())
                return fail(row_, column_,
                            fmt::format("shared string \"{}\" is not one of the workbook's {} shared strings",
                                        value_.substr(0, 16), shared_.size()));
            text = shared_[i];
        } else if (type_ == "b") {
            text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        } else if (type_ == "n" && !value_.empty()) {
            double x = 0;
            auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), x);
            if (ec != std::errc() || end != value_.data() + value_.size() || !std::isfinite(x))
                return fail(row_, column_,
                            fmt::format("a number cell holds \"{}\", which is not a number", value_.substr(0, 32)));
            DateShown shown = styles_.shown(style_);
            text = shown == DateShown::none ? number_text(x) : date_text(x, date1904_, shown);
        } else {
            text = value_;  // inline strings, formula text, errors (#N/A), ISO dates
        }
        if (text.empty()) return;
        std::vector<std::string>& cells = rows.back().cells;
        auto at = static_cast<size_t>(column_);
        if (at > cells.size()) {
            cells_ += at - cells.size();
            if (cells_ > max_cells)
                return fail(row_, column_,
                            fmt::format("the workbook holds more than {} million cells (counting empty cells "
                                        "between filled ones), the most Assay reads from a workbook; save a large "
                                        "dataset as CSV",
                                        max_cells / 1'000'000));
            cells.resize(at);
        }
        cells[at - 1] = std::move(text);
    }

    const std::vector<std::string>& shared_;
    const StylesPart& styles_;
    bool date1904_;
    uint64_t& cells_;
    std::string display_, sheet_;
    int row_ = 0, column_ = 0;
    std::string type_, value_;
    size_t style_ = 0;
    bool in_cell_ = false, in_value_ = false;
};

/// Rows as a CSV export gives them: empty rows and '#' comment rows left
/// out, every row as wide as the header at least (trailing empty cells are
/// not stored in a workbook).
std::vector<SheetRow> csv_like(std::vector<SheetRow> rows) {
    std::vector<SheetRow> out;
    size_t width = 0;
    for (SheetRow& r : rows) {
        bool empty = true;
        for (const std::string& c : r.cells) empty = empty && c.empty();
        if (empty || (!r.cells.empty() && r.cells.front().starts_with('#'))) continue;
        if (out.empty()) width = r.cells.size();
        if (r.cells.size() < width) r.cells.resize(width);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

bool is_workbook_path(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (char& c : ext) c = static_cast<char>(c | 0x20);
    return ext == ".xlsx" || ext == ".xlsm";
}

Workbook read_workbook_bytes(const std::string& bytes, const std::string& display) {
    Workbook book;
    book.sha256 = sha256_hex(bytes);
    book.bytes = bytes.size();
    Archive zip(bytes, display);
    WorkbookPart workbook;
    zip.parse("xl/workbook.xml", workbook);
    RelsPart rels;
    zip.parse("xl/_rels/workbook.xml.rels", rels);
    SharedStringsPart shared;
    if (rels.shared_strings.empty() && zip.has("xl/sharedStrings.xml")) rels.shared_strings = "xl/sharedStrings.xml";
    if (!rels.shared_strings.empty()) zip.parse(rels.shared_strings, shared);
    StylesPart styles;
    if (!rels.styles.empty() && zip.has(rels.styles)) zip.parse(rels.styles, styles);
    uint64_t cells = 0;
    for (const WorkbookPart::Entry& e : workbook.sheets) {
        auto it = rels.target.find(e.rel);
        if (it == rels.target.end())
            throw InputError(Error{SourceLoc{display + "!xl/workbook.xml", 0, 0},
                                   fmt::format("sheet \"{}\" names relationship \"{}\", which "
                                               "xl/_rels/workbook.xml.rels does not hold",
                                               e.name, e.rel)});
        SheetPart sheet(shared.strings, styles, workbook.date1904, cells, display, e.name);
        zip.parse(it->second, sheet);
        book.sheets.push_back(Sheet{e.name, csv_like(std::move(sheet.rows))});
    }
    if (workbook.sheets.empty())
        throw InputError(Error{SourceLoc{display, 0, 0}, "the workbook has no sheets: expected at least one"});
    return book;
}

Workbook read_workbook(const std::filesystem::path& path, const std::string& display) {
    return read_workbook_bytes(read_regular(path, display, max_workbook_bytes, "a workbook"), display);
}

}  // namespace assay::dataset
