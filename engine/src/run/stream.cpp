// A run streamed a part at a time (assay/run.hpp: stream_run_jsonl).
//
// The observations file is cut into pieces at line ends (dataset/pieces.hpp)
// that worker threads read and parse. The calling thread takes the pieces in
// file order: it names their indicators, areas and periods as the whole
// dataset would (areas in order of first appearance), checks that the rows
// come as a run in memory would assess them (each series' rows together,
// indicators in the pack's order, areas in the order they first appear), and
// makes a small dataset of the whole series read so far (a series cut by a
// piece's end waits for the rest of its rows). Workers assess each such part
// and render its JSON Lines; the calling thread writes the parts in order.
// Only a few pieces and parts are alive at once, so memory does not grow
// with the data.
//
// It is optimistic, like the parallel reader: whatever a part could assess
// differently from the whole dataset -- rows in another order, a period that
// not every part has, a rule failure, a rule reading another series, a row
// the fast reader does not read -- abandons the stream with the reason, and
// the caller runs in memory instead. A pack whose rules compare areas or
// derive series is never streamed.
#include <assay/error.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include "assess/part.hpp"
#include "core/script_host.hpp"
#include "dataset/builder.hpp"
#include "dataset/indicators.hpp"
#include "dataset/interner.hpp"
#include "dataset/parallel_observations.hpp"
#include "dataset/pieces.hpp"
#include "dataset/text.hpp"
#include "lua/pack_again.hpp"
#include "report/outcome_line.hpp"

#include <fcntl.h>

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <iterator>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace assay {
namespace {

namespace fs = std::filesystem;
using namespace assess_detail;
using dataset::DatasetBuilder;
using dataset::Interner;
using dataset::Layout;
using dataset::Piece;

/// Why the stream was given up; the run is then made in memory.
struct Abandon {
    std::string why;
};

/// Why `pack` cannot be assessed a part at a time (its rules look at other
/// series than the one assessed), or "".
std::string pack_not_streamable(const Pack& pack) {
    if (!pack.derived.empty())
        return fmt::format("the pack derives series ('{}') from others", pack.derived.front().id);
    auto compares = [](const Condition& c, auto& self) -> bool {
        if (!c.comparator_area.empty()) return true;
        return std::any_of(c.children.begin(), c.children.end(), [&](const Condition& d) { return self(d, self); });
    };
    auto target_compares = [](const TargetRule* t) {
        return t && (t->kind == TargetRule::Kind::comparator || !t->comparator_area.empty() ||
                     !t->comparator_indicator.empty());
    };
    std::unordered_map<std::string, std::string> group_of;
    for (const Group& g : pack.groups) {
        if (!g.comparators.empty()) return fmt::format("group '{}' shows comparators beside its figures", g.id);
        for (const RatingRule::Case& c : g.rating.cases)
            if (compares(c.when, compares)) return fmt::format("group '{}' rates by comparison with an area", g.id);
        for (const std::string& id : g.indicators) {
            if (target_compares(pack.target_for(g, id)))
                return fmt::format("the target of '{}' compares it with another series", id);
            auto [it, added] = group_of.emplace(id, g.id);
            if (!added) return fmt::format("indicator '{}' is in two groups ('{}' and '{}')", id, it->second, g.id);
        }
    }
    return {};
}

/// Area names in order of first appearance, in little memory: the names in
/// blocks of bytes, and an open-addressed table of ids (about 40 bytes an
/// area, where the interner of a loaded dataset needs some 110), as this is
/// the one thing a streamed run keeps that grows with the data.
class AreaNames {
public:
    /// The id of `name`, adding it if new.
    uint32_t intern(std::string_view name) {
        if (2 * (names_.size() + 1) > slots_.size()) grow();
        const uint32_t h = hash(name);
        for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            Slot& s = slots_[i];
            if (s.id == empty) {
                s = Slot{static_cast<uint32_t>(names_.size()), h};
                names_.push_back(store(name));
                return s.id;
            }
            if (s.hash == h && names_[s.id] == name) return s.id;
        }
    }
    /// intern(name), guessing first the name that followed the last one asked
    /// for the last time it was asked: a file's indicators mostly repeat one
    /// order of areas, so the guess saves a lookup in a table too large to
    /// stay in cache.
    uint32_t intern_next(std::string_view name) {
        uint32_t id = last_ == empty ? empty : next_[last_];
        if (id == empty || names_[id] != name) {
            id = intern(name);
            if (next_.size() < names_.size()) next_.resize(names_.size(), empty);
        }
        if (last_ != empty) next_[last_] = id;
        last_ = id;
        return id;
    }
    /// The name of `id`.
    std::string_view name(uint32_t id) const { return names_[id]; }

private:
    static constexpr uint32_t empty = UINT32_MAX;
    struct Slot {
        uint32_t id = empty;
        uint32_t hash = 0;
    };
    static uint32_t hash(std::string_view s) { return static_cast<uint32_t>(std::hash<std::string_view>{}(s)); }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<size_t>(64, 2 * old.size()), Slot{});
        for (const Slot& s : old)
            if (s.id != empty) {
                size_t i = s.hash & (slots_.size() - 1);
                while (slots_[i].id != empty) i = (i + 1) & (slots_.size() - 1);
                slots_[i] = s;
            }
    }
    std::string_view store(std::string_view name) {
        if (name.empty()) return {};  // refused later by the builder, as the loader refuses it
        if (name.size() > room_) {
            room_ = std::max<size_t>(1 << 20, name.size());
            blocks_.push_back(std::make_unique<char[]>(room_));
            used_ = 0;
        }
        room_ -= name.size();
        char* at = blocks_.back().get() + used_;
        std::copy(name.begin(), name.end(), at);
        used_ += name.size();
        return {at, name.size()};
    }

    std::vector<Slot> slots_;
    std::vector<std::string_view> names_;
    std::vector<uint32_t> next_;  ///< by id: the id asked for after it the last time (intern_next)
    uint32_t last_ = empty;
    std::vector<std::unique_ptr<char[]>> blocks_;
    size_t used_ = 0;  ///< bytes of the last block taken
    size_t room_ = 0;  ///< bytes of the last block free
};

