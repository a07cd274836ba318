#!/usr/bin/env bash
# Determinism of outputs: the same run gives byte-identical JSON (and every
# other format) in two processes, under a German and a French locale (decimal
# commas), and from two builds of assay: set ASSAY_OTHER to a second binary
# (.ci/run passes the ASan build, -O0, beside the Release build, -O2).
# The locales are compiled into a temporary folder with localedef when the
# system lacks them (Debian's 'locales' package has their sources); without
# it the locale checks are skipped with a message saying so.
. "$(dirname "$0")/lib.sh"

runs=("lsp2007 lsp2007" "lsp2007 lsp2007 --as-at 2005/06" "pcc2024q2 pcc2024q2")
formats=(json jsonl csv markdown terminal)

# outputs BINARY DIR [ENV...]: every run in every format into DIR.
outputs() {
    local bin=$1 dir=$2
    shift 2
    mkdir -p "$dir"
    local i=0 r f
    for r in "${runs[@]}"; do
        set -- $r
        local pack=$1 data=$2
        shift 2
        i=$((i + 1))
        for f in "${formats[@]}"; do
            env "${envs[@]}" "$bin" run "$SRC/rules/$pack" "$SRC/datasets/$data" "$@" --format "$f" \
                --out "$dir/$i.$f" 2>>"$dir/stderr" || fail "run $i ($r) --format $f failed under ${envs[*]}"
        done
    done
}

# same DIR_A DIR_B WHAT: the two sets of outputs are byte-identical.
same() {
    local f
    for f in "$1"/*.*; do
        checks=$((checks + 1))
        cmp -s "$f" "$2/$(basename "$f")" || fail "$3: $(basename "$f") differs: $(diff "$f" "$2/$(basename "$f")" | head -5)"
    done
}

envs=(LC_ALL=C)
outputs "$ASSAY" "$TMP/first"
outputs "$ASSAY" "$TMP/second"
same "$TMP/first" "$TMP/second" "two processes"
checks=$((checks + 1))
[ "$(ls "$TMP/first" | grep -c '\.')" -eq $((${#runs[@]} * ${#formats[@]})) ] || fail "not every output was written"
expect_in "$TMP/first/1.json" '"change_pct": -14.53125'  # a figure that has decimals to get wrong

# Locales with a decimal comma. Compiled here if the system does not have them.
locales=$TMP/locales
mkdir -p "$locales"
have_locale() {
    local name=$1
    if [ "$(env LC_ALL="$name" printf '%.1f' 1.5 2>/dev/null)" != "1,5" ]; then
        localedef -i "${name%%.*}" -f UTF-8 "$locales/$name" >/dev/null 2>&1 || return 1
    fi
    # The locale is really in force: printf(1) writes a decimal comma.
    [ "$(env LOCPATH="$locales" LC_ALL="$name" printf '%.1f' 1.5 2>/dev/null)" = "1,5" ]
}
if have_locale de_DE.UTF-8 && have_locale fr_FR.UTF-8; then
    envs=(LOCPATH="$locales" LC_ALL=de_DE.UTF-8)
    outputs "$ASSAY" "$TMP/german"
    same "$TMP/first" "$TMP/german" "LC_ALL=de_DE.UTF-8"
    envs=(-u LC_ALL LOCPATH="$locales" LANG=C LC_NUMERIC=fr_FR.UTF-8)
    outputs "$ASSAY" "$TMP/french"
    same "$TMP/first" "$TMP/french" "LC_NUMERIC=fr_FR.UTF-8"
else
    locale_skip="de_DE.UTF-8 and fr_FR.UTF-8 are not available and cannot be made with localedef (install Debian's 'locales' package): the locale checks did not run"
fi

# A second build (ASan, -O0) against this one (Release, -O2).
if [ -n "${ASSAY_OTHER:-}" ]; then
    envs=(LC_ALL=C)
    outputs "$ASSAY_OTHER" "$TMP/other"
    same "$TMP/first" "$TMP/other" "$ASSAY_OTHER against $ASSAY"
fi

finish || exit 1
# A visible skip (exit 77) of the locale checks alone; CI must run them.
if [ -n "${locale_skip:-}" ]; then
    [ -n "${CI:-}" ] && { echo "FAIL: $locale_skip (CI installs 'locales')"; exit 1; }
    echo "SKIPPED: $locale_skip"
    exit 77
fi
