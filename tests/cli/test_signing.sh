#!/usr/bin/env bash
# Signed evidence: assay key generate; run --record/--history --sign; replay
# --trust; history sign and verify --trust --replay. Every forgery a person
# who can recompute SHA-256 could make — a re-sealed record, a rewound or a
# re-chained history — passes the hash checks but fails once a key is trusted.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007
command -v python3 >/dev/null || { echo "SKIPPED: python3 is needed to forge records"; exit 77; }

# Keys: the private key 0600, never overwritten.
expect_exit 0 -- "$ASSAY" key generate --out "$TMP/k"
expect_in "$TMP/out" "key ed25519:"
checks=$((checks + 1)); [ "$(stat -c %a "$TMP/k")" = 600 ] || fail "private key mode $(stat -c %a "$TMP/k")"
expect_in "$TMP/k" "BEGIN PRIVATE KEY"
expect_in "$TMP/k.pub" "BEGIN PUBLIC KEY"
cp "$TMP/k" "$TMP/k.before"
expect_exit 2 -- "$ASSAY" key generate --out "$TMP/k"
expect_in "$TMP/err" "already exists"
checks=$((checks + 1)); cmp -s "$TMP/k" "$TMP/k.before" || fail "an existing key was overwritten"
expect_exit 0 -- "$ASSAY" key generate --out "$TMP/other" --public "$TMP/other-public.pem"
# The key command still prints a pack's key to assessment.
expect_exit 0 -- "$ASSAY" key "$PACK" --legend-only

# A signed record verifies and replays identical from a renamed folder on another path.
mkdir -p "$TMP/a/first_name"
cp -r "$DATA" "$TMP/a/first_name/data"
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --sign "$TMP/k"
expect_in "$TMP/err" "--sign signs a record or the history"
expect_exit 0 -- "$ASSAY" run "$PACK" "$TMP/a/first_name/data" --record "$TMP/a/r.json" --sign "$TMP/k"
mkdir -p "$TMP/b/second"
mv "$TMP/a/r.json" "$TMP/b/second/copy.json"
rm -rf "$TMP/a"
expect_exit 0 -- "$ASSAY" replay "$TMP/b/second/copy.json" --trust "$TMP/k.pub"
expect_in "$TMP/out" "signed by ed25519:"
expect_in "$TMP/out" "identical"
expect_in "$TMP/out" "recorded by assay "
expect_in "$TMP/out" "replayed by assay "
R=$TMP/b/second/copy.json

# Not trusted: another key, or no signature.
expect_exit 2 -- "$ASSAY" replay "$R" --trust "$TMP/other-public.pem"
expect_in "$TMP/err" "not by a trusted key"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --record "$TMP/unsigned.json"
expect_exit 2 -- "$ASSAY" replay "$TMP/unsigned.json" --trust "$TMP/k.pub"
expect_in "$TMP/err" "the record is not signed"
# Without --trust an unsigned record replays as before, saying its time is not sealed.
expect_exit 0 -- "$ASSAY" replay "$TMP/unsigned.json"
expect_in "$TMP/out" "outside the seal"

