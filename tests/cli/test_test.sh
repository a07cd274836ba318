#!/usr/bin/env bash
# assay test: the bundled pack's tests pass; a failing case exits 1 and shows
# file:line, expected against actual and the trace; --run selects; tests that
# cannot load exit 2.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007

# The bundled pack's dataset tests read ../../../datasets: outside the pack,
# so only when the user grants that folder.
expect_exit 2 -- "$ASSAY" test "$PACK"
expect_in "$TMP/err" "lies outside the pack's folder"
expect_exit 0 -- "$ASSAY" test "$PACK" --allow-data "$SRC/datasets"
expect_in "$TMP/out" " passed, 0 failed"
checks=$((checks + 1)); tail -n 1 "$TMP/out" | grep -Eq '^[0-9]+ passed, 0 failed$' || fail "last line is not the summary"
expect_exit 0 -- "$ASSAY" test "$PACK" --allow-data "$SRC/datasets" --run "band's edge" -v
expect_in "$TMP/out" "2 passed, 0 failed"
expect_in "$TMP/out" "ok   $PACK/tests/psa1.lua:14: PSA1 arrows: rises exactly 1.5%: the band's edge is static"
expect_exit 0 -- "$ASSAY" test "$PACK" --allow-data "$SRC/datasets" --run "nothing has this name"
expect_in "$TMP/out" "0 passed, 0 failed"

# A copy of the pack with one wrong expectation and one wrong count.
cp -r "$PACK" "$TMP/pack"
rm "$TMP/pack/tests/theme.lua"   # its data path is relative to the bundled pack
cat >"$TMP/pack/tests/wrong.lua" <<'LUA'
cases "Wrong" {
  group = "psa1",
  { "right",
    series = { ["2005/06"] = 640, ["2006/07"] = 547 },
    expect = { arrow = "improved" } },
  { "robbery is not improved",
    series = { ["2003/04"] = 77, ["2005/06"] = 75, ["2006/07"] = 76 },
    expect = { arrow = "improved", rating = "RED", change = 2 } },
}

test "wrong count" {
  data = "lsp2007",
  expect = { themes = { crime = "GREEN" }, checks = 1 },
}
LUA
cp -r "$SRC/datasets/lsp2007" "$TMP/pack/tests/lsp2007"
expect_exit 1 -- "$ASSAY" test "$TMP/pack"
expect_in "$TMP/out" "FAIL $TMP/pack/tests/wrong.lua:6: Wrong: robbery is not improved"
expect_in "$TMP/out" "  arrow: expected improved, got static"
expect_in "$TMP/out" "  change: expected 2, got 1"
expect_not_in "$TMP/out" "rating: expected"
expect_in "$TMP/out" "within the static band of 1.5% -> static (arrow.last_two, arrows.lua:10)"
expect_in "$TMP/out" "FAIL $TMP/pack/tests/wrong.lua:11: wrong count"
expect_in "$TMP/out" "  themes.crime: expected GREEN, got AMBER GREEN"
expect_in "$TMP/out" " passed, 2 failed"
checks=$((checks + 1)); tail -n 1 "$TMP/out" | grep -Eq '^[0-9]+ passed, 2 failed$' || fail "last line is not the summary"
expect_exit 0 -- "$ASSAY" test "$TMP/pack" --run "right"
expect_in "$TMP/out" "1 passed, 0 failed"

# Tests that cannot load: exit 2 with file:line and a suggestion.
printf 'cases "typo" {\n  group = "psa2",\n  { "x", series = {}, expect = { arrow = "none" } },\n}\n' >"$TMP/pack/tests/wrong.lua"
expect_exit 2 -- "$ASSAY" test "$TMP/pack"
expect_in "$TMP/err" "$TMP/pack/tests/wrong.lua:1: cases 'typo': group 'psa2' is not in pack 'lsp2007' (did you mean 'psa1'?)"
printf 'cases "x" {\n' >"$TMP/pack/tests/wrong.lua"
expect_exit 2 -- "$ASSAY" test "$TMP/pack"
expect_in "$TMP/err" "$TMP/pack/tests/wrong.lua:"

# A pack's tests read nothing outside the pack: not /etc/passwd, not a climb
# out of it, not a sibling dataset, not through a symbolic link; and nothing
# of such a file is ever printed.
rm "$TMP/pack/tests/wrong.lua"
for data in /etc/passwd ../../../../../../../../../../etc/passwd ../../../../datasets/lsp2007 passwd_link; do
    printf 'test "x" {\n  data = "%s",\n  expect = { checks = 0 },\n}\n' "$data" >"$TMP/pack/tests/wrong.lua"
    ln -sf /etc/passwd "$TMP/pack/tests/passwd_link"
    expect_exit 2 -- "$ASSAY" test "$TMP/pack"
    expect_in "$TMP/err" "$TMP/pack/tests/wrong.lua:1: test 'x': data = \"$data\""
    expect_not_in "$TMP/err" "root:"
    expect_not_in "$TMP/out" "root:"
done
expect_exit 2 -- "$ASSAY" test "$TMP/pack" --allow-data "$SRC/datasets"
expect_in "$TMP/err" "lies outside the pack's folder"  # the link, still
rm "$TMP/pack/tests/wrong.lua" "$TMP/pack/tests/passwd_link"

expect_exit 2 -- "$ASSAY" test
expect_exit 0 -- "$ASSAY" test --help
expect_in "$TMP/out" "Exit codes"

finish
