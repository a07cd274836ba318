# Shared set-up of the browser tests: finds Debian's Chromium and node, and
# installs playwright-core and axe-core (package-lock.json) from npm into
# the build folder, once, under a lock. Without Chromium (or node, or npm's
# registry) a test exits 77, which CTest reports as skipped, never as
# passed; under CI (CI set) that is a failure instead, since .ci/run
# installs Chromium. ASSAY, SRC and BUILD come from CTest.
set -u
: "${ASSAY:?ASSAY must point at the built assay binary}"
: "${SRC:?SRC must point at the source tree}"
: "${BUILD:?BUILD must point at the build folder}"
export NO_COLOR=1 LC_ALL=C
HERE="$SRC/tests/browser"
ARTEFACTS="$BUILD/test-artefacts"
mkdir -p "$ARTEFACTS"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# skip REASON: skipped here, failed under CI.
skip() {
    if [ -n "${CI:-}" ]; then
        echo "FAIL: $1 (CI must run the browser tests: .ci/run installs chromium)" >&2
        exit 1
    fi
    echo "SKIPPED: $1"
    exit 77
}

# The Chromium binary itself (Debian's /usr/bin/chromium is a shell wrapper).
CHROMIUM=""
for c in "${CHROMIUM_BIN:-}" /usr/lib/chromium/chromium /usr/bin/chromium; do
    if [ -n "$c" ] && [ -x "$c" ]; then CHROMIUM=$c; break; fi
done
[ -n "$CHROMIUM" ] || skip "Chromium is not installed (apt-get install chromium)"
export CHROMIUM

# Flags for a quiet, offline, throwaway browser; each run gets a new profile.
chromium_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
                --disable-background-networking --disable-component-update --disable-sync
                --user-data-dir="$TMP/profile")

# need_node: node 20+ and the npm packages, or skip.
need_node() {
    command -v node >/dev/null && command -v npm >/dev/null || skip "node and npm are not installed"
    local deps="$BUILD/browser-deps"
    mkdir -p "$deps"
    (
        flock 9
        if ! cmp -s "$HERE/package-lock.json" "$deps/package-lock.json" || [ ! -d "$deps/node_modules/playwright-core" ]; then
            cp "$HERE/package.json" "$HERE/package-lock.json" "$deps/"
            (cd "$deps" && npm ci --no-audit --no-fund --loglevel=error >"$deps/npm.log" 2>&1) || exit 3
        fi
    ) 9>"$deps/.lock" || skip "npm could not install playwright-core and axe-core (see $deps/npm.log)"
    export NODE_PATH="$deps/node_modules"
}

# The bundled packs that have a dataset of the same name: "name pack dataset" per line.
bundled_packs() {
    local p name
    for p in "$SRC"/rules/*/pack.lua; do
        name=$(basename "$(dirname "$p")")
        [ -e "$SRC/datasets/$name" ] && echo "$name $SRC/rules/$name $SRC/datasets/$name"
    done
}