/// A series read: its indicator and area, as the whole dataset names them,
/// and its first row.
struct Run {
    uint32_t indicator;  ///< index into the declared indicators
    uint32_t area;       ///< in order of first appearance in the file
    uint32_t begin;      ///< its first row
};

/// Rows read and named as the whole dataset names them, series by series.
struct Rows {
    std::vector<Run> runs;
    std::vector<uint32_t> label;  ///< each row's period label, in order of first appearance; its rank when `ranked`
    std::vector<double> value;
    std::vector<std::pair<uint32_t, std::string>> missing;       ///< (row, reason), rows ascending
    std::vector<std::pair<uint32_t, ObservationCounts>> counts;  ///< (row, counts), rows ascending
    bool ranked = false;  ///< `label` holds each label's period (Parts::direct_ranks)
    uint32_t size() const { return static_cast<uint32_t>(value.size()); }
};

/// A part: whole series, made into a dataset, assessed and rendered by a worker.
/// Its rows are those of `rows` (the series a piece before began), then
/// rows [0, cut) of `piece`, read there rather than copied.
struct Part {
    Rows rows;                                 ///< until its dataset is made
    std::unique_ptr<Piece> piece;              ///< until its dataset is made; then its storage serves a later piece
    uint32_t cut = 0;                          ///< rows of `piece` in the part
    std::vector<uint32_t> period_of;           ///< the piece's local period -> label (rank when rows.ranked)
    std::vector<uint32_t> areas;               ///< its areas, ascending
    std::vector<std::string_view> area_names;  ///< their names
    bool area_names_ok = false;                ///< whether the builder takes every one (dataset::area_name_ok)
    PreparedData data;
    std::string text;
    uint64_t outcomes = 0;                                ///< outcomes assessed in the part
    std::vector<std::pair<uint32_t, size_t>> kept_lines;  ///< with a shard: (outcome, end of its line in text)
    std::vector<Tally> tallies;
    std::string abandon;  ///< why this part cannot stand for the whole, if it cannot
    bool done = false;
};

/// Assesses `part` and renders its JSON Lines, or says why it cannot stand for the whole.
void assess_and_render(const Pack& pack, const AssessOptions& options, const StreamOptions& how, Part& part) {
    // Each outcome rendered as soon as it is made, while it is still in the
    // cache, into room for the lines at once (a line is some 600 bytes),
    // rather than copying them as the text grows.
    part.text.reserve(part.data.dataset().series.size() * 640);
    std::optional<reporting::OutcomeLines> lines;
    uint32_t i = 0;
    auto render = [&](const Assessment& whole, const Outcome& o) {
        if (!lines) lines.emplace(whole);
        if (how.keep) {
            const Series& s = whole.dataset->series[o.series];
            if (how.keep(whole.dataset->indicators[s.indicator].id, whole.dataset->areas[s.area])) {
                lines->write(o, part.text);
                part.kept_lines.emplace_back(i, part.text.size());
            }
        } else {
            lines->write(o, part.text);
        }
        ++i;
    };
    AssessedPart a = assess_part(pack, part.data, options, render);
    lines.reset();
    if (!a.assessment.errors.empty())
        part.abandon = "a rule failed: " + a.assessment.errors.front();
    else if (a.other_series)
        part.abandon = "a rule reads another series than its own (a:lookup)";
    else if (!a.assessment.checks.empty())
        part.abandon = "the data carries published figures to check";
    if (!part.abandon.empty()) return;
    part.outcomes = i;
    part.tallies = std::move(a.tallies);
    part.data = PreparedData();  // the part's rows are no longer needed
}

