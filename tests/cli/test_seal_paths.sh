#!/usr/bin/env bash
# The seal depends on content only: the same pack and dataset files copied to
# other paths under other folder names seal alike, replay identical from
# there, and compare as the same inputs; a renamed file inside the dataset
# changes the seal.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

seal() { sed -n 's/^"sha256": "\([0-9a-f]*\)",$/\1/p' "$1"; }

mkdir -p "$TMP/one" "$TMP/two/deeper"
cp -r "$PACK" "$TMP/one/rules_here"
cp -r "$DATA" "$TMP/one/data_base"
cp -r "$PACK" "$TMP/two/deeper/pack"
cp -r "$DATA" "$TMP/two/deeper/lsp2007_copy"

expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --record "$TMP/orig.json"
(cd "$TMP/one" && "$ASSAY" run rules_here data_base --record "$TMP/one.json" >/dev/null) || fail "run in one failed"
(cd "$TMP/two" && "$ASSAY" run "$TMP/two/deeper/pack" deeper/lsp2007_copy/ --record "$TMP/two.json" >/dev/null) ||
    fail "run in two failed"
checks=$((checks + 1))
[ -n "$(seal "$TMP/orig.json")" ] || fail "no seal read from the record"
for f in one two; do
    checks=$((checks + 1))
    [ "$(seal "$TMP/$f.json")" = "$(seal "$TMP/orig.json")" ] ||
        fail "$f: seal $(seal "$TMP/$f.json") differs from $(seal "$TMP/orig.json")"
done
expect_in "$TMP/one.json" '"dataset_label": "data_base"'
expect_in "$TMP/two.json" '"dataset_label": "lsp2007_copy"'

# The record moved and renamed, and the source folders gone: it replays identical.
mkdir -p "$TMP/elsewhere/sub"
mv "$TMP/one.json" "$TMP/elsewhere/sub/renamed-record.json"
rm -rf "$TMP/one"
expect_exit 0 -- "$ASSAY" replay "$TMP/elsewhere/sub/renamed-record.json"
expect_in "$TMP/out" "identical"
expect_in "$TMP/out" "on data_base"
expect_exit 0 -- "$ASSAY" diff "$TMP/orig.json" "$TMP/two.json"
expect_in "$TMP/out" "no differences"

# A renamed file inside the dataset is a change of content.
cp -r "$DATA" "$TMP/more"
head -1 "$DATA/observations.csv" >"$TMP/more/observations_extra.csv"
expect_exit 0 -- "$ASSAY" run "$PACK" "$TMP/more" --record "$TMP/more1.json"
mv "$TMP/more/observations_extra.csv" "$TMP/more/observations_other.csv"
expect_exit 0 -- "$ASSAY" run "$PACK" "$TMP/more" --record "$TMP/more2.json"
checks=$((checks + 1))
[ "$(seal "$TMP/more1.json")" != "$(seal "$TMP/more2.json")" ] || fail "a renamed file inside kept the seal"
checks=$((checks + 1))
[ "$(seal "$TMP/more1.json")" != "$(seal "$TMP/orig.json")" ] || fail "an added file kept the seal"

finish
