#!/usr/bin/env bash
# assay run --watch: a report, then another after a file changes; an error
# is printed and watching goes on. Bounded with the hidden --watch-iterations.
. "$(dirname "$0")/lib.sh"
cp -r "$SRC/rules/lsp2007" "$TMP/pack"
cp -r "$SRC/datasets/lsp2007" "$TMP/data"

# wait_for FILE TEXT: up to 20 s for TEXT to appear in FILE.
wait_for() {
    for _ in $(seq 1 100); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
    return 1
}
# wait_exit PID: up to 20 s for the process to end; its exit code, or 124.
wait_exit() {
    for _ in $(seq 1 100); do
        if ! kill -0 "$1" 2>/dev/null; then wait "$1"; return $?; fi
        sleep 0.2
    done
    kill "$1" 2>/dev/null
    return 124
}

# Edit a rule after the first report: a second report follows with the change.
"$ASSAY" run "$TMP/pack" "$TMP/data" --watch --watch-iterations 2 >"$TMP/watch.out" 2>"$TMP/watch.err" &
pid=$!
checks=$((checks + 1)); wait_for "$TMP/watch.out" "Key to assessment" || fail "no first report"
sleep 0.3
sed -i 's/title = "LSP Performance Management 2007: Crime Theme Assessment"/title = "Edited while watching"/' "$TMP/pack/pack.lua"
wait_exit $pid; code=$?
checks=$((checks + 1)); [ "$code" -eq 0 ] || fail "watch exited $code; stderr: $(cat "$TMP/watch.err")"
checks=$((checks + 1)); [ "$(grep -c 'Key to assessment of performance' "$TMP/watch.out")" -eq 2 ] || fail "expected two reports"
expect_in "$TMP/watch.out" "LSP Performance Management 2007: Crime Theme Assessment"
expect_in "$TMP/watch.out" "Edited while watching"
expect_in "$TMP/watch.err" "watching"
expect_not_in "$TMP/watch.out" $'\033['   # not a terminal: no screen clearing

# A broken data file: the error is printed, watching goes on, and the fix is picked up.
ASSAY_WATCH_MAX=3 "$ASSAY" run "$TMP/pack" "$TMP/data" --watch >"$TMP/watch2.out" 2>"$TMP/watch2.err" &
pid=$!
checks=$((checks + 1)); wait_for "$TMP/watch2.out" "Key to assessment" || fail "no first report"
sleep 0.3
cp "$TMP/data/observations.csv" "$TMP/observations.good"
printf 'theft_of_vehicle,Redcar & Cleveland,2007/08,12x,,\n' >>"$TMP/data/observations.csv"
checks=$((checks + 1)); wait_for "$TMP/watch2.err" "12x" || fail "the error was not printed"
sleep 0.3
cp "$TMP/observations.good" "$TMP/data/observations.csv"
wait_exit $pid; code=$?
checks=$((checks + 1)); [ "$code" -eq 0 ] || fail "watch exited $code after the fix"
checks=$((checks + 1)); [ "$(grep -c 'Key to assessment of performance' "$TMP/watch2.out")" -eq 2 ] || fail "expected reports before and after the error"
expect_in "$TMP/watch2.err" "observations.csv:"

finish
