// Fuzz target: run records and JSON outcome records (the files `assay
// replay` and `assay diff` read). parse_record gives a verified record or an
// InputError, never a crash; the input is also taken as a record's sealed
// part and sealed here, so that the checks behind the seal get fuzzed too;
// a record that parses prints back to text that parses again; an outcome
// record compared with itself shows no differences. A shard's part of a
// record (run --shard K/N --record) parses or is refused, prints back to
// itself, and a one-shard run merges into a valid record or is refused.
#include "fuzz_support.hpp"

#include "audit/json_text.hpp"
#include "audit/record_json.hpp"

#include <assay/error.hpp>
#include <assay/hash.hpp>
#include <assay/record.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

using namespace assay;
using assay::fuzz::check;

namespace {

// A record that parsed prints back to text that parses to the same seal.
void check_round_trip(const RunRecord& r) {
    const std::string text = record_text(r);
    RunRecord again = parse_record(text, "round trip");
    check(again.sha256 == r.sha256 && again.outcome == r.outcome, "a record prints back to the same record");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = fuzz::text_of(data, size);
    try {
        check_round_trip(parse_record(text, "fuzz.record"));
    } catch (const InputError&) {
    }

    try {
        RecordShard shard = parse_record_shard(text, "fuzz.shard");
        check(record_shard_text(shard) == text, "a shard's part of a record prints back to itself");
        if (shard.n == 1) check_round_trip(merge_record_shards({shard}));
    } catch (const InputError&) {
    }

    // The input as the sealed part, sealed with its own hash.
    try {
        nlohmann::json sealed = audit::parse_json(text, "fuzz.sealed");
        if (sealed.is_object()) {
            RunRecord r = audit::record_from_sealed(sealed, "fuzz.sealed");
            try {
                check_round_trip(parse_record(record_text(r), "fuzz.sealed"));
            } catch (const InputError&) {
            }
        }
    } catch (const InputError&) {
    }

    try {
        std::vector<Difference> self = compare_outcomes(text, text);
        check(self.empty(), "an outcome record does not differ from itself", format_differences(self));
    } catch (const InputError&) {
    }
    return 0;
}