# A forger changes a dataset file and recomputes every hash and the seal.
python3 - "$R" "$TMP/forged.json" <<'PY' || fail "could not forge"
import hashlib, json, sys
rec = json.load(open(sys.argv[1], encoding="utf-8"))
def canon(v): return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
def sha(b): return hashlib.sha256(b if isinstance(b, bytes) else b.encode("utf-8")).hexdigest()
s = rec["sealed"]
assert sha(canon(s)) == rec["sha256"], "canonical form differs from assay's"
f = [x for x in s["dataset"]["files"] if x["name"] == "observations.csv"][0]
f["text"] += "# a line added later\n"
f["sha256"], f["bytes"] = sha(f["text"]), len(f["text"].encode("utf-8"))
old = s["dataset"]["sha256"]
s["dataset"]["sha256"] = sha("".join(x["name"] + "\0" + x["sha256"] + "\n" for x in s["dataset"]["files"]))
s["outcome"]["text"] = s["outcome"]["text"].replace(old, s["dataset"]["sha256"])
s["outcome"]["sha256"] = sha(s["outcome"]["text"])
rec["sha256"] = sha(canon(s))
json.dump(rec, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_exit 1 -- "$ASSAY" replay "$TMP/forged.json"   # every hash holds: only a difference
expect_exit 2 -- "$ASSAY" replay "$TMP/forged.json" --trust "$TMP/k.pub"
expect_in "$TMP/err" "the record was changed after ed25519:"
expect_in "$TMP/err" "dataset file observations.csv changed"
# The time written, outside the seal, is covered by the signature.
python3 -c '
import json, sys
r = json.load(open(sys.argv[1])); r["written_at"] = "2001-01-01T00:00:00Z"; json.dump(r, open(sys.argv[2], "w"))
' "$R" "$TMP/redated.json"
expect_exit 0 -- "$ASSAY" replay "$TMP/redated.json"
expect_exit 2 -- "$ASSAY" replay "$TMP/redated.json" --trust "$TMP/k.pub"
expect_in "$TMP/err" "written_at was"

# Histories: each signed append signs the new head.
H=$TMP/h.sqlite
for i in 1 2 3; do
    expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --history "$H" --sign "$TMP/k"
done
expect_exit 0 -- "$ASSAY" history verify --history "$H" --trust "$TMP/k.pub" --replay
expect_in "$TMP/out" "signed: the head at row 3"
expect_in "$TMP/out" "replayed: 3 records"
expect_exit 0 -- "$ASSAY" history show 2 --history "$H"
expect_in "$TMP/out" "record signed   by ed25519:"
expect_in "$TMP/out" "compiler"
expect_in "$TMP/out" "Lua 5.4"

# Rewound: the last row deleted and the head moved back.
cp "$H" "$TMP/rewound.sqlite"
python3 - "$TMP/rewound.sqlite" <<'PY' || fail "could not rewind"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
h = db.execute("SELECT row_hash FROM runs WHERE id = 2").fetchone()[0]
db.execute("DELETE FROM runs WHERE id = 3")
db.execute("UPDATE chain SET last_id = 2, head = ? WHERE id = 1", (h,))
db.commit()
PY
expect_exit 0 -- "$ASSAY" history verify --history "$TMP/rewound.sqlite"
expect_in "$TMP/out" "chain intact"
expect_exit 1 -- "$ASSAY" history verify --history "$TMP/rewound.sqlite" --trust "$TMP/k.pub"
expect_in "$TMP/out" "row 3 was signed by ed25519:"
expect_in "$TMP/out" "the history was rewound or cut back"

# Re-chained: a row edited and every later hash and the head recomputed.
cp "$H" "$TMP/rechained.sqlite"
python3 - "$TMP/rechained.sqlite" <<'PY' || fail "could not re-chain"
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cols = ["prev_hash", "record_sha256", "recorded_at", "engine", "pack", "pack_version", "pack_sha256",
        "dataset", "dataset_sha256", "as_at", "ratings", "themes"]
db.execute("UPDATE runs SET recorded_at = '2001-01-01T00:00:00Z' WHERE id = 2")
prev = db.execute("SELECT row_hash FROM runs WHERE id = 1").fetchone()[0]
for (rid,) in db.execute("SELECT id FROM runs WHERE id >= 2 ORDER BY id").fetchall():
    db.execute("UPDATE runs SET prev_hash = ? WHERE id = ?", (prev, rid))
    row = db.execute("SELECT " + ", ".join(cols) + " FROM runs WHERE id = ?", (rid,)).fetchone()
    s = "assay-history-row-1\n" + "".join(f"{len(v.encode())}:{v}\n" for v in row)
    prev = hashlib.sha256(s.encode()).hexdigest()
    db.execute("UPDATE runs SET row_hash = ? WHERE id = ?", (prev, rid))
db.execute("UPDATE chain SET head = ? WHERE id = 1", (prev,))
db.commit()
PY
expect_exit 0 -- "$ASSAY" history verify --history "$TMP/rechained.sqlite"
expect_exit 1 -- "$ASSAY" history verify --history "$TMP/rechained.sqlite" --trust "$TMP/k.pub"
expect_in "$TMP/out" "row 2 was signed by ed25519:"
expect_in "$TMP/out" "edited and the chain re-made"

# Rows appended unsigned are not vouched for until the head is signed again.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --history "$H"
expect_exit 1 -- "$ASSAY" history verify --history "$H" --trust "$TMP/k.pub"
expect_in "$TMP/out" "row 4 was appended after the last head a trusted key signed (row 3)"
expect_exit 0 -- "$ASSAY" history sign --sign "$TMP/k" --history "$H"
expect_in "$TMP/out" "head at row 4"
expect_exit 0 -- "$ASSAY" history verify --history "$H" --trust "$TMP/k.pub"

finish
