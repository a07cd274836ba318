// `assay merge SHARD...`: joins the files of `assay run --shard K/N --format
// jsonl` into the JSON Lines a single run writes, byte for byte. The files
// are read a line at a time and merged by position, so memory does not grow
// with the run. Every shard 1..N must be given once, each complete.
// Given the shards of a sealed record (`--shard K/N --record FILE`), it
// joins them into the record one run writes (merge_record_shards): the same
// sealed part and seal, written now, and signed with --sign.
#include <commands.hpp>
#include <common.hpp>
#include <run_shard.hpp>

#include <assay/error.hpp>
#include <assay/io.hpp>
#include <assay/record.hpp>
#include <assay/signing.hpp>

#include <fmt/core.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace assay::cli {

namespace {

/// One shard file being read.
struct ShardFile {
    std::string path;
    std::ifstream in;
    size_t line_no = 0;
    Shard shard;
    std::string line;                  ///< the current outcome's JSON (with its newline)
    std::optional<uint64_t> position;  ///< the current outcome's position; none at the end
    uint64_t total = 0;                ///< from the end line
    uint64_t read = 0;                 ///< outcomes read
};

[[noreturn]] void bad(const ShardFile& f, std::string_view what) {
    throw InputError(fmt::format("{}:{}: {}", f.path, f.line_no, what));
}

/// Reads the header: "#assay-shard K/N".
void open(ShardFile& f) {
    f.in.open(f.path, std::ios::binary);
    if (!f.in) throw InputError(fmt::format("{}: cannot be read", f.path));
    std::string first;
    std::getline(f.in, first);
    f.line_no = 1;
    constexpr std::string_view tag = "#assay-shard ";
    if (first.rfind(tag, 0) != 0)
        bad(f,
            "not a shard file: expected the output of 'assay run --shard K/N --format jsonl' "
            "or the record of 'assay run --shard K/N --record FILE' (other formats cannot be merged)");
    try {
        f.shard = parse_shard(std::string_view(first).substr(tag.size()));
    } catch (const InputError&) {
        bad(f, fmt::format("expected '#assay-shard K/N', found '{}'", first));
    }
}

/// Moves to the next outcome, or to the end (checking the end line).
void advance(ShardFile& f) {
    std::string text;
    if (!std::getline(f.in, text))
        bad(f, "ends early: the '#assay-end' line is missing (was the shard run cut short?)");
    ++f.line_no;
    constexpr std::string_view end = "#assay-end ";
    if (text.rfind(end, 0) == 0) {
        auto [p, ec] = std::from_chars(text.data() + end.size(), text.data() + text.size(), f.total);
        if (ec != std::errc{} || p != text.data() + text.size()) bad(f, "expected '#assay-end OUTCOMES'");
        if (std::getline(f.in, text)) bad(f, "text after the '#assay-end' line");
        f.position.reset();
        return;
    }
    size_t tab = text.find('\t');
    uint64_t at = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + (tab == std::string::npos ? 0 : tab), at);
    if (tab == std::string::npos || tab == 0 || ec != std::errc{} || p != text.data() + tab)
        bad(f, "expected 'POSITION<tab>JSON' or '#assay-end OUTCOMES'");
    if (f.position && at <= *f.position) bad(f, "positions out of order: the file was edited or joined wrongly");
    f.position = at;
    f.line.assign(text, tab + 1);
    f.line += '\n';
    ++f.read;
}

struct MergeOptions {
    std::vector<std::string> shards;
    std::string out;
    std::string sign;  ///< --sign KEY: sign the merged record
};

/// The first line of a file (at most a little of it).
std::string first_line(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) return "";
    return line;
}

