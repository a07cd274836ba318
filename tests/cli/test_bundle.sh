#!/usr/bin/env bash
# Evidence bundles: assay bundle writes one zip (report, run record, audit
# record, history excerpt, verification, signed manifest); verify-bundle
# checks it offline from another folder with a trusted key; each entry
# tampered and re-zipped is named; a wrong key fails; hostile zips (.., an
# absolute path, a duplicate, an unknown name, too many entries, a zip bomb)
# are refused with a clear error.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIPPED: python3 is needed to re-zip bundles"; exit 77; }
PACK=$SRC/rules/lsp2007
H=$TMP/h.sqlite
W=$TMP/work
mkdir -p "$W"
cp -r "$SRC/datasets/lsp2007" "$W/lsp2007"
cp -r "$SRC/datasets/hotspots2024" "$W/hotspots"
sed -i 's/1060:26:00/1060:27:00/' "$W/hotspots/published_totals.csv"

expect_exit 0 -- "$ASSAY" key generate --out "$TMP/k"
expect_exit 0 -- "$ASSAY" key generate --out "$TMP/wrong"
expect_exit 0 -- "$ASSAY" run "$PACK" "$W/lsp2007" --record "$W/run.json" --history "$H" --sign "$TMP/k"
expect_exit 1 -- "$ASSAY" audit "$W/hotspots" --record "$W/audit.json" --history "$H" --sign "$TMP/k"
expect_exit 0 -- "$ASSAY" bundle "$W/run.json" --audit "$W/audit.json" --history "$H" --sign "$TMP/k" -o "$W/evidence.zip"
expect_in "$TMP/out" "bundle written to"
expect_in "$TMP/out" "manifest signed by ed25519:"
expect_in "$TMP/out" "(public key SHA-256 "

# Handed on: only the bundle and the public key, in another folder; the inputs are gone.
mkdir -p "$TMP/auditor"
cp "$W/evidence.zip" "$TMP/auditor/evidence.zip"
cp "$TMP/k.pub" "$TMP/auditor/k.pub"
rm -rf "$W"
B=$TMP/auditor/evidence.zip
expect_exit 0 -- "$ASSAY" verify-bundle "$B" --trust "$TMP/auditor/k.pub"
expect_in "$TMP/out" "ok: manifest.json: every entry has the SHA-256 it lists"
expect_in "$TMP/out" "ok: manifest.json: signed by ed25519:"
expect_in "$TMP/out" "ok: run-record.json: signed by ed25519:"
expect_in "$TMP/out" "ok: run-record.json: replayed by assay"
expect_in "$TMP/out" "ok: audit-record.json: audit record, seal"
expect_in "$TMP/out" "ok: audit-record.json: replayed by assay"
expect_in "$TMP/out" "ok: history.json: rows 1 to 2, chain intact"
expect_in "$TMP/out" "ok: history.json: head at row 2 signed by ed25519:"
expect_in "$TMP/out" "ok: report.html: the report the run record gives, byte for byte"
expect_in "$TMP/out" "verified"
# Without a key it still checks, but says nothing vouches for it.
expect_exit 0 -- "$ASSAY" verify-bundle "$B"
expect_in "$TMP/out" "no key was trusted"
# A wrong key fails.
expect_exit 1 -- "$ASSAY" verify-bundle "$B" --trust "$TMP/wrong.pub"
expect_in "$TMP/out" "FAILED: manifest.sig.json: manifest.json is signed by ed25519:"
expect_in "$TMP/out" "not by a trusted key"

# rezip SRC DST PYTHON: copies the bundle's entries, letting PYTHON change `data` of entry `name`.
rezip() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys, zipfile
src, dst, code = sys.argv[1], sys.argv[2], sys.argv[3]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        name, data = info.filename, zin.read(info.filename)
        exec(code)
        if data is not None:
            zout.writestr(name, data)
PY
}

# Each entry tampered and re-zipped: the message names it.
for entry in report.html run-record.json audit-record.json history.json verification.txt manifest.json manifest.sig.json; do
    rezip "$B" "$TMP/t.zip" "
if name == '$entry':
    data = data.replace(b'a', b'b', 1) if name != 'history.json' else data.replace(b'\"ratings\": \"', b'\"ratings\": \"X', 1)"
    expect_exit 1 -- "$ASSAY" verify-bundle "$TMP/t.zip" --trust "$TMP/auditor/k.pub"
    expect_in "$TMP/out" "FAILED: $entry"
done
# The signature file's public key swapped for another's: the fingerprint it
# would show is not the trusted key's, whatever the signature says.
rezip "$B" "$TMP/t.zip" "
if name == 'manifest.sig.json':
    import json as j
    d = j.loads(data); d['public_key'] = d['public_key'][::-1]; data = j.dumps(d).encode()"
expect_exit 1 -- "$ASSAY" verify-bundle "$TMP/t.zip" --trust "$TMP/auditor/k.pub"
expect_in "$TMP/out" "FAILED: manifest.sig.json: names ed25519:"
# An entry removed, one added.
rezip "$B" "$TMP/t.zip" "if name == 'audit-record.json': data = None"
expect_exit 1 -- "$ASSAY" verify-bundle "$TMP/t.zip" --trust "$TMP/auditor/k.pub"
expect_in "$TMP/out" "FAILED: audit-record.json: listed in the manifest but missing from the bundle"

# Hostile zips: refused before anything is read into the checks.
hostile() {  # hostile NAME... : a zip of these entry names
    python3 - "$TMP/h.zip" "$@" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for n in sys.argv[2:]:
        z.writestr(zipfile.ZipInfo(n), b"x")
PY
}
hostile "../manifest.json"
expect_exit 2 -- "$ASSAY" verify-bundle "$TMP/h.zip"
expect_in "$TMP/err" 'entry "../manifest.json" has ".." in its name: refused'
hostile "/etc/manifest.json"
expect_exit 2 -- "$ASSAY" verify-bundle "$TMP/h.zip"
expect_in "$TMP/err" "has an absolute path"
hostile "manifest.json" "manifest.json" 2>/dev/null
expect_exit 2 -- "$ASSAY" verify-bundle "$TMP/h.zip"
expect_in "$TMP/err" "two entries have the same name: refused"
hostile "notes.txt"
expect_exit 2 -- "$ASSAY" verify-bundle "$TMP/h.zip"
expect_in "$TMP/err" 'entry "notes.txt" is not an entry a bundle holds'
hostile a b c d e f g h i j k l m n o p q
expect_exit 2 -- "$ASSAY" verify-bundle "$TMP/h.zip"
expect_in "$TMP/err" "holds 17 entries, more than a bundle may (16)"
python3 - "$TMP/bomb.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("report.html", b"\0" * (64 << 20))
PY
expect_exit 2 -- "$ASSAY" verify-bundle "$TMP/bomb.zip"
expect_in "$TMP/err" 'entry "report.html" inflates more than 200 times its compressed size: refused as a zip bomb'
printf 'not a zip at all\n' >"$TMP/text.zip"
expect_exit 2 -- "$ASSAY" verify-bundle "$TMP/text.zip"
expect_in "$TMP/err" "not an evidence bundle: cannot open it as a zip archive"

# Bundling refuses an input that does not verify, and an audit record given as the run.
expect_exit 2 -- "$ASSAY" bundle "$TMP/text.zip" -o "$TMP/x.zip"
checks=$((checks + 1)); [ ! -e "$TMP/x.zip" ] || fail "a bundle was written from a bad input"

finish
