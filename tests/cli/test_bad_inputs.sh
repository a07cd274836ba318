#!/usr/bin/env bash
# The bad-input corpus (tests/bad/<case>/): malformed datasets and hostile or
# broken rule packs. Each case overlays its files on the LSP 2007 pack and
# dataset (rules/lsp2007, datasets/lsp2007) and runs `assay run ... --format
# json --out FILE`. Its `expect` file says what must happen:
#   # what the case is            (first line)
#   exit N                        the exit code (0 ok, 1 a rule failed, 2 bad input)
#   stderr TEXT                   stderr holds TEXT (fixed string); one line each
#   output TEXT                   the JSON output holds TEXT
#   same_outcomes                 the output is the bundled run's, but for the files' digests
#   remove data/FILE | pack/FILE  a base file the case deletes
#   generate NAME                 a large input made here, never committed
#   sed FILE EXPRESSION           a base file the case edits (sed -e EXPRESSION)
# Whatever the case, assay must not crash or hang, and on exit 2 must leave
# no output file (nor half of one); on exit 1 the output is complete and the
# other indicators are still assessed.
# BAD_SHOW=1 prints each case's exit code and stderr (for writing `expect`).
. "$(dirname "$0")/lib.sh"
BAD=$SRC/tests/bad
LIMIT=${BAD_TIMEOUT:-120}  # seconds before a case counts as a hang

# generate NAME DIR: makes an input in the case's folder DIR, too large to
# commit or derived from the bundled data.
generate() {
    local obs=$2/data/observations.csv
    case $1 in
    huge_line)  # observations.csv whose second line is 100 MB long, with no line end
        { printf 'indicator,area,period,value,note,published_arrow\ntheft_of_vehicle,'
          head -c 100000000 /dev/zero | tr '\0' 'x'; } >"$obs" ;;
    huge_value)  # a row whose value is 100 MB long
        { printf 'indicator,area,period,value,note,published_arrow\ntheft_of_vehicle,A,2006/07,'
          head -c 100000000 /dev/zero | tr '\0' '9'; printf 'x,,\n'; } >"$obs" ;;
    huge_header)  # 100 MB with no line end: the header is one enormous column name
        head -c 100000000 /dev/zero | tr '\0' 'x' >"$obs" ;;
    nul_no_line_end)  # 50 MB of NUL bytes, no line end
        head -c 50000000 /dev/zero >"$obs" ;;
    cr_only)  # the bundled observations with old Mac line ends (CR only)
        tr '\n' '\r' <"$SRC/datasets/lsp2007/observations.csv" >"$obs" ;;
    bom)  # the bundled observations with a byte order mark
        { printf '\357\273\277'; cat "$SRC/datasets/lsp2007/observations.csv"; } >"$obs" ;;
    crlf)  # the bundled observations with Windows line ends
        sed 's/$/\r/' "$SRC/datasets/lsp2007/observations.csv" >"$obs" ;;
    reversed)  # the bundled observations, rows last first
        { head -n 1 "$SRC/datasets/lsp2007/observations.csv"
          tail -n +2 "$SRC/datasets/lsp2007/observations.csv" | tac; } >"$obs" ;;
    utf16)  # the bundled observations saved as UTF-16 with a byte order mark
        { printf '\377\376'; sed 's/./&\n/g' "$SRC/datasets/lsp2007/observations.csv" | head -c 4000 |
          tr -d '\n' | sed 's/./&\x00/g'; } >"$obs" ;;
    *) fail "unknown generator '$1'" ;;
    esac
}

# A record without what names or pins the input files: what --out holds of the assessment.
assessment_of() { grep -av -e '"sha256"' -e '"bytes"' -e '"name": "data"' -e '"name": "lsp2007"' "$1"; }
"$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format json --out "$TMP/bundled.json" ||
    fail "the bundled run failed"
assessment_of "$TMP/bundled.json" >"$TMP/bundled.assessment"