/// The threads of a run and the order in which their work is taken up:
/// `threads` - 1 workers and the calling thread, which takes the pieces and
/// writes the parts in order, and between those parses and assesses as the
/// workers do rather than wait (so that `threads` threads are busy, not one
/// more that the cores take turns with).
class Stream {
public:
    /// `assess` makes a part's dataset if need be, assesses and renders it on thread `w` (0..threads-1).
    Stream(const Layout& L, unsigned threads, std::function<void(Part&, unsigned w)> assess)
        : assess_(std::move(assess)), L_(L), window_(threads + 2), caller_(threads - 1) {
        pieces_.resize(L.pieces);
        try {
            for (unsigned t = 0; t + 1 < threads; ++t) workers_.emplace_back([this, t] { work(t); });
        } catch (...) {
            stop();
            throw;
        }
    }
    ~Stream() { stop(); }
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    /// Piece k, once parsed, taken in file order.
    std::unique_ptr<Piece> take_piece(size_t k) {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (failure_) std::rethrow_exception(failure_);
            if (pieces_[k] && pieces_[k]->ready) break;
            if (!help(lock, caller_)) calling_.wait(lock);
        }
        taken_ = k + 1;
        work_.notify_one();
        return std::move(pieces_[k]);
    }
    /// A piece no longer needed: its storage serves a later piece.
    void give_back(std::unique_ptr<Piece> pc) {
        std::lock_guard lock(mutex_);
        spare_.push_back(std::move(pc));
    }
    /// Hands a part to the workers; writes the parts done, in order, and waits while too many are alive.
    void submit(std::unique_ptr<Part> part, const std::function<void(Part&)>& write) {
        std::unique_lock lock(mutex_);
        parts_.push_back(std::move(part));
        pending_.push_back(parts_.back().get());
        work_.notify_one();
        for (;;) {
            write_done(lock, write);
            if (parts_.size() < window_) return;
            if (!help(lock, caller_)) calling_.wait(lock);
        }
    }
    /// Writes every part, in order, once done.
    void finish(const std::function<void(Part&)>& write) {
        std::unique_lock lock(mutex_);
        while (!parts_.empty()) {
            write_done(lock, write);
            if (!parts_.empty() && !help(lock, caller_)) calling_.wait(lock);
        }
        if (failure_) std::rethrow_exception(failure_);
    }

private:
    /// Writes the parts at the front that are done (called locked; writes unlocked).
    void write_done(std::unique_lock<std::mutex>& lock, const std::function<void(Part&)>& write) {
        if (failure_) std::rethrow_exception(failure_);
        while (!parts_.empty() && parts_.front()->done) {
            std::unique_ptr<Part> p = std::move(parts_.front());
            parts_.pop_front();
            if (!p->abandon.empty()) throw Abandon{p->abandon};
            lock.unlock();
            write(*p);
            p.reset();
            lock.lock();
            if (failure_) std::rethrow_exception(failure_);
        }
    }

    /// Whether there is a part to assess or a piece to parse (called locked).
    bool has_work() const { return !pending_.empty() || (next_ < L_.pieces && next_ < taken_ + window_); }

    /// Does one piece of work, if there is any, on thread `who` (called
    /// locked; works unlocked); false when there was none. A failure is kept
    /// for every thread to see.
    bool help(std::unique_lock<std::mutex>& lock, unsigned who) {
        if (stopping_ || failure_ || !has_work()) return false;
        Part* part = nullptr;
        size_t k = 0;
        if (!pending_.empty()) {
            part = pending_.front();
            pending_.pop_front();
        } else {
            k = next_++;
        }
        lock.unlock();
        try {
            if (part)
                assess(*part, who);
            else
                parse(k);
        } catch (...) {
            lock.lock();
            if (!failure_) failure_ = std::current_exception();
            fail_all();
            return true;
        }
        lock.lock();
        return true;
    }

    void work(unsigned worker) {
        std::unique_lock lock(mutex_);
        for (;;) {
            work_.wait(lock, [&] { return stopping_ || failure_ || has_work(); });
            if (stopping_ || failure_) return;
            help(lock, worker);
        }
    }

    void parse(size_t k) {
        std::unique_ptr<Piece> pc;
        {
            std::lock_guard lock(mutex_);
            if (!spare_.empty()) {
                pc = std::move(spare_.back());
                spare_.pop_back();
            }
        }
        pc = dataset::parsed_piece(L_, k, std::move(pc));
        std::lock_guard lock(mutex_);
        pieces_[k] = std::move(pc);
        calling_.notify_one();
    }

    void assess(Part& part, unsigned who) {
        assess_(part, who);
        std::lock_guard lock(mutex_);
        if (part.piece) spare_.push_back(std::move(part.piece));
        part.done = true;
        calling_.notify_one();
    }

    /// Wakes every thread (locked): to stop, or to see a failure.
    void fail_all() {
        calling_.notify_all();
        work_.notify_all();
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            fail_all();
        }
        for (std::thread& t : workers_) t.join();
    }

    const std::function<void(Part&, unsigned)> assess_;
    const Layout& L_;
    const size_t window_;
    const unsigned caller_;  ///< the calling thread's number, after the workers'
    std::mutex mutex_;
    std::condition_variable calling_;  ///< the calling thread waits here (for a piece, or a part done)
    std::condition_variable work_;     ///< the workers wait here (for a piece to parse or a part to assess)
    std::vector<std::unique_ptr<Piece>> pieces_;
    std::vector<std::unique_ptr<Piece>> spare_;
    std::deque<std::unique_ptr<Part>> parts_;  ///< handed over, in file order
    std::deque<Part*> pending_;                ///< not yet taken by a worker
    std::vector<std::thread> workers_;
    size_t next_ = 0, taken_ = 0;
    bool stopping_ = false;
    std::exception_ptr failure_;
};