/// The shards of a sealed record, joined into the record one run writes.
int merge_records(const MergeOptions& o) {
    std::unique_ptr<Signer> signer;
    if (!o.sign.empty()) signer = std::make_unique<Signer>(o.sign);  // a key that cannot be read fails first
    std::vector<RecordShard> shards;
    for (const std::string& p : o.shards) {
        std::string text = read_file(p);
        if (!is_record_shard_text(text))
            throw InputError(
                fmt::format("{}: not a shard of a record, but {} is: give the files of "
                            "'assay run --shard K/N --record FILE' only",
                            p, o.shards.front()));
        shards.push_back(parse_record_shard(text, p));
    }
    RunRecord merged = merge_record_shards(shards);
    shards.clear();
    if (signer) sign_record(merged, *signer);
    if (o.out.empty() || o.out == "-") {
        std::string text = record_text(merged);
        std::fwrite(text.data(), 1, text.size(), stdout);
    } else {
        write_record(o.out, merged);
    }
    return exit_ok;
}

int merge(const MergeOptions& o) {
    check_output("--out", o.out, o.shards);
    if (is_record_shard_text(first_line(o.shards.front()))) return merge_records(o);
    if (!o.sign.empty()) {
        print_error("--sign signs a merged record: give the shards of 'assay run --shard K/N --record FILE'");
        return exit_usage;
    }
    std::vector<std::unique_ptr<ShardFile>> files;
    for (const std::string& p : o.shards) {
        files.push_back(std::make_unique<ShardFile>());
        files.back()->path = p;
        open(*files.back());
    }
    unsigned n = files.front()->shard.n;
    std::vector<const ShardFile*> seen(n + 1, nullptr);
    for (const auto& f : files) {
        if (f->shard.n != n)
            throw InputError(fmt::format("{}: shard {}/{}, but {} is shard {}/{}: every shard must be of the same run",
                                         f->path, f->shard.k, f->shard.n, files.front()->path, files.front()->shard.k,
                                         n));
        if (seen[f->shard.k])
            throw InputError(
                fmt::format("{} and {} are both shard {}/{}", seen[f->shard.k]->path, f->path, f->shard.k, n));
        seen[f->shard.k] = f.get();
    }
    std::string missing;
    for (unsigned k = 1; k <= n; ++k)
        if (!seen[k]) missing += fmt::format("{}{}/{}", missing.empty() ? "" : ", ", k, n);
    if (!missing.empty()) throw InputError(fmt::format("shards missing: {} (give every shard's file once)", missing));

    std::unique_ptr<AtomicWriter> file;
    if (!o.out.empty() && o.out != "-") file = std::make_unique<AtomicWriter>(o.out);
    for (auto& f : files) advance(*f);
    uint64_t next = 0;
    for (;;) {
        ShardFile* best = nullptr;
        for (auto& f : files)
            if (f->position && (!best || *f->position < *best->position)) best = f.get();
        if (!best) break;
        if (*best->position != next)
            bad(*best, fmt::format("expected the outcome at position {}, found {}: an outcome is missing or the "
                                   "shards come from different runs",
                                   next, *best->position));
        if (file)
            file->write(best->line);
        else
            std::fwrite(best->line.data(), 1, best->line.size(), stdout);
        ++next;
        advance(*best);
    }
    for (const auto& f : files)
        if (f->total != next)
            bad(*f, fmt::format("the run had {} outcomes but the shards hold {}: the shards come from different runs",
                                f->total, next));
    if (file) file->commit();
    return exit_ok;
}

}  // namespace

Command merge_command() {
    return {"merge",
            "Join the shard files of 'assay run --shard K/N --format jsonl' (or of its --record) into one "
            "run's output",
            [](CLI::App& sub) {
                auto o = std::make_shared<MergeOptions>();
                sub.add_option("shards", o->shards, "Every shard file of the run, in any order")
                    ->required()
                    ->check(CLI::ExistingFile);
                sub.add_option("-o,--out", o->out, "Write to this file (atomically) instead of stdout");
                sub.add_option("--sign", o->sign, "Sign the merged record with this private key (assay key generate)")
                    ->check(CLI::ExistingFile);
                sub.footer("Exit codes: 0 ok, 2 a shard is missing, repeated, incomplete or from another run.");
                return [o] { return merge(*o); };
            }};
}

}  // namespace assay::cli
