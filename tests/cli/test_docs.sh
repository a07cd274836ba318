#!/usr/bin/env bash
# The examples in docs/rules.md still work: every ```lua block whose first
# line is a marker
#     -- example: NAME            (the block is NAME/pack.lua)
#     -- example: NAME/FILE.lua   (another file of pack NAME, e.g. NAME/tests/x.lua)
# is written into a pack folder NAME; blocks naming the same pack make one
# pack. Each pack gets the example data that `assay init` writes, in
# NAME/data, then must pass `assay check NAME --data NAME/data`, assess
# with `assay run`, and pass its own tests when it has a tests/ folder.
# Blocks without a marker are fragments and are not tested.
. "$(dirname "$0")/lib.sh"
DOC=$SRC/docs/rules.md
EX=$TMP/examples
mkdir -p "$EX"

# Extract the marked blocks: awk writes each to EX/<path> and lists the packs.
awk -v root="$EX" '
    /^```lua[[:space:]]*$/ { inblock = 1; first = 1; out = ""; next }
    inblock && /^```[[:space:]]*$/ { inblock = 0; if (out != "") close(out); out = ""; next }
    inblock && first {
        first = 0
        if (match($0, /^-- example: [A-Za-z0-9_.\/-]+[[:space:]]*$/)) {
            path = $0; sub(/^-- example: /, "", path); sub(/[[:space:]]+$/, "", path)
            if (path ~ /\.\./) { print "bad example path: " path > "/dev/stderr"; exit 3 }
            pack = path; sub(/\/.*/, "", pack)
            if (path !~ /\//) path = path "/pack.lua"
            file = root "/" path
            dir = file; sub(/\/[^\/]*$/, "", dir)
            system("mkdir -p \"" dir "\"")
            if (file in seen) { print "example file given twice: " path > "/dev/stderr"; exit 3 }
            seen[file] = 1
            out = file
            if (!(pack in packs)) { packs[pack] = 1; print pack }
        }
    }
    inblock && out != "" { print > out }
' "$DOC" >"$TMP/packs"
status=$?
checks=$((checks + 1))
[ "$status" -eq 0 ] || fail "could not extract the examples from $DOC"

# A marker with a typo would silently test nothing: there must be examples.
checks=$((checks + 1))
[ -s "$TMP/packs" ] || fail "no '-- example: NAME' blocks found in $DOC"

# The example data, as `assay init` writes it.
expect_exit 0 -- "$ASSAY" init example_data --dir "$TMP/init"

while read -r pack; do
    dir=$EX/$pack
    checks=$((checks + 1))
    if [ ! -f "$dir/pack.lua" ]; then
        fail "example pack '$pack' has files but no '-- example: $pack' block (its pack.lua)"
        continue
    fi
    cp -r "$TMP/init/data" "$dir/data"
    expect_exit 0 -- "$ASSAY" check "$dir" --data "$dir/data"
    expect_in "$TMP/out" "0 errors, 0 warnings"
    expect_exit 0 -- "$ASSAY" run "$dir" "$dir/data"
    if [ -d "$dir/tests" ]; then
        expect_exit 0 -- "$ASSAY" test "$dir"
        expect_in "$TMP/out" " passed, 0 failed"
    fi
done <"$TMP/packs"

# The tutorial's pack is among them, with its tests.
expect_in "$TMP/packs" "burglary_review"
checks=$((checks + 1))
[ -f "$EX/burglary_review/tests/burglary_review.lua" ] || fail "the tutorial's tests were not extracted"

finish