/// Names rows as the whole dataset would, checks their order, and makes the parts.
class Parts {
public:
    Parts(const Pack& pack, std::vector<Indicator> indicators, dataset::CsvReader& reader, const fs::path& path,
          std::string name, const Layout& L)
        : pack_(pack), reader_(reader), path_(path), name_(std::move(name)), L_(L), indicators_(std::move(indicators)) {
        position_.assign(indicators_.size(), -1);
        seen_.assign(indicators_.size(), 0);
        int next = 0;
        for (const Group& g : pack.groups)
            for (const std::string& id : g.indicators)
                for (size_t i = 0; i < indicators_.size(); ++i)
                    if (indicators_[i].id == id) position_[i] = next++;
    }

    /// Takes the rows of one parsed piece (file order); returns the part of
    /// the whole series now complete, if any, which holds the piece (`owner`
    /// is then empty) when it reads rows there. The first part's dataset is
    /// made here; a later part's by make_data, on any thread.
    std::unique_ptr<Part> take(std::unique_ptr<Piece>& owner) {
        Piece& pc = *owner;
        if (pc.gave_up) throw Abandon{"a row the fast reader does not read (it is read in memory)"};
        constexpr uint32_t none = Interner::none;
        for (size_t r = 0; r < 3; ++r) map_[r].assign(pc.names[r].first.size(), none);
        const auto n = static_cast<uint32_t>(pc.value.size());
        const uint32_t base = rows_.size();
        // The series, each where a run in memory would assess it.
        for (const dataset::PieceRun& run : pc.runs) {
            const uint32_t ind = global(pc, 0, run.ind);
            const uint32_t area = global(pc, 1, run.area);
            if (ind == last_indicator_ && area == last_area_) continue;
            follow(ind, area);
            rows_.runs.push_back(Run{ind, area, base + run.begin});
        }
        // The piece's periods named (or ranked).
        std::vector<uint32_t>& to = map_[2];
        for (uint32_t local = 0; local < to.size(); ++local) {
            to[local] = global(pc, 2, local);
            if (rows_.ranked) to[local] = rank_[to[local]];
        }
        // The last series may go on in the next piece: it waits, with its rows.
        if (rows_.runs.size() < 2) {
            append(pc, to, 0, n, rows_);
            return nullptr;
        }
        const uint32_t cut = rows_.runs.back().begin - base;
        auto part = std::make_unique<Part>();
        part->rows = std::move(rows_);
        rows_ = Rows{};
        rows_.ranked = part->rows.ranked;
        rows_.runs.push_back(Run{part->rows.runs.back().indicator, part->rows.runs.back().area, 0});
        part->rows.runs.pop_back();
        append(pc, to, cut, n, rows_);
        if (cut > 0) {
            part->cut = cut;
            part->period_of = to;
            part->piece = std::move(owner);
        }
        finish_part(*part);
        if (part->piece && part->cut == 0) owner = std::move(part->piece);  // the first part read it already
        return part;
    }

    /// The rows still waiting, as the last part (null when none).
    std::unique_ptr<Part> rest() {
        if (rows_.runs.empty()) return nullptr;
        auto part = std::make_unique<Part>();
        part->rows = std::move(rows_);
        rows_ = Rows{};
        finish_part(*part);
        return part;
    }

    /// Makes `part`'s dataset from its rows, if not made yet (any thread:
    /// it reads only what is fixed once the first part is made).
    void make_data(Part& part) const {
        if (part.data || !part.abandon.empty()) return;
        if (std::optional<Dataset> direct = direct_dataset(part)) {
            part.data = prepare(pack_, std::move(*direct));
            return;
        }
        read_piece_rows(part);
        Dataset d = dataset_of(part, seed_names_);
        if (d.periods.size() != seed_periods_) {
            part.abandon = "the periods of the parts differ";
            return;
        }
        part.data = prepare(pack_, std::move(d));
    }

    /// The first part's prepared data (for the roll-ups' plan).
    const PreparedData& first() const { return first_; }

private:
    /// The whole dataset's id of piece-local name `local` of kind `r` (0 indicator, 1 area, 2 period).
    uint32_t global(const Piece& pc, int r, uint32_t local) {
        uint32_t& g = map_[r][local];
        if (g != Interner::none) return g;
        // The piece's own copy of the name, trimmed (denser, and so more likely in the cache, than
        // the row it was read from).
        std::string_view text = pc.names[static_cast<size_t>(r)].ids.name(local);
        if (r == 0) {
            for (size_t i = 0; i < indicators_.size(); ++i)
                if (indicators_[i].id == text) return g = static_cast<uint32_t>(i);
            throw Abandon{fmt::format("indicator '{}' is not declared", text)};
        }
        if (r == 1) return g = areas_.intern_next(text);
        if (seeded_ && labels_.find(text) == Interner::none)
            throw Abandon{
                fmt::format("period '{}' first appears after the first part: the series do not all "
                            "cover the same periods",
                            text)};
        bool added = false;
        return g = labels_.intern(text, added);
    }

    /// Checks that a new series, `indicator` in `area`, comes where a run in memory would assess it.
    void follow(uint32_t indicator, uint32_t area) {
        const std::string& id = indicators_[indicator].id;
        if (indicator != last_indicator_) {
            if (seen_[indicator]) throw Abandon{fmt::format("the rows of indicator '{}' are not all together", id)};
            seen_[indicator] = 1;
            if (position_[indicator] >= 0) {
                if (position_[indicator] < last_position_)
                    throw Abandon{fmt::format("indicator '{}' comes before indicators the pack assesses first", id)};
                last_position_ = position_[indicator];
            }
        } else if (area <= last_area_) {
            throw Abandon{fmt::format("the areas of indicator '{}' are not in the order they first appear", id)};
        }
        last_indicator_ = indicator;
        last_area_ = area;
    }

