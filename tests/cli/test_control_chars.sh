#!/usr/bin/env bash
# Control characters in pack titles, test names, file names and options
# (ESC, CR, BS, NUL, BEL, a bidi override) are shown as <U+001B> on every
# output meant for people -- the report, the key, explain, check, test and
# error messages -- never sent to the terminal; --color keeps only the
# report's own colour sequences; a huge --as-at is not echoed whole.
. "$(dirname "$0")/lib.sh"
cp -r "$SRC/rules/lsp2007" "$TMP/pack"
cp -r "$SRC/datasets/lsp2007" "$TMP/data"
rm "$TMP/pack/tests/theme.lua"  # its whole-dataset tests read the bundled data from outside the copied pack
sed -i 's/title = "LSP Performance Management 2007: Crime Theme Assessment"/title = "LSP\\27[2J\\27[H\\rFORGED\\8\\8\\0\\u{202E}x"/' "$TMP/pack/pack.lua"
sed -i 's/title = "Progress against PSA1 Targets"/title = "PSA1\\27]0;pwned\\7\\rFORGED"/' "$TMP/pack/psa1.lua"
sed -i 's/{ "falls 14.5%: improved/{ "falls\\27[1A\\27[2K ok   forged: improved/' "$TMP/pack/tests/psa1.lua"
sed -i 's/value = 547, change = -93/value = 548, change = -93/' "$TMP/pack/tests/psa1.lua"  # make that case fail
grep -q '\\27\[2J' "$TMP/pack/pack.lua" || { fail "the hostile title was not written"; finish; exit 1; }

# raw FILE: FILE holds a control character a terminal acts on (ESC, CR, BS, NUL, BEL, DEL, U+202E).
raw() { LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80\xae' "$1"; }
expect_shown() {  # FILE WHAT
    checks=$((checks + 1))
    ! raw "$1" || fail "$2 sends control characters: $(LC_ALL=C grep -naP '[\x00-\x08\x0b-\x1f\x7f]' "$1" | head -2 | od -c | head -5)"
}

expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data"
expect_shown "$TMP/out" "the terminal report"
expect_in "$TMP/out" "LSP<U+001B>[2J<U+001B>[H<U+000D>FORGED<U+0008><U+0008><U+0000><U+202E>x"
expect_in "$TMP/out" "PSA1<U+001B>]0;pwned<U+0007><U+000D>FORGED"

# With colour: every ESC begins one of the report's colour sequences (ESC [ digits m).
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --color always
checks=$((checks + 1))
LC_ALL=C grep -qa $'\x1b\\[3' "$TMP/out" || fail "no colour with --color always"
checks=$((checks + 1))
! LC_ALL=C grep -qaP '\x1b(?!\[[0-9;]*m)' "$TMP/out" || fail "an escape sequence other than a colour was sent"
expect_in "$TMP/out" "LSP<U+001B>[2J"

expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format markdown
expect_shown "$TMP/out" "the Markdown report"

expect_exit 0 -- "$ASSAY" key "$TMP/pack"
expect_shown "$TMP/out" "the key"
expect_in "$TMP/out" "<U+001B>"

expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" theft_of_vehicle
expect_shown "$TMP/out" "explain"
expect_in "$TMP/out" "PSA1<U+001B>]0;pwned<U+0007><U+000D>FORGED"

"$ASSAY" check "$TMP/pack" >"$TMP/out" 2>"$TMP/err"
expect_shown "$TMP/out" "check"
expect_shown "$TMP/err" "check's errors"

expect_exit 1 -- "$ASSAY" test "$TMP/pack"
expect_shown "$TMP/out" "test"
expect_in "$TMP/out" "FAIL "
expect_in "$TMP/out" "falls<U+001B>[1A<U+001B>[2K ok   forged"

# File names in error messages.
bad="$TMP/data"$'\x1b[2J\r'
cp -r "$TMP/data" "$bad"
printf 'indicator,area,period,value\nrobbery,X,2006/07,"unclosed\n' >"$bad/observations.csv"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$bad"
expect_shown "$TMP/err" "an error naming a dataset file"
expect_in "$TMP/err" "data<U+001B>[2J<U+000D>"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/none"$'\x1b[2J'
expect_shown "$TMP/err" "a usage error"
expect_in "$TMP/err" "none<U+001B>[2J"

# A 105 KB --as-at full of escapes: a short message, nothing raw.
huge=$(head -c 35000 /dev/zero | sed 's/\x0/x\x1b[/g')
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --as-at "$huge"
expect_shown "$TMP/err" "the as-at error"
expect_in "$TMP/err" "bytes in all"
checks=$((checks + 1))
[ "$(wc -c <"$TMP/err")" -lt 2000 ] || fail "the as-at error is $(wc -c <"$TMP/err") bytes"
finish