cases=0
for dir in "$BAD"/*/; do
    name=$(basename "$dir")
    [ -f "$dir/expect" ] || continue
    cases=$((cases + 1))
    work=$TMP/$name
    mkdir -p "$work/pack" "$work/data" "$work/out"
    cp -R "$SRC/rules/lsp2007/." "$work/pack/"
    cp -R "$SRC/datasets/lsp2007/." "$work/data/"
    [ -d "$dir/pack" ] && cp -R "$dir/pack/." "$work/pack/"
    [ -d "$dir/data" ] && cp -R "$dir/data/." "$work/data/"

    want=""
    stderr_texts=()
    output_texts=()
    same=""
    while IFS= read -r line; do
        case $line in
        "#"*|"") ;;
        "exit "*) want=${line#exit } ;;
        "stderr "*) stderr_texts+=("${line#stderr }") ;;
        "output "*) output_texts+=("${line#output }") ;;
        same_outcomes) same=1 ;;
        "remove "*) rm -f "$work/${line#remove }" ;;
        "generate "*) generate "${line#generate }" "$work" ;;
        "sed "*) file=${line#sed }; file=${file%% *}; sed -i -e "${line#sed $file }" "$work/$file" ;;
        *) fail "$name: unknown line in expect: $line" ;;
        esac
    done <"$dir/expect"
    [ -n "$want" ] || { fail "$name: expect has no exit line"; continue; }

    out=$work/out/report.json
    checks=$((checks + 1))
    timeout "$LIMIT" "$ASSAY" run "$work/pack" "$work/data" --format json --out "$out" \
        >"$work/stdout" 2>"$work/stderr"
    got=$?
    if [ -n "${BAD_SHOW:-}" ]; then
        echo "== $name: exit $got"
        head -c 1000 "$work/stderr"
    fi
    if [ "$got" -eq 124 ]; then fail "$name: hung (no end within ${LIMIT}s)"; continue; fi
    if [ "$got" -ge 128 ]; then fail "$name: crashed (exit $got): $(head -c 600 "$work/stderr")"; continue; fi
    [ "$got" -eq "$want" ] || fail "$name: exit $got, expected $want; stderr: $(head -c 600 "$work/stderr")"

    for text in "${stderr_texts[@]}"; do
        checks=$((checks + 1))
        grep -qF -- "$text" "$work/stderr" || fail "$name: stderr lacks '$text'; it has: $(head -c 600 "$work/stderr")"
    done
    checks=$((checks + 1))
    [ "$(stat -c %s "$work/stderr")" -lt 20000 ] || fail "$name: stderr is $(stat -c %s "$work/stderr") bytes long"
    checks=$((checks + 1))
    ls "$work/out" | grep -q '\.tmp' && fail "$name: a temporary file was left behind"
    if [ "$got" -eq 2 ]; then
        checks=$((checks + 1))
        [ -e "$out" ] && fail "$name: bad input, yet an output file was written"
        checks=$((checks + 1))
        grep -q '^assay: error: ' "$work/stderr" || fail "$name: no 'assay: error:' line"
    else
        checks=$((checks + 1))
        [ -s "$out" ] && [ "$(tail -c 2 "$out")" = "}" ] || fail "$name: the output is missing or incomplete"
        expect_in "$out" '"themes"'
    fi
    if [ "$got" -eq 1 ]; then
        # One indicator's rule failed; the others were still assessed.
        expect_in "$out" '"indicator": "criminal_damage"'
        expect_in "$out" '"rating": "GREEN"'
    fi
    for text in "${output_texts[@]}"; do
        [ -f "$out" ] && expect_in "$out" "$text"
    done
    if [ -n "$same" ]; then
        checks=$((checks + 1))
        [ -f "$out" ] && assessment_of "$out" | cmp -s - "$TMP/bundled.assessment" ||
            fail "$name: the assessment differs from the bundled run's"
    fi
    rm -rf "$work"
done

checks=$((checks + 1))
[ "$cases" -ge 40 ] || fail "only $cases cases in tests/bad (at least 40 expected)"
echo "$cases cases"
finish