    static dataset::CsvField field(std::string_view text) { return dataset::CsvField{text, 0, 0}; }

    /// Appends rows [from, to) of `pc`, their periods named by `period_of`, to `rows`.
    static void append(Piece& pc, const std::vector<uint32_t>& period_of, uint32_t from, uint32_t to, Rows& rows) {
        const uint32_t at = rows.size();
        rows.label.resize(at + (to - from));
        uint32_t* label = rows.label.data() + at;
        for (uint32_t i = from; i < to; ++i) label[i - from] = period_of[pc.period[i]];
        rows.value.insert(rows.value.end(), pc.value.begin() + from, pc.value.begin() + to);
        for (auto& [row, reason] : pc.missing)
            if (row >= from && row < to) rows.missing.emplace_back(at + row - from, std::move(reason));
        for (const auto& [row, c] : pc.counts)
            if (row >= from && row < to) rows.counts.emplace_back(at + row - from, c);
    }

    /// Copies the part's rows of its piece into its own rows (then it holds the piece no more).
    static void read_piece_rows(Part& part) {
        if (part.cut == 0) return;
        append(*part.piece, part.period_of, 0, part.cut, part.rows);
        part.cut = 0;
    }

    /// Names a part's areas; makes the first part's dataset, whose periods are every part's.
    void finish_part(Part& part) {
        // The areas in the whole dataset's order, so that each indicator's series come in it.
        for (const Run& r : part.rows.runs) part.areas.push_back(r.area);
        std::sort(part.areas.begin(), part.areas.end());
        part.areas.erase(std::unique(part.areas.begin(), part.areas.end()), part.areas.end());
        for (uint32_t a : part.areas) part.area_names.push_back(areas_.name(a));
        // Each area's name checked once in the run, not in every part it is in.
        part.area_names_ok = true;
        for (size_t i = 0; i < part.areas.size(); ++i) {
            const uint32_t a = part.areas[i];
            if (a >= area_ok_.size()) area_ok_.resize(a + 1, 0);
            if (area_ok_[a] == 0) area_ok_[a] = dataset::area_name_ok(part.area_names[i]) ? 1 : 2;
            if (area_ok_[a] != 1) part.area_names_ok = false;
        }
        if (!seeded_) {
            // The first part: its periods are every part's (checked as the labels are read).
            read_piece_rows(part);
            std::vector<std::string_view> names;
            for (uint32_t l = 0; l < labels_.size(); ++l) names.push_back(labels_.name(l));
            Dataset d = dataset_of(part, names);
            seeded_ = true;
            seed_labels_ = static_cast<uint32_t>(labels_.size());
            seed_periods_ = d.periods.size();
            for (uint32_t l = 0; l < seed_labels_; ++l) seed_names_.push_back(labels_.name(l));
            direct_ranks(d);
            part.data = prepare(pack_, std::move(d));
            first_ = part.data;
        }
    }

    /// Whether a later part's dataset can be made without the builder, and
    /// how: the first part (`first`) used every period label seen so far, each
    /// its own period of one kind and length, so a later part (which holds
    /// all of them) has exactly its periods and passes the builder's checks of
    /// them; label l is then period rank_[l].
    void direct_ranks(const Dataset& first) {
        if (first.periods.size() != seed_labels_) return;
        for (const Period& p : first.periods)
            if (p.kind != first.periods.front().kind || p.months() != first.periods.front().months()) return;
        std::vector<uint32_t> rank(seed_labels_);
        std::vector<char> taken(seed_labels_, 0);
        for (uint32_t l = 0; l < seed_labels_; ++l) {
            std::optional<uint32_t> at = first.find_period(labels_.name(l));
            if (!at || *at >= seed_labels_ || taken[*at]) return;
            taken[*at] = 1;
            rank[l] = *at;
        }
        rank_ = std::move(rank);
        periods_ = first.periods;
        label_of_.resize(seed_labels_);
        for (uint32_t l = 0; l < seed_labels_; ++l) label_of_[rank_[l]] = l;
        // The rows waiting, and those taken from now on, carry their periods.
        for (uint32_t& l : rows_.label) l = rank_[l];
        rows_.ranked = true;
    }

