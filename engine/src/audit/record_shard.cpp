// A run's sealed record in shards (record.hpp): each shard's file carries
// the whole run's record without its outcomes, sealed like any record, and
// the shard's outcomes as the record writes them, each with its position;
// the merge puts the outcomes back between the text around them and seals
// the result again, which gives the seal one unsharded run gives. Each shard
// states that seal (it assessed the whole run), so a merge that does not
// give it is refused.
//
//   #assay-shard-record K/N TOTAL SEAL                    (SEAL: the whole record's, which the merge must give)
//   { "sealed": ..., "sha256": ..., "written_at": ... }   (record_text of the base)
//   @POSITION BYTES
//   <the outcome's BYTES bytes>
//   ...
//   #assay-end OUTCOMES SHA256                            (of every byte before this line)
#include <assay/error.hpp>
#include <assay/hash.hpp>
#include <assay/record.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace assay {
namespace {

constexpr std::string_view shard_tag = "#assay-shard-record ";
constexpr std::string_view end_tag = "#assay-end ";
/// Where the base record's outcome list opens; the outcomes go after it.
constexpr std::string_view outcomes_open = "\n  \"outcomes\": [";

/// Reads the unsigned number at the front of `text` up to `stop` (or the end); moves past it.
template <typename T>
bool take_number(std::string_view& text, char stop, T& value) {
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || p == text.data()) return false;
    text.remove_prefix(static_cast<size_t>(p - text.data()));
    if (stop == '\0') return text.empty();
    if (text.empty() || text.front() != stop) return false;
    text.remove_prefix(1);
    return true;
}

/// Reads a shard's file a line at a time, naming the line in errors.
class ShardReader {
public:
    ShardReader(std::string_view text, const std::string& source) : text_(text), source_(source) {}

    [[noreturn]] void bad(std::string_view what) const {
        throw InputError(Error{SourceLoc{source_, static_cast<int>(line_), 0}, std::string(what)});
    }

    bool at_end() const { return at_ >= text_.size(); }
    size_t offset() const { return at_; }

    /// The next line, without its newline; the file must end with one.
    std::string_view line() {
        size_t nl = text_.find('\n', at_);
        ++line_;
        if (nl == std::string_view::npos) bad("ends without a newline: the file was cut short");
        std::string_view l = text_.substr(at_, nl - at_);
        at_ = nl + 1;
        return l;
    }

    /// The base record's text, through its closing "}" line.
    std::string_view record() {
        size_t close = text_.find("\n}\n", at_);
        if (close == std::string_view::npos) {
            ++line_;
            bad("expected the run's record (assay run --record) after the first line");
        }
        std::string_view r = text_.substr(at_, close + 3 - at_);
        line_ += static_cast<size_t>(std::count(r.begin(), r.end(), '\n'));
        at_ = close + 3;
        return r;
    }

    /// `bytes` bytes and the newline after them.
    std::string_view bytes(size_t n) {
        if (n >= text_.size() - at_ || text_[at_ + n] != '\n')
            bad(fmt::format("expected {} bytes of the outcome and a newline: the file was cut short or edited", n));
        std::string_view b = text_.substr(at_, n);
        line_ += static_cast<size_t>(std::count(b.begin(), b.end(), '\n')) + 1;
        at_ += n + 1;
        return b;
    }

private:
    std::string_view text_;
    const std::string& source_;
    size_t at_ = 0;
    size_t line_ = 0;
};

[[noreturn]] void from_other_runs(const RecordShard& a, const RecordShard& b, std::string_view what) {
    throw InputError(
        Error{SourceLoc{b.source, 0, 0}, fmt::format("shard {}/{} and {} (shard {}/{}) come from different runs: {}",
                                                     b.k, b.n, a.source, a.k, a.n, what)});
}

}  // namespace

std::string record_shard_text(const RecordShard& shard) {
    std::string text = fmt::format("{}{}/{} {} {}\n", shard_tag, shard.k, shard.n, shard.total, shard.seal);
    text += record_text(shard.base);
    for (const auto& [position, outcome] : shard.outcomes) {
        text += fmt::format("@{} {}\n", position, outcome.size());
        text += outcome;
        text += '\n';
    }
    text += fmt::format("{}{} {}\n", end_tag, shard.outcomes.size(), sha256_hex(text));
    return text;
}

bool is_record_shard_text(std::string_view text) {
    return text.substr(0, shard_tag.size()) == shard_tag;
}

