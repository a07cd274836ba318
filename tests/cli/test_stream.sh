#!/usr/bin/env bash
# `assay run --format jsonl --out FILE` streams: it reads, assesses and
# writes a part of whole series at a time, and its output is the same bytes
# as the run in memory (the JSON Lines written to stdout), for any number of
# threads. Data it cannot stream (rows in another order, ragged periods) and
# packs whose rules look at other series are assessed in memory, with a note
# saying why and the peak memory, and give the same bytes too. The data is
# assay-gen's benchmark shape at 600 areas (9 MB: five pieces of 2 MB, so
# series cut by a piece's end are met).
. "$(dirname "$0")/lib.sh"
: "${ASSAY_GEN:?ASSAY_GEN must point at the built assay-gen}"

data=$TMP/data
"$ASSAY_GEN" --areas 600 --indicators 14 --months 36 --out "$data" >/dev/null || fail "assay-gen failed"
pack=$SRC/bench/pack

# same_as_memory PACK DATA [NOTE]: the streamed output (1, 2, 3 threads)
# equals the in-memory run's; with NOTE, the run says it was made in memory
# and why (NOTE is part of the reason), else it says nothing.
same_as_memory() {
    local p=$1 d=$2 note=${3:-}
    expect_exit 0 -- "$ASSAY" run "$p" "$d" --format jsonl
    cp "$TMP/out" "$TMP/memory.jsonl"
    checks=$((checks + 1))
    [ -s "$TMP/memory.jsonl" ] || fail "the in-memory run wrote nothing"
    for n in 1 2 3; do
        rm -f "$TMP/streamed.jsonl"
        expect_exit 0 -- "$ASSAY" run "$p" "$d" --format jsonl --threads "$n" --out "$TMP/streamed.jsonl"
        checks=$((checks + 1))
        cmp -s "$TMP/memory.jsonl" "$TMP/streamed.jsonl" ||
            fail "$(basename "$p") on $(basename "$d"), $n thread(s): differs from the run in memory: $(cmp "$TMP/memory.jsonl" "$TMP/streamed.jsonl")"
        if [ -n "$note" ]; then
            expect_in "$TMP/err" "assay: note: assessed in memory (peak "
            expect_in "$TMP/err" "$note"
        else
            checks=$((checks + 1))
            [ ! -s "$TMP/err" ] || fail "a streamed run printed: $(cat "$TMP/err")"
        fi
    done
}

# The usual export: streamed.
same_as_memory "$pack" "$data"
checks=$((checks + 1))
[ "$(wc -l <"$TMP/streamed.jsonl")" -eq $((14 * 600)) ] || fail "expected 8,400 outcomes"

# A rating written as a Lua function (no other series read): streamed.
lua=$TMP/pack-lua
mkdir -p "$lua"
sed 's/^  rating = first {/  rating = function(a)\n    if a:on_track() then return GREEN end\n    if a:improved() then return AMBER end\n    return RED\n  end,\n  unused = first {/' "$pack/pack.lua" |
    sed '/^  unused = first {/,/^  },/d' >"$lua/pack.lua"
grep -q 'rating = function' "$lua/pack.lua" || fail "the Lua rating pack was not made"
same_as_memory "$lua" "$data"

# A rating reading another series (a:lookup): in memory, as a part could not hold it.
look=$TMP/pack-lookup
mkdir -p "$look"
sed 's/^  rating = first {/  rating = function(a)\n    local first = a:lookup(a.indicator, "E01000001")\n    if first and a.value and a.value < first then return GREEN end\n    return RED\n  end,\n  unused = first {/' "$pack/pack.lua" |
    sed '/^  unused = first {/,/^  },/d' >"$look/pack.lua"
same_as_memory "$look" "$data" "a rule reads another series than its own (a:lookup)"

# Rows in other orders: in memory, the same bytes.
head -1 "$data/observations.csv" >"$TMP/header"
order() {  # order NAME SORT-ARGS...: the data with its rows sorted so
    local name=$1
    shift
    mkdir -p "$TMP/$name"
    cp "$data/indicators.csv" "$TMP/$name/"
    { cat "$TMP/header"; tail -n +2 "$data/observations.csv" | LC_ALL=C sort "$@"; } >"$TMP/$name/observations.csv"
}
order by-period -t, -k3,3 -k1,1 -k2,2            # month by month: series are not together
same_as_memory "$pack" "$TMP/by-period" "not a part at a time: indicator "
order by-indicator-name -t, -k1,1 -s             # indicators alphabetically, not in the pack's order
same_as_memory "$pack" "$TMP/by-indicator-name" "comes before indicators the pack assesses first"
order areas-reversed -t, -k1,1 -s                 # then each indicator's areas reversed for one indicator
awk -F, 'NR == 1 { print; next } $1 == "robbery" { r[++n] = $0; next } { if (n) { for (i = n; i > 0; i -= 36) for (j = i - 35; j <= i; j++) print r[j]; n = 0 } print }
         END { if (n) for (i = n; i > 0; i -= 36) for (j = i - 35; j <= i; j++) print r[j] }' "$data/observations.csv" >"$TMP/areas-reversed/observations.csv"