    /// A later part's dataset made straight from its rows, as the builder
    /// makes it when they need nothing of it: series in the dataset's order
    /// (indicator, then area), each with its periods ascending, and area names
    /// the builder takes. Otherwise none, and the builder makes it (and says
    /// what is wrong).
    ///
    /// The dataset takes the piece's columns as they are (a series' rows
    /// need not follow the series before them, nor every row belong to a
    /// series): its periods renamed in place, rows [0, cut) kept, then the
    /// rows of any series begun in an earlier piece copied after them, whole.
    std::optional<Dataset> direct_dataset(Part& part) const {
        if (!seeded_ || rank_.empty()) return std::nullopt;
        Rows& rows = part.rows;
        if (!rows.ranked) return std::nullopt;
        if (!part.area_names_ok) return std::nullopt;
        // Row r of the part is row r of `rows`, then row r - carried of the piece.
        const uint32_t carried = rows.size(), total = carried + part.cut;
        const uint32_t* local = part.cut > 0 ? part.piece->period.data() : nullptr;
        const uint32_t* rank = part.period_of.data();
        // Whether rows [begin, end) have their periods ascending.
        auto ascending = [&](uint32_t begin, uint32_t end) {
            if (end - begin < 2) return true;
            uint32_t r = begin;
            uint32_t last = r < carried ? rows.label[r] : rank[local[r - carried]];
            for (++r; r < end && r < carried; ++r) {
                if (rows.label[r] <= last) return false;
                last = rows.label[r];
            }
            if (r == end) return true;
            for (const uint32_t* at = local + (r - carried); r < end; ++r, ++at) {  // (r >= carried here)
                const uint32_t p = rank[*at];
                if (p <= last) return false;
                last = p;
            }
            return true;
        };
        Dataset d;
        d.series.reserve(rows.runs.size());
        uint32_t copied = 0;  // rows of series begun in `rows`, copied after the piece's
        for (size_t k = 0; k < rows.runs.size(); ++k) {
            const Run& run = rows.runs[k];
            const uint32_t end = k + 1 < rows.runs.size() ? rows.runs[k + 1].begin : total;
            const auto local_area = static_cast<uint32_t>(
                std::lower_bound(part.areas.begin(), part.areas.end(), run.area) - part.areas.begin());
            if (!d.series.empty() &&
                std::pair(run.indicator, local_area) <= std::pair(d.series.back().indicator, d.series.back().area))
                return std::nullopt;
            if (!ascending(run.begin, end)) return std::nullopt;
            if (run.begin < carried) {
                d.series.push_back(
                    Series{run.indicator, local_area, part.cut + copied, part.cut + copied + (end - run.begin)});
                copied += end - run.begin;
            } else {
                d.series.push_back(Series{run.indicator, local_area, run.begin - carried, end - carried});
            }
        }
        d.name = name_;
        d.indicators = indicators_;
        d.areas.assign(part.area_names.begin(), part.area_names.end());
        d.periods = periods_;
        if (part.cut > 0) {
            Piece& pc = *part.piece;
            d.obs_period = std::move(pc.period);
            d.obs_value = std::move(pc.value);
            pc.period = {};
            pc.value = {};
            d.obs_period.resize(part.cut);
            d.obs_value.resize(part.cut);
            for (uint32_t& p : d.obs_period) p = rank[p];
        }
        // The series begun in `rows`, whole: their rows there, then any in the piece (the piece's
        // first `spanned` rows, whose missing reasons and counts are then the copies').
        d.missing.reserve(rows.missing.size() + (part.cut > 0 ? part.piece->missing.size() : 0));
        d.obs_period.reserve(part.cut + copied);
        d.obs_value.reserve(part.cut + copied);
        uint32_t spanned = 0;
        for (size_t k = 0; k < rows.runs.size() && rows.runs[k].begin < carried; ++k) {
            const uint32_t begin = rows.runs[k].begin;
            const uint32_t end = k + 1 < rows.runs.size() ? rows.runs[k + 1].begin : total;
            if (end > carried) spanned = end - carried;
            const uint32_t to = static_cast<uint32_t>(d.obs_value.size());
            for (uint32_t r = begin; r < end; ++r) {
                const bool there = r < carried;
                d.obs_period.push_back(there ? rows.label[r] : d.obs_period[r - carried]);
                d.obs_value.push_back(there ? rows.value[r] : d.obs_value[r - carried]);
            }
            for (auto& [row, reason] : rows.missing)
                if (row >= begin && row < end) d.missing.emplace(to + row - begin, std::move(reason));
            for (const auto& [row, c] : rows.counts)
                if (row >= begin && row < end) d.counts.emplace(to + row - begin, c);
            if (end > carried && part.cut > 0) {
                const Piece& pc = *part.piece;
                for (const auto& [row, reason] : pc.missing)
                    if (row < end - carried) d.missing.emplace(to + carried - begin + row, reason);
                for (const auto& [row, c] : pc.counts)
                    if (row < end - carried) d.counts.emplace(to + carried - begin + row, c);
            }
        }
        if (part.cut > 0) {
            Piece& pc = *part.piece;
            for (auto& [row, reason] : pc.missing)
                if (row >= spanned && row < part.cut) d.missing.emplace(row, std::move(reason));
            for (const auto& [row, c] : pc.counts)
                if (row >= spanned && row < part.cut) d.counts.emplace(row, c);
            part.cut = 0;
        }
        part.rows = Rows{};
        return d;
    }

