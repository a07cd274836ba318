// Assembles an assay::Dataset from observation rows read in any order:
// interns indicators, areas and periods, stores values column-wise as they
// come, and on finish() orders series and periods, remaps indices, and
// rejects duplicate observations. Rows grouped by series in the final order
// (the usual export) are finished in place with no copy of the columns; rows
// grouped otherwise are moved run by run; rows not grouped at all carry
// their series number (4 bytes a row) until they are scattered into place.
#pragma once

#include "dataset/csv.hpp"
#include "dataset/interner.hpp"
#include "dataset/series_index.hpp"
#include "dataset/text.hpp"

#include <assay/dataset.hpp>

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace assay::dataset {

/// Whether the builder takes `name` as an area: not blank, and no control
/// character but a tab (check_area_name says why not).
bool area_name_ok(std::string_view name);

/// Collects observations and builds the Dataset.
class DatasetBuilder {
public:
    /// Starts from the declared indicators. When `open` (a single-file
    /// dataset), an unknown indicator id declares a new indicator with
    /// default metadata instead of being an error.
    DatasetBuilder(std::vector<Indicator> indicators, bool open);

    /// Rows that follow come from `path` (named `display` in errors), with
    /// the indicator, area and period in these fields.
    void begin_file(const std::filesystem::path& path, std::string display, int indicator_column, int area_column,
                    int period_column, std::string sheet = {});
    /// Makes room for `rows` more observations.
    void reserve(size_t rows);
    /// Number of observations added so far.
    size_t rows() const { return obs_value_.size(); }
    /// Number of observations there is room for without regrowing.
    size_t capacity() const { return obs_value_.capacity(); }

    /// The indicator with id `f.text`; throws InputError at `f` if unknown.
    uint32_t indicator(const CsvReader& r, const CsvField& f) {
        bool added = false;
        uint32_t i = indicator_ids_.intern(trim_blanks(f.text), added);
        return added ? checked(indicator_ids_, [&] { return new_indicator(r, f); }) : i;
    }
    /// The indicator `i`, when indicators.csv declared it (its unit is then known); else null.
    const Indicator* declared(uint32_t i) const { return open_ ? nullptr : &indicators_[i]; }
    /// The area named `f.text`; throws InputError at `f` if empty or not text.
    uint32_t area(const CsvReader& r, const CsvField& f) {
        bool added = false;
        uint32_t a = areas_.intern(trim_blanks(f.text), added);
        if (added)
            checked(areas_, [&] {
                check_area_name(r, f);
                return a;
            });
        return a;
    }
    /// The period labelled `f.text`; throws InputError at `f` if it is not a period.
    uint32_t period(const CsvReader& r, const CsvField& f) {
        bool added = false;
        uint32_t l = labels_.intern(trim_blanks(f.text), added);
        return added ? checked(labels_, [&] { return new_period(r, f); }) : label_period_[l];
    }
    /// Adds an observation (NaN when missing) and returns its row number.
    uint32_t add(uint32_t indicator, uint32_t area, uint32_t period, double value);
    /// Adds `n` observations of one series, as `n` calls of add() would;
    /// returns the first one's row number.
    uint32_t add_rows(uint32_t indicator, uint32_t area, const uint32_t* periods, const double* values, uint32_t n);
    /// Keeps why the value of `row` is missing.
    void missing(uint32_t row, std::string_view reason) { missing_.emplace_back(row, reason); }
    /// Keeps the note of `row`.
    void note(uint32_t row, std::string_view text) { notes_.emplace_back(row, text); }
    /// Keeps the numerator, denominator and sd of `row`.
    void counts(uint32_t row, const ObservationCounts& c) { counts_.emplace_back(row, c); }
    /// Attaches a published figure to the series and period of the last row added.
    void published(PublishedKind kind, std::string_view text, std::optional<double> value, SourceLoc where);

    /// Whether indicator `id` is known (declared, or already seen in an open dataset).
    bool knows_indicator(std::string_view id) const { return indicator_ids_.find(id) != Interner::none; }
    /// Whether unknown indicators declare new ones (a single-file dataset).
    bool open() const { return open_; }
    /// The metadata of indicator `i`, to fill in from a table that gives it.
    Indicator& metadata(uint32_t i) { return indicators_[i]; }
    /// Attaches a threshold (target, floor, ...) to the series and period of the last row added.
    void threshold(std::string_view name, double value, bool percent, std::string_view text, SourceLoc where);

    /// The finished dataset; throws InputError on a duplicate observation.
    Dataset finish(std::string name, std::vector<InputFile> files);

private:
    /// Runs `make`, the checks and bookkeeping of a name `names` just added;
    /// when they throw, the name is taken back, so that a reader that notes
    /// the problem and reads on meets the name as new (and bad) again rather
    /// than as an id with nothing behind it.
    template <class Make>
    static uint32_t checked(Interner& names, Make make) {
        try {
            return make();
        } catch (...) {
            names.drop_last_added();
            throw;
        }
    }

    /// A run of consecutive rows of one series.
    struct Segment {
        uint32_t series, begin, end;
    };
    /// Where an observations file is and which fields locate a row, to find
    /// the lines of a duplicate by reading the file again.
    struct FileRows {
        std::filesystem::path path;
        std::string display;
        int indicator_column, area_column, period_column;
        std::string sheet;  ///< the worksheet, when `path` is a workbook
    };
    using Texts = std::vector<std::pair<uint32_t, std::string>>;

    uint32_t new_indicator(const CsvReader& r, const CsvField& f);
    /// Throws InputError at `f` when a new area's name is empty or holds a
    /// control character (a NUL from a UTF-16 or damaged file would make two
    /// areas that print alike).
    void check_area_name(const CsvReader& r, const CsvField& f);
    uint32_t new_period(const CsvReader& r, const CsvField& f);
    void check_dashed_years() const;
    void go_scattered();
    std::vector<uint32_t> rank_periods() const;
    std::vector<uint32_t> rank_series() const;
    void move_rows(Dataset& d, const std::vector<uint32_t>& period_rank, const std::vector<uint32_t>& series_rank);
    void sort_series(const Dataset& d, const std::vector<uint32_t>& period_of_rank);
    /// The places of the period cells of (at most `most`) rows holding this
    /// observation, found by reading the files again.
    std::vector<SourceLoc> rows_of(uint32_t indicator, uint32_t area, const Period& period, size_t most) const;
    [[noreturn]] void duplicate(uint32_t indicator, uint32_t area, const Period& period) const;
    /// Throws InputError when a series mixes kinds or lengths of period (a
    /// month beside financial years): its arrows and targets would compare
    /// unlike spans and mean nothing.
    void check_one_kind_per_series(const Dataset& d, const std::vector<uint32_t>& period_of_rank) const;

    std::vector<Indicator> indicators_;
    bool open_;
    Interner indicator_ids_;
    Interner areas_;
    Interner labels_;
    std::vector<uint32_t> label_period_;  ///< label id -> period id
    std::vector<SourceLoc> label_where_;  ///< label id -> where it was first seen
    std::vector<Period> periods_;         ///< distinct spans, in order of appearance
    /// (kind, first month, last month) of each span -> its period id, so that
    /// a new label costs one look-up, not a comparison with every span.
    std::unordered_map<uint64_t, uint32_t> span_ids_;

    SeriesIndex series_index_;
    std::vector<std::pair<uint32_t, uint32_t>> series_keys_;  ///< series -> (indicator, area)
    std::vector<uint32_t> series_next_;                       ///< series seen after each series last time
    uint32_t last_indicator_ = Interner::none, last_area_ = Interner::none, last_series_ = Interner::none;

    bool scattered_ = false;            ///< rows are not grouped by series
    std::vector<Segment> segments_;     ///< while they are: the runs, in row order
    std::vector<uint32_t> obs_series_;  ///< once they are not: the series of each row
    std::vector<uint32_t> obs_period_;
    std::vector<double> obs_value_;
    Texts missing_, notes_;              ///< by row, then by final observation
    std::vector<Published> published_;   ///< series and period hold builder ids until finish
    std::vector<Threshold> thresholds_;  ///< series and period hold builder ids until finish
    std::vector<FileRows> files_;
    std::vector<std::pair<uint32_t, ObservationCounts>> counts_;  ///< by row, then by final observation
};

}  // namespace assay::dataset
