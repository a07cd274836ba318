#!/usr/bin/env bash
# assay run --record: a sealed record that holds the outcome and every input,
# written atomically, identical across runs but for the time written, and
# checkable by hand (its sealed part is line 2, in canonical form).
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --record "$TMP/a.json"
expect_in "$TMP/out" "AMBER GREEN"   # the report is still printed
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format json --out "$TMP/out.json" --record "$TMP/b.json"
checks=$((checks + 1)); ls -a "$TMP" | grep -q '\.tmp$' && fail "temporary file left behind"

# The seal is the SHA-256 of line 2 without its key and comma, and excludes the time written.
for f in a b; do
    sealed_hash=$(sed -n 2p "$TMP/$f.json" | sed 's/^"sealed": //; s/,$//' | tr -d '\n' | sha256sum | cut -c1-64)
    expect_in "$TMP/$f.json" "\"sha256\": \"$sealed_hash\""
done
expect_in "$TMP/a.json" '"written_at": "'
checks=$((checks + 1))
[ "$(sed -n 2,3p "$TMP/a.json")" = "$(sed -n 2,3p "$TMP/b.json")" ] || fail "two records of the same run differ"

# Everything is inside: each input file whole, the engine and Lua versions, the outcome.
for text in '"engine":{"assay":"' '"lua":"Lua 5.4' '"name":"observations.csv"' '"name":"pack.lua"' \
            '"layout":"folder"' '"options":{"as_at":""' 'theft_of_vehicle,Redcar & Cleveland,2006/07,547'; do
    expect_in "$TMP/a.json" "$text"
done
checks=$((checks + 1)); grep -qF "$SRC" "$TMP/a.json" && fail "the record holds a machine path"

# The outcome inside is byte for byte what --format json prints for the same
# files in a folder called "dataset": the seal depends on no folder's name.
mkdir -p "$TMP/named" && cp -r "$DATA" "$TMP/named/dataset"
"$ASSAY" run "$PACK" "$TMP/named/dataset" --format json --out "$TMP/out-named.json"
perl -ne 'if (/"outcome":\{"as_at":"[^"]*","sha256":"([0-9a-f]{64})"/) { print "$1\n" }' "$TMP/b.json" >"$TMP/osha"
checks=$((checks + 1))
[ "$(cat "$TMP/osha")" = "$(sha256sum <"$TMP/out-named.json" | cut -c1-64)" ] || fail "recorded outcome differs from --format json"
expect_in "$TMP/b.json" '"dataset_label": "lsp2007"'

# Large-run format with a record: the record still holds every outcome.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --format jsonl --record "$TMP/c.json"
expect_in "$TMP/out" '"indicator":"theft_of_vehicle"'
expect_in "$TMP/c.json" '\"indicator\": \"bcs_comparator\"'

# A single-file dataset records its one file, and replays from it.
cp "$DATA/observations.csv" "$TMP/figures.csv"
expect_exit 0 -- "$ASSAY" run "$PACK" "$TMP/figures.csv" --record "$TMP/file.json"
expect_in "$TMP/file.json" '"layout":"file"'
expect_in "$TMP/file.json" '"name":"figures.csv"'
expect_exit 0 -- "$ASSAY" replay "$TMP/file.json"
expect_in "$TMP/out" "identical"

# A record that cannot be written is an error (exit 2) and leaves nothing.
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --record "$TMP/no-such-dir/r.json"
checks=$((checks + 1)); [ -e "$TMP/no-such-dir/r.json" ] && fail "half-written record exists"

# Plain runs leave nothing behind.
(cd "$TMP" && "$ASSAY" run "$PACK" "$DATA" >/dev/null)
checks=$((checks + 1)); [ -e "$TMP/.assay" ] && fail "a plain run created a history"

finish