    /// The dataset of `part`'s rows, whose period labels are named `labels`.
    /// A part after the first holds every period of the first part, in
    /// their order, as the whole dataset does.
    Dataset dataset_of(Part& part, const std::vector<std::string_view>& labels) const {
        if (part.rows.ranked) {
            for (uint32_t& r : part.rows.label) r = label_of_[r];
            part.rows.ranked = false;
        }
        const Rows& rows = part.rows;
        DatasetBuilder b(indicators_, false);
        b.begin_file(path_, path_.string(), L_.column[0], L_.column[1], L_.column[2]);
        b.reserve(rows.size());
        std::vector<uint32_t> period_of(labels.size(), Interner::none);
        if (seeded_)
            for (uint32_t l = 0; l < seed_labels_; ++l) period_of[l] = b.period(reader_, field(labels[l]));
        for (std::string_view name : part.area_names) b.area(reader_, field(name));
        // Each part after the first names its periods as the labels are numbered: no need to rename them.
        bool same = seeded_;
        for (uint32_t l = 0; same && l < seed_labels_; ++l) same = period_of[l] == l;
        std::vector<uint32_t> periods;
        size_t m = 0, c = 0;
        for (size_t k = 0; k < rows.runs.size(); ++k) {
            const Run& run = rows.runs[k];
            const uint32_t end = k + 1 < rows.runs.size() ? rows.runs[k + 1].begin : rows.size();
            const auto local = static_cast<uint32_t>(std::lower_bound(part.areas.begin(), part.areas.end(), run.area) -
                                                     part.areas.begin());
            const uint32_t* period = rows.label.data() + run.begin;
            if (!same) {
                periods.clear();
                for (uint32_t i = run.begin; i < end; ++i) {
                    uint32_t& p = period_of[rows.label[i]];
                    if (p == Interner::none) p = b.period(reader_, field(labels[rows.label[i]]));
                    periods.push_back(p);
                }
                period = periods.data();
            }
            const uint32_t first =
                b.add_rows(run.indicator, local, period, rows.value.data() + run.begin, end - run.begin);
            for (; m < rows.missing.size() && rows.missing[m].first < end; ++m)
                b.missing(first + (rows.missing[m].first - run.begin), rows.missing[m].second);
            for (; c < rows.counts.size() && rows.counts[c].first < end; ++c)
                b.counts(first + (rows.counts[c].first - run.begin), rows.counts[c].second);
        }
        part.rows = Rows{};  // no longer needed
        return b.finish(name_, {});
    }

    const Pack& pack_;
    dataset::CsvReader& reader_;
    const fs::path& path_;
    std::string name_;
    const Layout& L_;
    std::vector<Indicator> indicators_;
    std::vector<int> position_;  ///< indicator -> its place in the pack's order; -1 when not assessed
    std::vector<char> seen_;     ///< indicators whose rows have begun
    AreaNames areas_;
    std::vector<char> area_ok_;  ///< by area: 0 not yet checked, 1 a name the builder takes, 2 one it refuses
    Interner labels_;
    std::array<std::vector<uint32_t>, 3> map_;
    Rows rows_;  ///< rows read and not yet in a part
    uint32_t last_indicator_ = Interner::none, last_area_ = Interner::none;
    int last_position_ = -1;
    bool seeded_ = false;
    uint32_t seed_labels_ = 0;
    std::vector<std::string_view> seed_names_;  ///< the first part's period labels, fixed once it is made
    size_t seed_periods_ = 0;
    std::vector<uint32_t> rank_;      ///< label -> period, when later parts' datasets are made directly (direct_ranks)
    std::vector<uint32_t> label_of_;  ///< period -> label, then
    std::vector<Period> periods_;     ///< then every part's periods
    PreparedData first_;
};

/// The observations file of a dataset folder that holds indicators.csv and
/// observations.csv and nothing else a run reads; else the reason why not.
std::string streamable_folder(const fs::path& dir, fs::path& observations) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return "the dataset is not a folder";
    if (!fs::is_regular_file(dir / "indicators.csv", ec)) return "the folder has no indicators.csv";
    if (fs::exists(dir / "commentary.csv", ec)) return "the folder has commentary.csv";
    int files = 0;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (dataset::is_observations_file(it->path())) ++files;
    if (ec) return "the folder cannot be listed";
    observations = dir / "observations.csv";
    if (files != 1 || !fs::is_regular_file(observations, ec)) return "the observations are not one observations.csv";
    return {};
}

}  // namespace

