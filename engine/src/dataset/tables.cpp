// read_table: the officer's layouts. A row is checked whole before any of
// it reaches the builder, so that a bad row is reported and skipped and the
// next rows are still checked: the file's problems come out in one go.
#include "dataset/tables.hpp"
#include "dataset/problems.hpp"

#include "core/shown_text.hpp"
#include "dataset/columns.hpp"
#include "dataset/indicators.hpp"
#include "dataset/observations.hpp"
#include "dataset/text.hpp"

#include <assay/number.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>

namespace assay::dataset {
namespace {

enum Column {
    indicator,
    area,
    period,
    value,
    note,
    published_arrow,
    published_rating,
    published_change,
    published_change_pct,
    published_change_pts,
    target,
    floor_,
    tolerance,
    comparator,
    title,
    unit,
    polarity,
    decimals,
    numerator,
    denominator,
    sd,
    column_count
};

constexpr std::array<std::string_view, column_count> names = {"indicator",
                                                              "area",
                                                              "period",
                                                              "value",
                                                              "note",
                                                              "published_arrow",
                                                              "published_rating",
                                                              "published_change",
                                                              "published_change_pct",
                                                              "published_change_pts",
                                                              "target",
                                                              "floor",
                                                              "tolerance",
                                                              "comparator",
                                                              "title",
                                                              "unit",
                                                              "polarity",
                                                              "decimals",
                                                              "numerator",
                                                              "denominator",
                                                              "sd"};

/// Other names a column goes by in councils' sheets.
struct Alias {
    std::string_view name;
    Column column;
};
constexpr std::array<Alias, 6> aliases = {{
    {"id", indicator},
    {"quarter", period},
    {"year", period},
    {"month", period},
    {"financial_year", period},
    {"date", period},
}};

std::string key_of(std::string_view s) {
    std::string out(trim_blanks(s));
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == ' ' || c == '-') c = '_';
    }
    return out;
}

