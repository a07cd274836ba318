// DatasetBuilder. Rows are kept in arrival order with builder ids; finish()
// turns them into the Dataset's order: series by indicator then area,
// periods ascending, each series' observations by period.
#include "dataset/builder.hpp"
#include "core/shown_text.hpp"
#include "dataset/text.hpp"
#include "dataset/xlsx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <optional>
#include <tuple>

namespace assay::dataset {
namespace {

[[noreturn]] void fail(const CsvReader& r, const CsvField& f, std::string message) {
    throw InputError(Error{r.at(f), std::move(message)});
}

/// Ranks of `n` items by `less`: rank[i] is item i's place in sorted order.
template <class Less>
std::vector<uint32_t> ranks(size_t n, Less less) {
    std::vector<uint32_t> sorted(n);
    std::iota(sorted.begin(), sorted.end(), 0u);
    std::sort(sorted.begin(), sorted.end(), less);
    std::vector<uint32_t> rank(n);
    for (uint32_t i = 0; i < n; ++i) rank[sorted[i]] = i;
    return rank;
}

/// `column` rearranged so that row i goes to dest(i), as map(value).
template <class T, class Dest, class Map>
void scatter(std::vector<T>& column, Dest dest, Map map) {
    std::vector<T> moved(column.size());
    for (size_t i = 0; i < column.size(); ++i) moved[dest(i)] = map(column[i]);
    column = std::move(moved);
}

}  // namespace

DatasetBuilder::DatasetBuilder(std::vector<Indicator> indicators, bool open)
    : indicators_(std::move(indicators)), open_(open) {
    bool added = false;
    for (const Indicator& ind : indicators_) indicator_ids_.intern(ind.id, added);
}

void DatasetBuilder::begin_file(const std::filesystem::path& path, std::string display, int indicator_column,
                                int area_column, int period_column, std::string sheet) {
    files_.push_back(
        FileRows{path, std::move(display), indicator_column, area_column, period_column, std::move(sheet)});
    last_indicator_ = last_area_ = last_series_ = Interner::none;
}

void DatasetBuilder::reserve(size_t rows) {
    obs_period_.reserve(obs_period_.size() + rows);
    obs_value_.reserve(obs_value_.size() + rows);
    if (scattered_) obs_series_.reserve(obs_series_.size() + rows);
}

uint32_t DatasetBuilder::new_indicator(const CsvReader& r, const CsvField& f) {
    std::string_view id = trim_blanks(f.text);
    if (id.empty()) fail(r, f, "empty indicator: every observation needs an indicator id");
    if (!open_) {
        std::vector<std::string_view> ids;
        for (const Indicator& ind : indicators_) ids.push_back(ind.id);
        fail(r, f,
             fmt::format("unknown indicator \"{}\"{}: indicators are declared in indicators.csv", shown_text(id),
                         suggest_name(id, ids, '"')));
    }
    if (std::string why = indicator_code_problem(id); !why.empty())
        fail(r, f, fmt::format("indicator id \"{}\": {}", shown_text(id), why));
    Indicator ind;
    ind.id = std::string(id);
    ind.title = ind.id;
    ind.where = r.at(f.line, 1);
    indicators_.push_back(std::move(ind));
    return static_cast<uint32_t>(indicators_.size() - 1);
}

bool area_name_ok(std::string_view name) {
    if (trim_blanks(name).empty()) return false;
    for (char c : name)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') return false;
    return true;
}

void DatasetBuilder::check_area_name(const CsvReader& r, const CsvField& f) {
    if (area_name_ok(f.text)) return;
    if (trim_blanks(f.text).empty()) fail(r, f, "empty area: every observation needs an area");
    for (char c : f.text)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
            fail(r, f,
                 fmt::format("area name holds the control character U+{:04X}: is the file damaged, or saved "
                             "as UTF-16? Save it as \"CSV UTF-8\"",
                             static_cast<unsigned>(static_cast<unsigned char>(c))));
}

uint32_t DatasetBuilder::new_period(const CsvReader& r, const CsvField& f) {
    std::string_view label = trim_blanks(f.text);
    if (label.empty()) fail(r, f, "empty period: every observation needs a period such as 2006/07");
    Result<Period> p = parse_period(label);
    if (!p) fail(r, f, p.error().message);
    // Another label for a span already seen is the same period; the first label is kept.
    const Period& span = p.value();
    const uint64_t key = (static_cast<uint64_t>(static_cast<uint8_t>(span.kind)) << 56) ^
                         (static_cast<uint64_t>(static_cast<uint32_t>(span.first) & 0xFFFFFFFu) << 28) ^
                         (static_cast<uint64_t>(static_cast<uint32_t>(span.last) & 0xFFFFFFFu));
    auto [it, fresh] = span_ids_.try_emplace(key, static_cast<uint32_t>(periods_.size()));
    const uint32_t id = it->second;
    if (fresh) periods_.push_back(std::move(p.value()));
    label_period_.push_back(id);
    label_where_.push_back(r.at(f));
    return id;
}

void DatasetBuilder::check_dashed_years() const {
    // "2006-07" is July 2006, but a file whose every such month reads like a
    // financial year ("2005-06", "2006-07") surely means financial years.
    size_t dashed = 0, like_years = 0, first = 0;
    for (uint32_t l = 0; l < labels_.size(); ++l) {
        std::string_view t = labels_.name(l);
        if (periods_[label_period_[l]].kind != PeriodKind::month || t.size() != 7 || t[4] != '-') continue;
        ++dashed;
        int year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
        if ((t[5] - '0') * 10 + (t[6] - '0') == (year + 1) % 100 && like_years++ == 0) first = l;
    }
    if (dashed < 2 || like_years != dashed) return;
    std::string_view t = labels_.name(static_cast<uint32_t>(first));
    throw InputError(Error{label_where_[first],
                           fmt::format("period \"{}\" reads as a month (July 2006 for 2006-07), as does every period "
                                       "written like it here: write financial years as {}/{}",
                                       t, t.substr(0, 4), t.substr(5))});
}

uint32_t DatasetBuilder::add_rows(uint32_t indicator, uint32_t area, const uint32_t* periods, const double* values,
                                  uint32_t n) {
    const auto first = static_cast<uint32_t>(obs_value_.size());
    if (n == 0) return first;
    if (obs_value_.size() + n >= UINT32_MAX) {
        for (uint32_t i = 0; i < n; ++i) add(indicator, area, periods[i], values[i]);  // to the same error
        return first;
    }
    add(indicator, area, periods[0], values[0]);  // names the series
    if (n == 1) return first;
    const uint32_t rest = n - 1;
    if (scattered_) {
        obs_series_.insert(obs_series_.end(), rest, last_series_);
    } else {
        segments_.back().end = first + n;  // the segment add() began or lengthened
    }
    obs_period_.insert(obs_period_.end(), periods + 1, periods + n);
    obs_value_.insert(obs_value_.end(), values + 1, values + n);
    return first;
}

uint32_t DatasetBuilder::add(uint32_t indicator, uint32_t area, uint32_t period, double value) {
    if (indicator != last_indicator_ || area != last_area_) {
        // Files split by period repeat one order of series: guess the one
        // that followed last time before hashing.
        uint32_t guess = last_series_ == Interner::none ? Interner::none : series_next_[last_series_];
        uint32_t s = guess;
        if (guess == Interner::none || series_keys_[guess] != std::pair{indicator, area}) {
            s = series_index_.find_or_add(indicator, area);
            if (s == series_keys_.size()) {
                series_keys_.emplace_back(indicator, area);
                series_next_.push_back(Interner::none);
            }
            if (last_series_ != Interner::none) series_next_[last_series_] = s;
        }
        last_indicator_ = indicator;
        last_area_ = area;
        last_series_ = s;
    }
    if (obs_value_.size() >= UINT32_MAX - 1)
        throw InputError(Error{SourceLoc{}, "too many observations: at most 4 billion are supported"});
    auto row = static_cast<uint32_t>(obs_value_.size());
    if (scattered_) {
        obs_series_.push_back(last_series_);
    } else if (!segments_.empty() && segments_.back().series == last_series_) {
        segments_.back().end = row + 1;
    } else {
        segments_.push_back({last_series_, row, row + 1});
        // Runs this short cost more than a series number per row.
        if (segments_.size() > 4096 && segments_.size() > row / 3) go_scattered();
    }
    obs_period_.push_back(period);
    obs_value_.push_back(value);
    return row;
}

void DatasetBuilder::go_scattered() {
    obs_series_.reserve(std::max(obs_value_.capacity(), size_t{segments_.back().end}));
    for (const Segment& seg : segments_) obs_series_.insert(obs_series_.end(), seg.end - seg.begin, seg.series);
    segments_ = {};
    scattered_ = true;
}

void DatasetBuilder::published(PublishedKind kind, std::string_view text, std::optional<double> value,
                               SourceLoc where) {
    Published p;
    p.kind = kind;
    p.series = last_series_;
    p.period = obs_period_.back();
    p.text = std::string(text);
    p.value = value;
    p.where = std::move(where);
    published_.push_back(std::move(p));
}

void DatasetBuilder::threshold(std::string_view name, double value, bool percent, std::string_view text,
                               SourceLoc where) {
    Threshold t;
    t.name = std::string(name);
    t.series = last_series_;
    t.period = obs_period_.back();
    t.value = value;
    t.percent = percent;
    t.text = std::string(text);
    t.where = std::move(where);
    thresholds_.push_back(std::move(t));
}

std::vector<uint32_t> DatasetBuilder::rank_periods() const {
    return ranks(periods_.size(), [&](uint32_t a, uint32_t b) { return periods_[a] < periods_[b]; });
}

std::vector<uint32_t> DatasetBuilder::rank_series() const {
    return ranks(series_keys_.size(), [&](uint32_t a, uint32_t b) { return series_keys_[a] < series_keys_[b]; });
}

void DatasetBuilder::move_rows(Dataset& d, const std::vector<uint32_t>& period_rank,
                               const std::vector<uint32_t>& series_rank) {
    // Where each series starts in the final order.
    std::vector<uint32_t> start(d.series.size() + 1, 0);
    if (scattered_)
        for (uint32_t s : obs_series_) ++start[series_rank[s] + 1];
    else
        for (const Segment& seg : segments_) start[series_rank[seg.series] + 1] += seg.end - seg.begin;
    std::partial_sum(start.begin(), start.end(), start.begin());
    for (size_t k = 0; k < d.series.size(); ++k) {
        d.series[k].begin = start[k];
        d.series[k].end = start[k + 1];
    }
    auto new_period = [&](uint32_t p) { return period_rank[p]; };

    if (scattered_) {
        // The series number of each row becomes its final place.
        for (uint32_t& s : obs_series_) s = start[series_rank[s]]++;
        for (auto* texts : {&missing_, &notes_})
            for (auto& entry : *texts) entry.first = obs_series_[entry.first];
        for (auto& entry : counts_) entry.first = obs_series_[entry.first];
        // Scattered with a copy of one column at a time: following the
        // permutation's cycles in place would save that copy but take several
        // times as long, its accesses being random.
        auto dest = [&](size_t i) { return obs_series_[i]; };
        scatter(obs_period_, dest, new_period);
        scatter(obs_value_, dest, [](double v) { return v; });
        obs_series_ = {};
        return;
    }
    // Whole runs move: the place of each run, then of each row of it.
    std::vector<uint32_t> run_start(segments_.size());
    for (size_t k = 0; k < segments_.size(); ++k) {
        const Segment& seg = segments_[k];
        run_start[k] = start[series_rank[seg.series]];
        start[series_rank[seg.series]] += seg.end - seg.begin;
    }
    auto dest_of_row = [&](uint32_t row) {
        auto k = static_cast<size_t>(std::upper_bound(segments_.begin(), segments_.end(), row,
                                                      [](uint32_t r, const Segment& s) { return r < s.begin; }) -
                                     segments_.begin() - 1);
        return run_start[k] + (row - segments_[k].begin);
    };
    for (auto* texts : {&missing_, &notes_})
        for (auto& entry : *texts) entry.first = dest_of_row(entry.first);
    for (auto& entry : counts_) entry.first = dest_of_row(entry.first);
    std::vector<uint32_t> periods(obs_period_.size());
    for (size_t k = 0; k < segments_.size(); ++k)
        std::transform(obs_period_.begin() + segments_[k].begin, obs_period_.begin() + segments_[k].end,
                       periods.begin() + run_start[k], new_period);
    obs_period_ = std::move(periods);
    std::vector<double> values(obs_value_.size());
    for (size_t k = 0; k < segments_.size(); ++k)
        std::copy(obs_value_.begin() + segments_[k].begin, obs_value_.begin() + segments_[k].end,
                  values.begin() + run_start[k]);
    obs_value_ = std::move(values);
}

void DatasetBuilder::sort_series(const Dataset& d, const std::vector<uint32_t>& period_of_rank) {
    auto by_place = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::sort(missing_.begin(), missing_.end(), by_place);
    std::sort(notes_.begin(), notes_.end(), by_place);
    std::sort(counts_.begin(), counts_.end(), by_place);
    std::vector<uint32_t> order, place;
    std::vector<uint32_t> periods;
    std::vector<double> values;
    for (const Series& s : d.series) {
        bool ascending = true;
        for (uint32_t i = s.begin + 1; i < s.end && ascending; ++i) ascending = obs_period_[i - 1] < obs_period_[i];
        if (ascending) continue;
        // Stable, so that of two rows for one period the earlier comes first.
        order.resize(s.end - s.begin);
        std::iota(order.begin(), order.end(), s.begin);
        std::stable_sort(order.begin(), order.end(),
                         [&](uint32_t a, uint32_t b) { return obs_period_[a] < obs_period_[b]; });
        for (size_t j = 1; j < order.size(); ++j)
            if (obs_period_[order[j - 1]] == obs_period_[order[j]])
                duplicate(s.indicator, s.area, periods_[period_of_rank[obs_period_[order[j]]]]);
        periods.clear();
        values.clear();
        place.assign(order.size(), 0);
        for (size_t j = 0; j < order.size(); ++j) {
            periods.push_back(obs_period_[order[j]]);
            values.push_back(obs_value_[order[j]]);
            place[order[j] - s.begin] = s.begin + static_cast<uint32_t>(j);
        }
        std::copy(periods.begin(), periods.end(), obs_period_.begin() + s.begin);
        std::copy(values.begin(), values.end(), obs_value_.begin() + s.begin);
        for (auto* texts : {&missing_, &notes_}) {
            auto first = std::lower_bound(texts->begin(), texts->end(), s.begin,
                                          [](const auto& e, uint32_t at) { return e.first < at; });
            for (auto it = first; it != texts->end() && it->first < s.end; ++it) it->first = place[it->first - s.begin];
        }
        auto first = std::lower_bound(counts_.begin(), counts_.end(), s.begin,
                                      [](const auto& e, uint32_t at) { return e.first < at; });
        for (auto it = first; it != counts_.end() && it->first < s.end; ++it) it->first = place[it->first - s.begin];
    }
}

std::vector<SourceLoc> DatasetBuilder::rows_of(uint32_t indicator, uint32_t area, const Period& period,
                                               size_t most) const {
    // Lines are not kept per observation (that would cost 4 bytes a row):
    // the files are read again to find the rows.
    std::vector<SourceLoc> rows;
    for (const FileRows& file : files_) {
        std::optional<CsvReader> from_file, from_sheet;
        if (file.sheet.empty()) {
            from_file.emplace(file.path, file.display);
        } else {
            Workbook book = read_workbook(file.path, file.display);
            for (Sheet& sheet : book.sheets)
                if (sheet.name == file.sheet && !from_sheet)
                    from_sheet.emplace(file.display, file.sheet, std::move(sheet.rows));
            if (!from_sheet) continue;
        }
        CsvReader& reader = from_sheet ? *from_sheet : *from_file;
        std::vector<CsvField> f;
        reader.next(f);  // the header
        auto last = static_cast<size_t>(std::max({file.indicator_column, file.area_column, file.period_column}));
        while (rows.size() < most && reader.next(f)) {
            if (f.size() <= last ||
                trim_blanks(f[static_cast<size_t>(file.indicator_column)].text) != indicators_[indicator].id ||
                trim_blanks(f[static_cast<size_t>(file.area_column)].text) != areas_.name(area))
                continue;
            const CsvField& label = f[static_cast<size_t>(file.period_column)];
            Result<Period> p = parse_period(trim_blanks(label.text));
            if (p && p.value() == period) rows.push_back(reader.at(label));
        }
        if (rows.size() == most) break;
    }
    return rows;
}

void DatasetBuilder::duplicate(uint32_t indicator, uint32_t area, const Period& period) const {
    std::vector<SourceLoc> rows = rows_of(indicator, area, period, 2);
    std::string what = fmt::format("duplicate observation of {} in {} for {}", indicators_[indicator].id,
                                   areas_.name(area), period.label);
    if (rows.size() < 2)
        throw InputError(
            Error{SourceLoc{files_.front().display, 0, 0}, what + " (the files changed while being read)"});
    std::string earlier = rows[0].file == rows[1].file && rows[0].sheet.empty() ? fmt::format("line {}", rows[0].line)
                                                                                : to_string(rows[0]);
    throw InputError(Error{rows[1], fmt::format("{}: already given at {}", what, earlier)});
}

namespace {

std::string kind_words(const Period& p) {
    switch (p.kind) {
        case PeriodKind::financial_year:
            return "financial years";
        case PeriodKind::calendar_year:
            return "calendar years";
        case PeriodKind::quarter:
            return "quarters";
        case PeriodKind::month:
            return "months";
        case PeriodKind::rolling_year:
            return "rolling twelve months";
        case PeriodKind::range:
            return fmt::format("{}-month ranges", p.months());
    }
    return "periods";
}

}  // namespace

void DatasetBuilder::check_one_kind_per_series(const Dataset& d, const std::vector<uint32_t>& period_of_rank) const {
    auto same_shape = [](const Period& a, const Period& b) { return a.kind == b.kind && a.months() == b.months(); };
    bool one_shape = true;  // the usual case, and the only one at national scale: nothing to check per row
    for (const Period& p : periods_) one_shape = one_shape && same_shape(p, periods_.front());
    if (one_shape) return;
    for (const Series& s : d.series) {
        const Period& first = periods_[period_of_rank[obs_period_[s.begin]]];
        for (uint32_t i = s.begin + 1; i < s.end; ++i) {
            const Period& odd = periods_[period_of_rank[obs_period_[i]]];
            if (same_shape(odd, first)) continue;
            std::vector<SourceLoc> rows = rows_of(s.indicator, s.area, odd, 1);
            SourceLoc where = rows.empty() ? SourceLoc{files_.front().display, 0, 0} : rows.front();
            throw InputError(
                Error{where, fmt::format("period \"{}\" is one of the {}, but {} in {} also has {} ({}): "
                                         "a series compares like with like, so it holds one kind of period",
                                         odd.label, kind_words(odd), indicators_[s.indicator].id, areas_.name(s.area),
                                         kind_words(first), first.label)});
        }
    }
}

Dataset DatasetBuilder::finish(std::string name, std::vector<InputFile> files) {
    check_dashed_years();
    std::vector<uint32_t> period_rank = rank_periods();
    std::vector<uint32_t> series_rank = rank_series();
    std::vector<uint32_t> period_of_rank(periods_.size());
    for (uint32_t i = 0; i < period_rank.size(); ++i) period_of_rank[period_rank[i]] = i;

    Dataset d;
    d.series.resize(series_keys_.size());
    for (uint32_t s = 0; s < series_keys_.size(); ++s)
        d.series[series_rank[s]] = Series{series_keys_[s].first, series_keys_[s].second, 0, 0};

    bool in_place = !scattered_ && segments_.size() == series_keys_.size();
    for (size_t k = 0; in_place && k < segments_.size(); ++k) in_place = series_rank[segments_[k].series] == k;
    if (in_place) {
        for (uint32_t& p : obs_period_) p = period_rank[p];
        for (size_t k = 0; k < segments_.size(); ++k) {
            d.series[k].begin = segments_[k].begin;
            d.series[k].end = segments_[k].end;
        }
    } else {
        move_rows(d, period_rank, series_rank);
    }
    segments_ = {};
    sort_series(d, period_of_rank);
    check_one_kind_per_series(d, period_of_rank);

    d.missing.reserve(missing_.size());
    for (auto& [at, reason] : missing_) d.missing.emplace(at, std::move(reason));
    d.notes.reserve(notes_.size());
    for (auto& [at, text] : notes_) d.notes.emplace(at, std::move(text));
    d.counts.reserve(counts_.size());
    for (auto& [at, c] : counts_) d.counts.emplace(at, c);
    for (Published& p : published_) {
        p.series = series_rank[p.series];
        p.period = period_rank[p.period];
    }
    for (Threshold& t : thresholds_) {
        t.series = series_rank[t.series];
        t.period = period_rank[t.period];
    }
    std::stable_sort(thresholds_.begin(), thresholds_.end(), [](const Threshold& a, const Threshold& b) {
        return std::tie(a.series, a.period, a.name) < std::tie(b.series, b.period, b.name);
    });
    d.thresholds = std::move(thresholds_);
    d.periods.resize(periods_.size());
    for (uint32_t i = 0; i < periods_.size(); ++i) d.periods[period_rank[i]] = std::move(periods_[i]);
    d.name = std::move(name);
    d.files = std::move(files);
    d.indicators = std::move(indicators_);
    d.areas = areas_.take();
    d.obs_period = std::move(obs_period_);
    d.obs_value = std::move(obs_value_);
    d.published = std::move(published_);
    return d;
}

}  // namespace assay::dataset