same_as_memory "$pack" "$TMP/areas-reversed" "the areas of indicator 'robbery' are not in the order they first appear"

# Ragged periods: an area with no figure for the first months (its series
# begins later) is streamed, as every part still holds every period; a
# month only the last area has (a later as-at) is not.
ragged=$TMP/ragged
mkdir -p "$ragged"
cp "$data/indicators.csv" "$ragged/"
grep -v ',E01000003,2022-0[1-6],' "$data/observations.csv" >"$ragged/observations.csv"
same_as_memory "$pack" "$ragged"
later=$TMP/later
mkdir -p "$later"
cp "$data/indicators.csv" "$later/"
{ cat "$data/observations.csv"; echo "spend,W01000033,2025-01,1200"; } >"$later/observations.csv"
grep -q '^spend,W01000033,2024-12,' "$later/observations.csv" || fail "the data's last series is not spend in W01000033"
same_as_memory "$pack" "$later" "period '2025-01' first appears after the first part"

# Shards are streamed too (each reads the whole file and keeps only its
# series), and N of them merged are the single run's bytes.
expect_exit 0 -- "$ASSAY" run "$pack" "$data" --format jsonl
cp "$TMP/out" "$TMP/memory.jsonl"
for n in 1 2 7; do
    files=()
    for k in $(seq 1 $n); do
        expect_exit 0 -- "$ASSAY" run "$pack" "$data" --format jsonl --shard "$k/$n" --out "$TMP/shard-$k.jsonl"
        checks=$((checks + 1))
        [ ! -s "$TMP/err" ] || fail "shard $k/$n was not streamed: $(cat "$TMP/err")"
        files+=("$TMP/shard-$k.jsonl")
    done
    expect_exit 0 -- "$ASSAY" merge "${files[@]}" --out "$TMP/merged.jsonl"
    checks=$((checks + 1))
    cmp -s "$TMP/memory.jsonl" "$TMP/merged.jsonl" || fail "$n streamed shards merged differ from the run in memory"
done

# Numerators and denominators (assay-gen --counts: proportions, a rate,
# counts, and a national row per indicator): the significance arrows are
# streamed, the same bytes as the general reader's run in memory (--threads
# 1 to stdout); funnel ratings, which compare each area with England, are
# assessed in memory.
counts=$TMP/counts
"$ASSAY_GEN" --areas 600 --indicators 14 --months 36 --counts --out "$counts" >/dev/null || fail "assay-gen --counts failed"
expect_exit 0 -- "$ASSAY" run "$SRC/bench/pack-significance" "$counts" --format jsonl --threads 1
cp "$TMP/out" "$TMP/memory.jsonl"
expect_in "$TMP/memory.jsonl" '"interval"'
for n in 1 2 3; do
    expect_exit 0 -- "$ASSAY" run "$SRC/bench/pack-significance" "$counts" --format jsonl --threads "$n" --out "$TMP/streamed.jsonl"
    checks=$((checks + 2))
    [ ! -s "$TMP/err" ] || fail "the significance pack was not streamed: $(cat "$TMP/err")"
    cmp -s "$TMP/memory.jsonl" "$TMP/streamed.jsonl" || fail "significance, $n thread(s): differs from the general reader's run in memory"
done
same_as_memory "$SRC/bench/pack-funnel" "$counts" "rates by comparison with an area"
# A numerator above its denominator is the general reader's error, whatever the threads.
awk -F, -v OFS=, '$1 == "answer10s" && $2 == "E01000007" && $3 == "2023-05" { $5 = $6 + 1 } { print }' \
    "$counts/observations.csv" >"$TMP/bad-counts.csv"