std::string all_names() {
    std::string out;
    for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

/// A column holding one period's values, in a wide table.
struct PeriodColumn {
    size_t field;
    std::string label;
    Period period;
};

/// Metadata a table gives for an indicator, and where it was first given.
struct GivenMeta {
    std::string text;
    int line = 0;
};

class TableReader {
public:
    TableReader(CsvReader& r, const std::vector<CsvField>& header, DatasetBuilder& b)
        : r_(r), b_(b), problems_(to_string(r.at(0, 0))) {
        at_.fill(-1);
        map_header(header);
    }

    void read() {
        if (problems_.any()) problems_.raise();
        std::vector<CsvField> fields;
        while (r_.next(fields)) {
            if (fields.size() != width_) {
                try {
                    wrong_width(r_, header_names_, fields);
                } catch (const InputError& e) {
                    problems_.add(e);
                }
                continue;
            }
            row(fields);
        }
        if (problems_.any()) problems_.raise();
    }

    int indicator_column() const { return at_[indicator]; }

private:
    const CsvField* cell(const std::vector<CsvField>& f, Column c) const {
        return at_[c] < 0 ? nullptr : &f[static_cast<size_t>(at_[c])];
    }

    void map_header(const std::vector<CsvField>& header) {
        width_ = header.size();
        header_names_ = header_names(header);
        std::vector<std::string_view> known(names.begin(), names.end());
        for (const Alias& a : aliases) known.push_back(a.name);
        for (size_t i = 0; i < header.size(); ++i) {
            std::string key = key_of(header[i].text);
            int k = -1;
            for (size_t n = 0; n < names.size() && k < 0; ++n)
                if (names[n] == key) k = static_cast<int>(n);
            for (const Alias& a : aliases)
                if (k < 0 && a.name == key) k = a.column;
            if (k >= 0) {
                if (at_[static_cast<size_t>(k)] >= 0) {
                    problems_.add(r_.at(header[i]),
                                  fmt::format("column \"{}\" appears twice in the header (also column {}){}",
                                              names[static_cast<size_t>(k)],
                                              header[static_cast<size_t>(at_[static_cast<size_t>(k)])].column,
                                              k == period ? ": the period is one column, named period, quarter, "
                                                            "year or month"
                                                          : ""));
                    continue;
                }
                at_[static_cast<size_t>(k)] = static_cast<int>(i);
                continue;
            }
            std::string_view label = trim_blanks(header[i].text);
            if (key.empty()) {
                problems_.add(r_.at(header[i]),
                              fmt::format("empty column name in the header; the columns are {}", all_names()));
                continue;
            }
            if (Result<Period> p = parse_period(label)) {
                periods_.push_back(PeriodColumn{i, std::string(label), std::move(p.value())});
                continue;
            }
            problems_.add(r_.at(header[i]),
                          fmt::format("unknown column \"{}\"{}; the columns are {} (or one column per period, "
                                      "headed by its label such as 2024 Q2)",
                                      shown_text(label), suggest_name(key, known, '"'), all_names()));
        }
        const SourceLoc start = r_.at(header.front().line, 1);
        auto require = [&](Column c, std::string_view why) {
            if (at_[c] < 0)
                problems_.add(start, fmt::format("missing required column \"{}\"; the columns are {}{}", names[c],
                                                 all_names(), why));
        };
        if (!periods_.empty()) {
            // Wide: one column per period.
            require(indicator, "");
            if (at_[value] >= 0 || at_[period] >= 0)
                problems_.add(r_.at(header[static_cast<size_t>(at_[value] >= 0 ? at_[value] : at_[period])]),
                              fmt::format("the header has both a {} column and columns headed by periods ({}): a "
                                          "table has one row per indicator and period, or one column per period, "
                                          "not both",
                                          at_[value] >= 0 ? "value" : "period", periods_.front().label));
            for (int c = note; c <= published_change_pts; ++c)
                if (at_[c] >= 0)
                    problems_.add(
                        r_.at(header[static_cast<size_t>(at_[c])]),
                        fmt::format("column \"{}\": notes and published figures need one row per indicator and "
                                    "period, not one column per period",
                                    names[static_cast<size_t>(c)]));
            for (int c = numerator; c <= sd; ++c)
                if (at_[c] >= 0)
                    problems_.add(r_.at(header[static_cast<size_t>(at_[c])]),
                                  fmt::format("column \"{}\": counts belong to one period's value, so they need one "
                                              "row per indicator and period (columns indicator, period, value, "
                                              "numerator, denominator, sd), not one column per period",
                                              names[static_cast<size_t>(c)]));
        } else {
            require(indicator, "");
            require(period, "");
            require(value, "");
        }
    }

    /// The indicator a row names, if it is (or may become) one of the dataset's.
    bool check_indicator(const CsvField& f) {
        std::string_view id = trim_blanks(f.text);
        if (id.empty()) {
            problems_.add(r_.at(f), "empty indicator: every row needs an indicator id");
            return false;
        }
        if (b_.knows_indicator(id)) return true;
        if (!b_.open()) {
            problems_.add(r_.at(f), fmt::format("unknown indicator \"{}\": indicators are declared in indicators.csv",
                                                shown_text(id)));
            return false;
        }
        if (!is_identifier(id)) {
            problems_.add(r_.at(f),
                          fmt::format("indicator id \"{}\": expected lower-case letters, digits and _ only, as "
                                      "theft_of_vehicle",
                                      shown_text(id)));
            return false;
        }
        return true;
    }

    bool check_area(const CsvField* f) {
        if (!f) return true;
        if (trim_blanks(f->text).empty()) {
            problems_.add(r_.at(*f), "empty area: every observation needs an area (or leave the area column out)");
            return false;
        }
        for (char c : f->text)
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
                problems_.add(r_.at(*f),
                              fmt::format("area name holds the control character U+{:04X}: is the file damaged, or "
                                          "saved as UTF-16? Save it as \"CSV UTF-8\"",
                                          static_cast<unsigned>(static_cast<unsigned char>(c))));
                return false;
            }
        return true;
    }

    /// The period of a cell, checked once per label.
    std::optional<Period> check_period(const CsvField& f) {
        std::string_view label = trim_blanks(f.text);
        if (label.empty()) {
            problems_.add(r_.at(f), "empty period: every row needs a period such as 2024 Q2");
            return std::nullopt;
        }
        auto it = seen_periods_.find(std::string(label));
        if (it != seen_periods_.end()) return it->second;
        Result<Period> p = parse_period(label);
        if (!p) {
            problems_.add(r_.at(f), p.error().message);
            return std::nullopt;
        }
        seen_periods_.emplace(std::string(label), p.value());
        return p.value();
    }

    /// A figure cell: its value, missing (with the reason), or a problem.
    std::optional<CellValue> check_figure(const CsvField& f, std::string_view what, const Indicator* declared,
                                          bool unit_checked) {
        Result<CellValue> cell = parse_cell(f.text);
        if (!cell) {
            problems_.add(r_.at(f), fmt::format("{}: {}", what, cell.error().message));
            return std::nullopt;
        }
        if (declared && unit_checked && cell->value) {
            std::string why = unit_mismatch(cell.value(), *declared);
            if (!why.empty()) {
                problems_.add(r_.at(f), fmt::format("{} \"{}\": {}", what, shown_text(trim_blanks(f.text)), why));
                return std::nullopt;
            }
        }
        return std::move(cell.value());
    }

    /// Title, unit, polarity and decimals given in the table: checked, and
    /// set on an indicator the table declares (or compared with indicators.csv).
    bool check_metadata(const std::vector<CsvField>& f, std::string_view id, bool apply, uint32_t ind) {
        bool ok = true;
        for (Column c : {title, unit, polarity, decimals}) {
            const CsvField* x = cell(f, c);
            if (!x) continue;
            std::string_view text = trim_blanks(x->text);
            if (text.empty()) continue;
            std::string canonical(text);
            if (c == unit) {
                canonical = key_of(text);
                if (!is_known_unit(canonical)) {
                    problems_.add(r_.at(*x),
                                  fmt::format("unit \"{}\": expected count, percent, rate, points, currency, "
                                              "duration or ratio",
                                              shown_text(text)));
                    ok = false;
                    continue;
                }
            } else if (c == polarity) {
                std::optional<Polarity> p = polarity_from_string(key_of(text));
                if (!p) {
                    problems_.add(r_.at(*x),
                                  fmt::format("polarity \"{}\": expected higher_is_better, lower_is_better or "
                                              "neutral (or higher, lower)",
                                              shown_text(text)));
                    ok = false;
                    continue;
                }
                canonical = std::string(to_string(*p));
            } else if (c == decimals) {
                bool digits = text.size() <= 2;
                for (char ch : text) digits = digits && ch >= '0' && ch <= '9';
                if (!digits || std::stoi(std::string(text)) > 10) {
                    problems_.add(r_.at(*x),
                                  fmt::format("decimals \"{}\": expected a whole number from 0 to 10", text));
                    ok = false;
                    continue;
                }
            }
            GivenMeta& given = meta_[{std::string(id), static_cast<int>(c)}];
            if (!given.text.empty()) {
                if (given.text != canonical) {
                    problems_.add(r_.at(*x), fmt::format("{} \"{}\" for indicator \"{}\", but line {} gives \"{}\"",
                                                         names[c], shown_text(text), id, given.line, given.text));
                    ok = false;
                }
                continue;
            }
            given.text = canonical;
            given.line = x->line;
            if (!apply) continue;
            if (!b_.open()) {
                const Indicator& d = b_.metadata(ind);
                std::string declared = c == title      ? d.title
                                       : c == unit     ? d.unit
                                       : c == polarity ? std::string(to_string(d.polarity))
                                                       : std::to_string(d.decimals);
                if (declared != canonical) {
                    problems_.add(r_.at(*x), fmt::format("{} \"{}\" for indicator \"{}\", but indicators.csv "
                                                         "declares \"{}\": give it in one place",
                                                         names[c], shown_text(text), id, declared));
                    ok = false;
                }
                continue;
            }
            Indicator& m = b_.metadata(ind);
            if (c == title) m.title = canonical;
            if (c == unit) m.unit = canonical;
            if (c == polarity) m.polarity = *polarity_from_string(canonical);
            if (c == decimals) m.decimals = std::stoi(canonical);
        }
        return ok;
    }

    /// Thresholds of the row, checked; added to the last observation when `add`.
    bool thresholds(const std::vector<CsvField>& f, const Indicator* declared, bool add) {
        bool ok = true;
        for (Column c : {target, floor_, tolerance, comparator}) {
            const CsvField* x = cell(f, c);
            if (!x) continue;
            std::optional<CellValue> v = check_figure(*x, names[c], declared, c != tolerance);
            if (!v) {
                ok = false;
                continue;
            }
            if (add && v->value) b_.threshold(names[c], *v->value, v->percent, trim_blanks(x->text), r_.at(*x));
        }
        return ok;
    }

    /// A count cell: empty is NaN (not given); otherwise a finite number.
    bool count_cell(const CsvField& f, std::string_view what, double& out) {
        std::string_view text = trim_blanks(f.text);
        if (text.empty()) return true;
        double x = 0;
        if (plain_number(text, x)) {
            out = x;
            return true;
        }
        Result<CellValue> c = parse_cell(text);
        if (!c) {
            problems_.add(r_.at(f), fmt::format("{}: {}", what, c.error().message));
            return false;
        }
        if (!c->value) {
            problems_.add(r_.at(f), fmt::format("{} \"{}\": expected a number, or an empty cell when it is not known",
                                                what, shown_text(text)));
            return false;
        }
        out = *c->value;
        return true;
    }

    /// The numerator, denominator and sd of a row, checked against each other,
    /// the value and the indicator's value type; nullopt after a problem.
    std::optional<ObservationCounts> check_counts(const std::vector<CsvField>& f, const Indicator* declared,
                                                  const CellValue& v) {
        ObservationCounts c;
        const CsvField* num = cell(f, numerator);
        const CsvField* den = cell(f, denominator);
        const CsvField* dev = cell(f, sd);
        bool ok = true;
        if (num) ok = count_cell(*num, "numerator", c.numerator) && ok;
        if (den) ok = count_cell(*den, "denominator", c.denominator) && ok;
        if (dev) ok = count_cell(*dev, "sd", c.sd) && ok;
        if (!ok) return std::nullopt;
        if (c.numerator < 0) {
            problems_.add(r_.at(*num), fmt::format("numerator {}: a count cannot be negative", trim_blanks(num->text)));
            ok = false;
        }
        if (c.denominator < 0) {
            problems_.add(r_.at(*den), fmt::format("denominator {}: cannot be negative", trim_blanks(den->text)));
            ok = false;
        }
        if (c.denominator == 0) {
            problems_.add(r_.at(*den),
                          "denominator 0: nothing can be a share or rate of none; leave it empty if it "
                          "is not known");
            ok = false;
        }
        if (c.sd < 0) {
            problems_.add(r_.at(*dev), fmt::format("sd {}: cannot be negative", trim_blanks(dev->text)));
            ok = false;
        }
        if (!ok || !declared) return ok ? std::optional<ObservationCounts>(c) : std::nullopt;
        const bool both = !std::isnan(c.numerator) && !std::isnan(c.denominator);
        if (declared->value_type == ValueType::proportion && both && c.numerator > c.denominator) {
            problems_.add(r_.at(*num),
                          fmt::format("numerator {} is more than the denominator {}, but indicator \"{}\" is a "
                                      "proportion",
                                      trim_blanks(num->text), trim_blanks(den->text), declared->id));
            return std::nullopt;
        }
        // The value must be the figure the counts give, to the decimals it is written with.
        double expected = std::numeric_limits<double>::quiet_NaN();
        if (both && (declared->value_type == ValueType::proportion || declared->value_type == ValueType::rate))
            expected = c.numerator / c.denominator * declared->per;
        if (!std::isnan(c.numerator) && declared->value_type == ValueType::count) expected = c.numerator;
        if (!std::isnan(expected) && v.value) {
            double half_unit = 0.5 * std::pow(10.0, -declared->decimals);
            double slack = half_unit + 1e-9 * std::max(std::abs(expected), 1.0);
            if (std::abs(expected - *v.value) > slack) {
                problems_.add(r_.at(*num),
                              fmt::format("numerator and denominator give {} for indicator \"{}\" ({}), but the "
                                          "value is {}: check the row",
                                          format_fixed(expected, declared->decimals + 2), declared->id,
                                          declared->value_type == ValueType::count
                                              ? std::string("count")
                                              : fmt::format("{} per {}", to_string(declared->value_type),
                                                            format_number(declared->per)),
                                          format_number(*v.value)));
                return std::nullopt;
            }
        }
        return c;
    }

    /// Adds one observation of a checked row; false when it repeats one of this file.
    bool observe(uint32_t ind, uint32_t ar, const CsvField& period_cell, const Period& p, const CellValue& v) {
        auto key = std::make_tuple(ind, ar, static_cast<int>(p.kind), p.first, p.last);
        auto [it, fresh] = seen_.try_emplace(key, period_cell.line);
        if (!fresh) {
            problems_.add(r_.at(period_cell), fmt::format("duplicate observation of {} in {} for {}: already given at "
                                                          "line {}",
                                                          b_.metadata(ind).id, area_name(ar), p.label, it->second));
            return false;
        }
        uint32_t per = b_.period(r_, period_cell);
        uint32_t row = static_cast<uint32_t>(b_.rows());
        b_.add(ind, ar, per, v.value ? *v.value : std::numeric_limits<double>::quiet_NaN());
        if (!v.value) b_.missing(row, v.missing);
        return true;
    }

    std::string area_name(uint32_t ar) const {
        auto it = area_names_.find(ar);
        return it == area_names_.end() ? std::string() : it->second;
    }

    void row(const std::vector<CsvField>& f) {
        const CsvField& id_cell = *cell(f, indicator);
        bool ok = check_indicator(id_cell);
        ok = check_area(cell(f, area)) && ok;
        std::string id(trim_blanks(id_cell.text));
        const Indicator* declared = nullptr;
        if (ok && !b_.open()) declared = &b_.metadata(b_.indicator(r_, id_cell));
        if (!periods_.empty()) return wide_row(f, id, declared, ok);

        std::optional<Period> p = check_period(*cell(f, period));
        std::optional<CellValue> v = check_figure(*cell(f, value), "value", declared, true);
        ok = ok && p && v;
        ok = thresholds(f, declared, false) && ok;
        std::optional<ObservationCounts> counts;
        if (v) {
            counts = check_counts(f, declared, *v);
            ok = counts && ok;
        }
        if (!ok) {
            check_metadata(f, id, false, 0);
            return;
        }
        uint32_t ind = b_.indicator(r_, id_cell);
        if (!check_metadata(f, id, true, ind)) return;
        uint32_t ar = row_area(f);
        if (!observe(ind, ar, *cell(f, period), *p, *v)) return;
        if (!std::isnan(counts->numerator) || !std::isnan(counts->denominator) || !std::isnan(counts->sd))
            b_.counts(last_row(), *counts);
        if (const CsvField* n = cell(f, note); n && !trim_blanks(n->text).empty()) b_.note(last_row(), n->text);
        thresholds(f, declared, true);
        for (int c = published_arrow; c <= published_change_pts; ++c) {
            const CsvField* x = cell(f, Column(c));
            if (!x) continue;
            try {
                read_published_cell(r_, *x, published_kinds[c - published_arrow], b_);
            } catch (const InputError& e) {
                problems_.add(e);
            }
        }
    }

    void wide_row(const std::vector<CsvField>& f, const std::string& id, const Indicator* declared, bool ok) {
        std::vector<std::optional<CellValue>> values;
        for (const PeriodColumn& pc : periods_) {
            values.push_back(check_figure(f[pc.field], pc.label, declared, true));
            ok = ok && values.back();
        }
        ok = thresholds(f, declared, false) && ok;
        if (!ok) {
            check_metadata(f, id, false, 0);
            return;
        }
        uint32_t ind = b_.indicator(r_, *cell(f, indicator));
        if (!check_metadata(f, id, true, ind)) return;
        uint32_t ar = row_area(f);
        for (size_t j = 0; j < periods_.size(); ++j) {
            const CellValue& v = *values[j];
            // An empty cell is a period the indicator has no figure for.
            if (!v.value && v.missing.empty()) continue;
            // The header cell names the period; the value cell is where it is.
            const CsvField& value_cell = f[periods_[j].field];
            CsvField label{periods_[j].label, value_cell.line, value_cell.column};
            if (!observe(ind, ar, label, periods_[j].period, v)) continue;
            thresholds(f, declared, true);
        }
    }

    uint32_t last_row() const { return static_cast<uint32_t>(b_.rows() - 1); }

    uint32_t row_area(const std::vector<CsvField>& f) {
        const CsvField* a = cell(f, area);
        CsvField named = a ? *a : CsvField{default_area, f.front().line, 1};
        uint32_t ar = b_.area(r_, named);
        area_names_.try_emplace(ar, std::string(trim_blanks(named.text)));
        return ar;
    }

    static constexpr PublishedKind published_kinds[] = {PublishedKind::arrow, PublishedKind::rating,
                                                        PublishedKind::change, PublishedKind::change_pct,
                                                        PublishedKind::change_pts};

    CsvReader& r_;
    DatasetBuilder& b_;
    Problems problems_;
    std::array<int, column_count> at_{};
    size_t width_ = 0;
    std::vector<std::string> header_names_;
    std::vector<PeriodColumn> periods_;
    std::unordered_map<std::string, Period> seen_periods_;
    std::map<std::pair<std::string, int>, GivenMeta> meta_;
    std::map<std::tuple<uint32_t, uint32_t, int, int32_t, int32_t>, int> seen_;
    std::unordered_map<uint32_t, std::string> area_names_;
};

}  // namespace

void read_table(CsvReader& reader, const std::vector<CsvField>& header, const std::filesystem::path& path,
                DatasetBuilder& builder) {
    TableReader table(reader, header, builder);
    // Duplicates within the file are found here; across files the builder
    // finds them (it then reads the files again by the indicator column).
    int ind = std::max(table.indicator_column(), 0);
    builder.begin_file(path, reader.name(), ind, ind, ind, reader.sheet());
    table.read();
}

}  // namespace assay::dataset