StreamedRun stream_run_jsonl(const Pack& pack, const fs::path& dataset_path, const AssessOptions& options_given,
                             const StreamOptions& how, const std::function<void(std::string_view)>& write) {
    StreamedRun out;
    if (std::string why = pack_not_streamable(pack); !why.empty()) {
        out.why_not = why;
        return out;
    }
    fs::path path;
    if (std::string why = streamable_folder(dataset_path, path); !why.empty()) {
        out.why_not = why;
        return out;
    }
    AssessOptions options = options_given;
    options.explain = false;
    try {
        dataset::CsvReader indicators_reader(dataset_path / "indicators.csv",
                                             (dataset_path / "indicators.csv").string());
        std::vector<Indicator> indicators = dataset::read_indicators(indicators_reader);

        dataset::CsvReader reader(path, path.string());
        std::vector<dataset::CsvField> header;
        if (!reader.next(header)) throw Abandon{"observations.csv is empty"};
        std::optional<dataset::PlainColumns> at = dataset::plain_header(header);
        if (!at)
            throw Abandon{
                "observations.csv has other columns than indicator, area, period, value, numerator, denominator and "
                "sd"};
        Layout L;
        L.size = reader.file_size();
        L.start = reader.bytes_parsed();
        L.column = at->at;
        L.counts = at->counts;
        L.fields = at->fields;
        L.declared = &indicators;  // read by the workers, so never moved from
        // 1 MB pieces: small enough that the pieces and parts alive at once
        // stay in few pages (each first touched costs a page fault), large
        // enough that a part's fixed cost is small beside its rows.
        L.piece = how.piece_bytes > 0 ? how.piece_bytes : size_t{1} << 20;
        L.pieces = L.size > L.start ? static_cast<size_t>((L.size - L.start + L.piece - 1) / L.piece) : 0;
        if (L.pieces == 0) throw Abandon{"observations.csv has no rows"};
        dataset::Fd file;
        file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (file.fd < 0) throw Abandon{"observations.csv cannot be opened"};
        L.fd = file.fd;
        std::string head(static_cast<size_t>(L.start), '\0');
        if (dataset::read_at(L.fd, head.data(), head.size(), 0) != head.size())
            throw Abandon{"observations.csv changed while read"};
        for (size_t i = 0; i < head.size(); ++i)
            if (head[i] == '\r' && (i + 1 == head.size() || head[i + 1] != '\n'))
                throw Abandon{"a lone carriage return in the header"};

        Parts parts(pack, indicators, reader, path, dataset::dataset_name(dataset_path, true), L);
        if (pack.host) pack.host->begin_assessment();  // one budget for the whole run, shared by its parts
        const unsigned threads = dataset::thread_count(how.threads);
        // Lua rules: a state of their own for each worker, so that parts are rated at once (each state
        // budgeted per call as the pack's own, and the run's budget checked over them all at the end).
        std::vector<Pack> worker_packs;
        if (pack.host && threads > 1)
            for (unsigned t = 0; t < threads; ++t) {
                std::optional<Pack> again = lua::pack_again(pack);
                if (!again) {
                    worker_packs.clear();
                    break;
                }
                worker_packs.push_back(std::move(*again));
            }
        for (Pack& p : worker_packs) p.host->begin_assessment();
        std::vector<Tally> tallies;
        uint64_t position = 0;  // of the next part's first outcome in the whole run
        std::string lines;
        // Writes a part (in file order) and counts it.
        auto written = [&](Part& part) {
            if (!how.keep) {
                write(part.text);
            } else {
                lines.clear();
                size_t from = 0;
                for (auto [outcome, end] : part.kept_lines) {
                    fmt::format_to(std::back_inserter(lines), "{}\t", position + outcome);
                    lines.append(part.text, from, end - from);
                    from = end;
                }
                write(lines);
            }
            position += part.outcomes;
            if (tallies.empty())
                tallies = std::move(part.tallies);
            else
                for (size_t g = 0; g < tallies.size() && g < part.tallies.size(); ++g) tallies[g].add(part.tallies[g]);
        };
        // Makes a part's dataset, if not made yet, then assesses and renders it (any thread).
        auto assess = [&](Part& part, unsigned worker) {
            parts.make_data(part);
            if (part.abandon.empty())
                assess_and_render(worker < worker_packs.size() ? worker_packs[worker] : pack, options, how, part);
        };
        if (threads == 1) {
            std::unique_ptr<Piece> pc;
            auto one = [&](std::unique_ptr<Part> part) {
                if (!part) return;
                assess(*part, 0);
                if (!pc) pc = std::move(part->piece);
                if (!part->abandon.empty()) throw Abandon{part->abandon};
                written(*part);
            };
            for (size_t k = 0; k < L.pieces; ++k) {
                pc = dataset::parsed_piece(L, k, std::move(pc));
                one(parts.take(pc));
            }
            one(parts.rest());
        } else {
            Stream stream(L, threads, assess);
            for (size_t k = 0; k < L.pieces; ++k) {
                std::unique_ptr<Piece> pc = stream.take_piece(k);
                std::unique_ptr<Part> part = parts.take(pc);
                if (pc) stream.give_back(std::move(pc));
                if (part) stream.submit(std::move(part), written);
            }
            if (std::unique_ptr<Part> last = parts.rest()) stream.submit(std::move(last), written);
            stream.finish(written);
        }
        if (!lua::within_run_budget(pack, worker_packs))
            throw Abandon{"the rules' run budget was spent across the worker threads' Lua states"};
        if (!parts.first()) throw Abandon{"observations.csv has no rows"};
        // The roll-ups, as assess() makes them, from the counts of every part.
        Plan plan = make_plan(pack, parts.first().dataset(), options);
        if (tallies.size() != plan.groups.size()) {
            tallies.clear();
            for (const GroupPlan& g : plan.groups) tallies.emplace_back(g.scale);
        }
        Assessment& a = out.result;
        a.pack = &pack;
        a.dataset = &parts.first().dataset();
        a.data = parts.first();
        a.as_at = plan.as_at;
        roll_up(pack, plan, tallies, a);
        out.outcomes = position;
        out.streamed = true;
    } catch (const Abandon& a) {
        out.why_not = a.why;
    } catch (const std::system_error&) {
        out.why_not = "no worker thread could be started";
    } catch (const dataset::GiveUp&) {
        out.why_not = "observations.csv could not be read a piece at a time";
    } catch (const InputError& e) {
        out.why_not = std::string("the data holds an error (") + e.what() + ")";
    }
    return out;
}

}  // namespace assay
