// Lining up rows on offset period bases (see period_grid.hpp).
#include "report/period_grid.hpp"

#include "report/common.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <numeric>

namespace assay::reporting {
namespace {

int32_t positive_mod(int32_t x, int32_t m) {
    return ((x % m) + m) % m;
}

// "3 months", "1 month", "1 year".
std::string months_text(int32_t n) {
    if (n % 12 == 0) return std::to_string(n / 12) + (n == 12 ? " year" : " years");
    return std::to_string(n) + (n == 1 ? " month" : " months");
}

// The plain grid: every period observed is a column.
PeriodGrid plain(const Assessment& a, const std::vector<const Outcome*>& outs, std::optional<uint32_t> as_at) {
    PeriodGrid grid;
    grid.columns = observed_periods(a, outs, as_at);
    for (const Outcome* o : outs) grid.cells.push_back(period_cells(a, *o, grid.columns, as_at));
    grid.base.assign(outs.size(), 0);
    return grid;
}

// One row's periods up to the as-at period (dataset indices, ascending).
std::vector<uint32_t> row_periods(const Assessment& a, const Outcome& o, std::optional<uint32_t> as_at) {
    const Dataset& d = *a.dataset;
    std::vector<uint32_t> out;
    auto [first, last] = observations_upto(a, o, as_at);
    for (uint32_t obs = first; obs < last; ++obs) out.push_back(d.obs_period[obs]);
    return out;
}

}  // namespace

std::string PeriodGrid::mark(size_t row) const {
    return row < base.size() ? std::string(base[row], '*') : std::string();
}

PeriodGrid period_grid(const Assessment& a, const Group& g, const std::vector<const Outcome*>& outs,
                       std::optional<uint32_t> as_at) {
    if (!g.align_periods || outs.size() < 2) return plain(a, outs, as_at);
    const Dataset& d = *a.dataset;

    // Each row's periods: one length; the spacing of consecutive periods; its phase.
    std::vector<std::vector<uint32_t>> periods;
    int32_t length = 0, spacing = 0;
    for (const Outcome* o : outs) {
        periods.push_back(row_periods(a, *o, as_at));
        const std::vector<uint32_t>& ps = periods.back();
        for (size_t i = 0; i < ps.size(); ++i) {
            const Period& p = d.periods[ps[i]];
            if (length == 0) length = p.months();
            if (p.months() != length) return plain(a, outs, as_at);
            if (i > 0) spacing = std::gcd(spacing, p.last - d.periods[ps[i - 1]].last);
        }
    }
    if (spacing < 2) return plain(a, outs, as_at);  // monthly data, or nothing to compare

    // Bases by phase (the last month modulo the spacing), each with its rows and latest month.
    struct Base {
        int32_t phase = 0;
        size_t rows = 0;
        int32_t latest = 0;
    };
    std::map<int32_t, Base> bases;
    std::vector<int32_t> row_phase(outs.size(), -1);
    for (size_t r = 0; r < outs.size(); ++r) {
        if (periods[r].empty()) continue;
        int32_t latest = d.periods[periods[r].back()].last;
        row_phase[r] = positive_mod(latest, spacing);
        Base& b = bases[row_phase[r]];
        b.phase = row_phase[r];
        ++b.rows;
        b.latest = b.rows == 1 ? latest : std::max(b.latest, latest);
    }
    if (bases.size() < 2) return plain(a, outs, as_at);

    // The grid with `main`'s periods as the columns; nullopt when some figure finds no column.
    auto align = [&](const Base* main) -> std::optional<PeriodGrid> {
        // Other bases, latest first, each offset from the main by less than the spacing.
        std::vector<const Base*> others;
        for (const auto& [phase, b] : bases)
            if (&b != main) {
                if (std::abs(main->latest - b.latest) >= spacing) return std::nullopt;
                others.push_back(&b);
            }
        std::stable_sort(others.begin(), others.end(),
                         [](const Base* x, const Base* y) { return x->latest > y->latest; });

        PeriodGrid grid;
        for (size_t r = 0; r < outs.size(); ++r)
            if (row_phase[r] == main->phase)
                grid.columns.insert(grid.columns.end(), periods[r].begin(), periods[r].end());
        std::sort(grid.columns.begin(), grid.columns.end());
        grid.columns.erase(std::unique(grid.columns.begin(), grid.columns.end()), grid.columns.end());
        auto column_at = [&](int32_t last) -> std::optional<size_t> {
            for (size_t c = 0; c < grid.columns.size(); ++c)
                if (d.periods[grid.columns[c]].last == last) return c;
            return std::nullopt;
        };

        grid.base.assign(outs.size(), 0);
        std::vector<std::vector<uint32_t>> base_periods(others.size());
        for (size_t r = 0; r < outs.size(); ++r) {
            size_t k = 0;
            int32_t shift = 0;
            for (size_t i = 0; i < others.size(); ++i)
                if (row_phase[r] == others[i]->phase) {
                    k = i + 1;
                    shift = main->latest - others[i]->latest;
                }
            grid.base[r] = k;
            std::vector<std::optional<uint32_t>> cells(grid.columns.size());
            auto [obs, last] = observations_upto(a, *outs[r], as_at);
            for (; obs < last; ++obs) {
                const uint32_t pi = d.obs_period[obs];
                std::optional<size_t> c = column_at(d.periods[pi].last + shift);
                if (!c) return std::nullopt;  // a figure with no column of the main base: keep every period
                cells[*c] = obs;
                if (k) base_periods[k - 1].push_back(pi);
            }
            grid.cells.push_back(std::move(cells));
        }

        // "* 12 months to June 2024 data: each figure is for the period 3 months before its column's (...)".
        for (size_t i = 0; i < others.size(); ++i) {
            std::vector<uint32_t>& ps = base_periods[i];
            std::sort(ps.begin(), ps.end());
            ps.erase(std::unique(ps.begin(), ps.end()), ps.end());
            const int32_t shift = main->latest - others[i]->latest;
            const std::string mark(i + 1, '*');
            std::string note = mark + " " + period_label(d, ps.back()) + " data: each figure on a row marked " + mark +
                               " is for the period " + months_text(std::abs(shift)) +
                               (shift > 0 ? " before" : " after") + " its column's (";
            for (size_t j = 0; j < ps.size(); ++j) note += (j ? ", " : "") + period_label(d, ps[j]);
            grid.notes.push_back(note + ").");
            grid.latest.push_back(period_label(d, ps.back()));
        }
        return grid;
    };

    // The columns' base: the most rows (on a tie, the latest period); failing that, the base of the
    // latest period assessed.
    const Base* majority = nullptr;
    const Base* newest = nullptr;
    for (const auto& [phase, b] : bases) {
        if (!majority || b.rows > majority->rows || (b.rows == majority->rows && b.latest > majority->latest))
            majority = &b;
        if (!newest || b.latest > newest->latest) newest = &b;
    }
    if (std::optional<PeriodGrid> grid = align(majority)) return std::move(*grid);
    if (newest != majority)
        if (std::optional<PeriodGrid> grid = align(newest)) return std::move(*grid);
    return plain(a, outs, as_at);
}

}  // namespace assay::reporting