RecordShard parse_record_shard(std::string_view text, const std::string& source) {
    ShardReader in(text, source);
    RecordShard s;
    s.source = source;
    std::string_view first = in.line();
    if (!is_record_shard_text(first))
        in.bad(
            "not a shard of a record: expected '#assay-shard-record K/N OUTCOMES SEAL' "
            "(written by assay run --shard K/N --record FILE)");
    first.remove_prefix(shard_tag.size());
    if (!take_number(first, '/', s.k) || !take_number(first, ' ', s.n) || !take_number(first, ' ', s.total) ||
        s.k < 1 || s.k > s.n || first.size() != 64 || first.find_first_not_of("0123456789abcdef") != first.npos)
        in.bad("expected '#assay-shard-record K/N OUTCOMES SEAL' with 1 <= K <= N and a SHA-256");
    s.seal = first;
    std::string_view record = in.record();
    try {
        s.base = parse_record(record, source + " (the run's record in it)");
    } catch (const InputError& e) {
        in.bad(e.what());
    }
    if (s.base.kind != RecordKind::run) in.bad("its record is an audit's: only a run's record is sharded");
    for (;;) {
        const size_t end_at = in.offset();
        if (in.at_end()) in.bad("ends early: the '#assay-end' line is missing (was the shard run cut short?)");
        std::string_view l = in.line();
        if (l.substr(0, end_tag.size()) == end_tag) {
            l.remove_prefix(end_tag.size());
            uint64_t count = 0;
            if (!take_number(l, ' ', count) || l.size() != 64) in.bad("expected '#assay-end OUTCOMES SHA256'");
            if (count != s.outcomes.size())
                in.bad(fmt::format("the end line counts {} outcomes, but the file holds {}", count, s.outcomes.size()));
            if (std::string actual = sha256_hex(text.substr(0, end_at)); actual != l)
                in.bad(fmt::format("the file hashes to {}, but its end line says {}: it was edited or damaged", actual,
                                   l));
            if (!in.at_end()) in.bad("text after the '#assay-end' line");
            return s;
        }
        uint64_t position = 0;
        size_t bytes = 0;
        if (l.empty() || l.front() != '@') in.bad("expected '@POSITION BYTES' or '#assay-end OUTCOMES SHA256'");
        l.remove_prefix(1);
        if (!take_number(l, ' ', position) || !take_number(l, '\0', bytes))
            in.bad("expected '@POSITION BYTES' or '#assay-end OUTCOMES SHA256'");
        if (position >= s.total) in.bad(fmt::format("position {} is past the run's {} outcomes", position, s.total));
        if (!s.outcomes.empty() && position <= s.outcomes.back().first)
            in.bad("positions out of order: the file was edited or joined wrongly");
        s.outcomes.emplace_back(position, std::string(in.bytes(bytes)));
    }
}

RunRecord merge_record_shards(const std::vector<RecordShard>& shards) {
    if (shards.empty()) throw InputError("no shards to merge");
    const RecordShard& first = shards.front();
    const unsigned n = first.n;
    std::vector<const RecordShard*> seen(n + 1, nullptr);
    for (const RecordShard& s : shards) {
        if (s.n != n) from_other_runs(first, s, fmt::format("one is split in {}, the other in {}", n, s.n));
        if (seen[s.k])
            throw InputError(fmt::format("{} and {} are both shard {}/{}", seen[s.k]->source, s.source, s.k, n));
        seen[s.k] = &s;
        if (s.base.sha256 != first.base.sha256)
            from_other_runs(
                first, s,
                "their records without outcomes differ (seal " + s.base.sha256 + " and " + first.base.sha256 + ")");
        if (s.seal != first.seal)
            from_other_runs(first, s,
                            "they state different seals for the whole record (" + s.seal + " and " + first.seal + ")");
        if (s.total != first.total)
            from_other_runs(first, s, fmt::format("one run had {} outcomes, the other {}", first.total, s.total));
    }
    std::string missing;
    for (unsigned k = 1; k <= n; ++k)
        if (!seen[k]) missing += fmt::format("{}{}/{}", missing.empty() ? "" : ", ", k, n);
    if (!missing.empty()) throw InputError(fmt::format("shards missing: {} (give every shard's file once)", missing));

    // Every position once, from whichever shard holds it.
    uint64_t held = 0;
    for (const RecordShard& s : shards) held += s.outcomes.size();
    if (held != first.total)
        throw InputError(
            fmt::format("the run had {} outcomes but the shards hold {}: a shard is incomplete or the "
                        "shards come from different runs",
                        first.total, held));
    std::vector<const std::string*> at(first.total, nullptr);
    for (const RecordShard& s : shards)
        for (const auto& [position, text] : s.outcomes) {
            if (at[position])
                throw InputError(Error{SourceLoc{s.source, 0, 0},
                                       fmt::format("the outcome at position {} is in two shards", position)});
            at[position] = &text;
        }
    for (uint64_t p = 0; p < first.total; ++p)
        if (!at[p])
            throw InputError(
                fmt::format("no shard holds the outcome at position {}: a shard is incomplete or the shards come from "
                            "different runs",
                            p));

    const std::string& around = first.base.outcome;
    size_t open = around.find(outcomes_open);
    if (open == std::string::npos)
        throw InputError(Error{SourceLoc{first.source, 0, 0}, "its record has no outcome list to put outcomes in"});
    open += outcomes_open.size();
    RunRecord merged = first.base;
    std::string& outcome = merged.outcome;
    outcome.assign(around, 0, open);
    for (uint64_t p = 0; p < first.total; ++p) {
        if (p > 0) outcome += ',';
        outcome += *at[p];
    }
    outcome.append(around, open);
    merged.outcome_sha256 = sha256_hex(outcome);
    merged.signatures.clear();
    merged.written_at = utc_timestamp();
    // Sealed by record_text; reading it back checks the whole as any record is checked.
    RunRecord checked;
    try {
        checked = parse_record(record_text(merged), "the merged record");
    } catch (const InputError& e) {
        throw InputError(fmt::format("the shards do not join into a valid record: {}", e.what()));
    }
    if (checked.sha256 != first.seal)
        throw InputError(
            fmt::format("the shards join into a record sealed {}, but they state {}: an outcome in "
                        "them was changed after the run",
                        checked.sha256, first.seal));
    return checked;
}

}  // namespace assay
