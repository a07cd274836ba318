#!/usr/bin/env bash
# Audits as evidence: assay audit --record/--history/--sign writes a sealed
# (signed) audit record and appends it to the history; history list and
# show display it; replay and history verify --replay re-run it and say
# identical or name the finding that differs; an old history is migrated.
. "$(dirname "$0")/lib.sh"
D=$SRC/datasets
H=$TMP/h.sqlite

# hotspots2024 with the published patrol hours total made wrong: one error.
cp -r "$D/hotspots2024" "$TMP/hotspots"
sed -i 's/1060:26:00/1060:27:00/' "$TMP/hotspots/published_totals.csv"
expect_exit 0 -- "$ASSAY" key generate --out "$TMP/k"
expect_exit 0 -- "$ASSAY" key generate --out "$TMP/other"

# --sign needs somewhere to put the signature.
expect_exit 2 -- "$ASSAY" audit "$TMP/hotspots" --sign "$TMP/k"
expect_in "$TMP/err" "--sign signs an audit record or the history"

# The audit's findings still decide the exit code; the record is written either way.
expect_exit 1 -- "$ASSAY" audit "$TMP/hotspots" --record "$TMP/audit.json" --sign "$TMP/k" --history "$H"
expect_in "$TMP/out" "total published 1060:27:00, computed 1060:26:00"
expect_in "$TMP/audit.json" '"kind":"audit"'
expect_in "$TMP/audit.json" 'published_totals.csv'
# lsp2007 has the source's own errors (tests/cli/test_audit.sh): exit 1, kept all the same.
expect_exit 1 -- "$ASSAY" audit "$D/lsp2007" --rules "$SRC/rules/lsp2007" --format json --history "$H" --out "$TMP/lsp.json"
expect_in "$TMP/lsp.json" '"assay_audit"'
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$D/lsp2007" --history "$H"

# The record replays identical from another folder, and trusted.
mkdir -p "$TMP/elsewhere"
mv "$TMP/audit.json" "$TMP/elsewhere/moved.json"
rm -rf "$TMP/hotspots"
expect_exit 0 -- "$ASSAY" replay "$TMP/elsewhere/moved.json" --trust "$TMP/k.pub"
expect_in "$TMP/out" "audit of hotspots without rules"
expect_in "$TMP/out" "signed by ed25519:"
expect_in "$TMP/out" "identical"
expect_exit 2 -- "$ASSAY" replay "$TMP/elsewhere/moved.json" --trust "$TMP/other.pub"
expect_in "$TMP/err" "not by a trusted key"

# Against today's published totals (corrected), the replay names the finding that went away.
expect_exit 1 -- "$ASSAY" replay "$TMP/elsewhere/moved.json" --with-data "$D/hotspots2024"
expect_in "$TMP/out" "finding published_totals.csv:2 total patrol_hours, Totals, Aug 2023 - Jun 2024"
expect_in "$TMP/out" "only in the recorded audit: wrong figure: published 1060:27:00, computed 1060:26:00"
expect_in "$TMP/out" "errors: 1 -> 0"

# An edited record (not re-sealed) is refused naming the embedded file.
sed 's/1060:27:00,Billingham/1060:29:00,Billingham/' "$TMP/elsewhere/moved.json" >"$TMP/edited.json"
expect_exit 2 -- "$ASSAY" replay "$TMP/edited.json"
expect_in "$TMP/err" "published_totals.csv"

# diff compares runs, not audits.
expect_exit 2 -- "$ASSAY" diff "$TMP/elsewhere/moved.json" "$TMP/elsewhere/moved.json"
expect_in "$TMP/err" "an audit record, not a run's"

# history list and show.
expect_exit 0 -- "$ASSAY" history --history "$H"
expect_in "$TMP/out" "1 run, 2 audits"
expect_in "$TMP/out" "audit of hotspots ("
expect_in "$TMP/out" "without rules  [checked "
expect_in "$TMP/out" "errors 1, roundings 0]"
expect_in "$TMP/out" "audit of lsp2007 ("
expect_in "$TMP/out" "with lsp2007 1.0.0 ("
expect_exit 0 -- "$ASSAY" history show 1 --history "$H" --record "$TMP/from-history.json"
expect_in "$TMP/out" "audit 1"
expect_in "$TMP/out" "rules           none"
expect_in "$TMP/out" "record signed   by ed25519:"
expect_exit 0 -- "$ASSAY" replay "$TMP/from-history.json"
expect_in "$TMP/out" "identical"
expect_exit 0 -- "$ASSAY" history show 3 --history "$H"
expect_in "$TMP/out" "run 3"

# verify --replay re-runs audits and runs alike.
expect_exit 0 -- "$ASSAY" history verify --history "$H" --replay
expect_in "$TMP/out" "3 runs, chain intact"
expect_in "$TMP/out" "replayed: 3 records"
# The head signed with the first audit is still a signed row; later rows are not vouched for.
expect_exit 1 -- "$ASSAY" history verify --history "$H" --trust "$TMP/k.pub"
expect_in "$TMP/out" "rows 2 to 3 were appended after the last head a trusted key signed (row 1)"

# A history written before audits were kept (schema 2: no kind column) is migrated in place.
if command -v sqlite3 >/dev/null; then
    O=$TMP/old.sqlite
    expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$D/lsp2007" --history "$O"
    sqlite3 "$O" "ALTER TABLE runs DROP COLUMN kind; PRAGMA user_version = 2;" || fail "cannot make an old history"
    checks=$((checks + 1)); [ "$(sqlite3 "$O" 'PRAGMA user_version')" = 2 ] || fail "old history not at schema 2"
    expect_exit 0 -- "$ASSAY" audit "$D/budget2017" --history "$O"
    checks=$((checks + 1)); [ "$(sqlite3 "$O" 'PRAGMA user_version')" = 3 ] || fail "history not migrated to schema 3"
    checks=$((checks + 1)); [ "$(sqlite3 "$O" 'SELECT group_concat(kind) FROM runs ORDER BY id')" = "run,audit" ] ||
        fail "kinds after migration: $(sqlite3 "$O" 'SELECT group_concat(kind) FROM runs')"
    expect_exit 0 -- "$ASSAY" history verify --history "$O" --replay
    expect_in "$TMP/out" "2 runs, chain intact"
fi

finish
