# Shared helpers for the black-box tests of the assay binary.
# Each test script sources this; ASSAY and SRC come from CTest.
set -u
: "${ASSAY:?ASSAY must point at the built assay binary}"
: "${SRC:?SRC must point at the source tree}"
export NO_COLOR=1 LC_ALL=C
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE -- command...: runs the command, keeps stdout/stderr in
# $TMP/out and $TMP/err, and checks the exit code.
expect_exit() {
    local want=$1; shift; [ "$1" = "--" ] && shift
    checks=$((checks + 1))
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want; stderr: $(head -c 600 "$TMP/err")"
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string).
expect_in() {
    checks=$((checks + 1))
    grep -qF -- "$2" "$1" || fail "$(basename "$1") lacks '$2'; it has: $(head -c 800 "$1")"
}

# expect_not_in FILE TEXT
expect_not_in() {
    checks=$((checks + 1))
    ! grep -qF -- "$2" "$1" || fail "$(basename "$1") unexpectedly has '$2'"
}

finish() {
    echo "$checks checks, $failures failed"
    [ "$failures" -eq 0 ]
}