grep -q '^answer10s,E01000007,2023-05,' "$TMP/bad-counts.csv" || fail "the row to spoil is not in the data"
mkdir -p "$TMP/bad-counts"
cp "$counts/indicators.csv" "$TMP/bad-counts/"
mv "$TMP/bad-counts.csv" "$TMP/bad-counts/observations.csv"
for n in 1 2; do
    expect_exit 2 -- "$ASSAY" run "$SRC/bench/pack-significance" "$TMP/bad-counts" --format jsonl --threads "$n" --out "$TMP/x.jsonl"
    expect_in "$TMP/err" "is more than the denominator"
done

# A count written as a percentage is the general reader's error too.
mkdir -p "$TMP/bad-unit"
cp "$data/indicators.csv" "$TMP/bad-unit/"
awk -F, -v OFS=, '$1 == "robbery" && $2 == "E01000009" && $3 == "2022-07" { $4 = "5%" } { print }' \
    "$data/observations.csv" >"$TMP/bad-unit/observations.csv"
expect_exit 2 -- "$ASSAY" run "$pack" "$TMP/bad-unit" --format jsonl --threads 2 --out "$TMP/x.jsonl"
expect_in "$TMP/err" "written as a percentage (%), but indicator \"robbery\" has the unit count"

# --as-at: streamed, the same as in memory.
expect_exit 0 -- "$ASSAY" run "$pack" "$data" --format jsonl --as-at 2023-06
cp "$TMP/out" "$TMP/memory.jsonl"
expect_exit 0 -- "$ASSAY" run "$pack" "$data" --format jsonl --as-at 2023-06 --out "$TMP/streamed.jsonl"
checks=$((checks + 1))
cmp -s "$TMP/memory.jsonl" "$TMP/streamed.jsonl" || fail "--as-at 2023-06: streamed output differs from the run in memory"
expect_in "$TMP/streamed.jsonl" '"period":"2023-06"'

# A streamed run warns of an --as-at spelling whose calendar and financial
# readings differ, as the run in memory does: the data counts financial
# quarters, and "2025 Q1" is taken as January to March 2025 (2024/25 Q4).
quarters=$TMP/quarters
mkdir -p "$quarters/pack" "$quarters/data"
cat >"$quarters/pack/pack.lua" <<'LUA'
pack "quarters" { title = "Quarters", version = "1.0.0" }
scale "rag" { { "RED" }, { "GREEN" } }
group "calls" {
  arrow = arrow.last_two {},
  scale = "rag",
  rating = first { { improved, GREEN }, { otherwise, RED } },
  indicators = { "calls" },
}
LUA
printf 'id,title,unit,polarity,decimals\ncalls,Calls answered,count,higher_is_better,0\n' >"$quarters/data/indicators.csv"
{ echo "indicator,area,period,value"
  for a in North South; do
      for q in "2024/25 Q1" "2024/25 Q2" "2024/25 Q3" "2024/25 Q4" "2025/26 Q1"; do echo "calls,$a,$q,$((RANDOM % 50 + 100))"; done
  done; } >"$quarters/data/observations.csv"
expect_exit 0 -- "$ASSAY" run "$quarters/pack" "$quarters/data" --format jsonl --as-at "2025 Q1"
cp "$TMP/out" "$TMP/memory.jsonl"
cp "$TMP/err" "$TMP/memory.err"
expect_exit 0 -- "$ASSAY" run "$quarters/pack" "$quarters/data" --format jsonl --as-at "2025 Q1" --out "$TMP/streamed.jsonl"
expect_in "$TMP/err" "warning: --as-at 2025 Q1: taken as the calendar quarter January to March 2025, the data's 2024/25 Q4"
expect_not_in "$TMP/err" "assay: note:"
checks=$((checks + 2))
cmp -s "$TMP/memory.err" "$TMP/err" || fail "the streamed run's warning differs from the run in memory's"
cmp -s "$TMP/memory.jsonl" "$TMP/streamed.jsonl" || fail "quarters: streamed output differs from the run in memory"

# An error in the data is reported as the run in memory reports it, and no file is left.
bad=$TMP/bad
mkdir -p "$bad"
cp "$data/indicators.csv" "$bad/"
{ cat "$data/observations.csv"; tail -1 "$data/observations.csv"; } >"$bad/observations.csv"
rm -f "$TMP/streamed.jsonl"
expect_exit 2 -- "$ASSAY" run "$pack" "$bad" --format jsonl --out "$TMP/streamed.jsonl"
expect_in "$TMP/err" "duplicate"
checks=$((checks + 1))
[ ! -e "$TMP/streamed.jsonl" ] || fail "a failed run left an output file"
finish
