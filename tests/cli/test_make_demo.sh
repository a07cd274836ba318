#!/usr/bin/env bash
# `make demo` builds the assay binary alone (not the tests, fuzzers or
# benchmarks), then runs it; `make test` builds everything. Checked with
# `make -n`, which prints the commands without running them.
. "$(dirname "$0")/lib.sh"
command -v make >/dev/null || { echo "no make: skipped"; exit 77; }

# A configured build folder, so that make does not plan to run cmake first.
mkdir -p "$TMP/b" && touch "$TMP/b/CMakeCache.txt"

expect_exit 0 -- make -n -C "$SRC" BUILD="$TMP/b" demo
builds=$(grep -c 'cmake --build' "$TMP/out")
checks=$((checks + 1))
[ "$builds" -eq 1 ] || fail "make demo runs $builds builds, expected 1: $(cat "$TMP/out")"
expect_in "$TMP/out" "cmake --build $TMP/b -j"
expect_in "$TMP/out" "--target assay"
expect_in "$TMP/out" "assay run rules/lsp2007 datasets/lsp2007"
expect_not_in "$TMP/out" "--target assay "   # nothing after the one target

expect_exit 0 -- make -n -C "$SRC" BUILD="$TMP/b" test
expect_in "$TMP/out" "cmake --build $TMP/b -j"
expect_not_in "$TMP/out" "--target"
expect_in "$TMP/out" "ctest"
finish
