#!/usr/bin/env bash
# `assay run --threads N`: the dataset is read and the JSON Lines written on
# N threads, and the output is the same bytes for any N (and for the default,
# one thread per core). The dataset is the benchmark's shape at a small
# scale (14 indicators x 300 areas x 36 months, 4.6 MB: several pieces
# of the parallel reader, more than one batch of the parallel renderer),
# with values as people write them ("4,650", 89.6%, N/A).
. "$(dirname "$0")/lib.sh"

data=$TMP/data
mkdir -p "$data"
awk 'BEGIN {
  split("burglary robbery vehicle violence asb shoplift drugs calls answer10s satisfied repeat_da crime_rate solved spend", ids, " ")
  print "id,title,unit,polarity,decimals" > "'"$data"'/indicators.csv"
  for (i = 1; i <= 14; i++) {
    unit = "count"; pol = "lower_is_better"; dec = 0
    if (ids[i] == "answer10s" || ids[i] == "satisfied" || ids[i] == "solved") { unit = "percent"; pol = "higher_is_better"; dec = 1 }
    if (ids[i] == "spend") { unit = "currency"; pol = "neutral"; dec = 2 }
    printf "%s,%s,%s,%s,%d\n", ids[i], ids[i], unit, pol, dec > "'"$data"'/indicators.csv"
  }
  out = "'"$data"'/observations.csv"
  print "indicator,area,period,value" > out
  seed = 7
  for (i = 1; i <= 14; i++)
    for (a = 1; a <= 300; a++)
      for (m = 0; m < 36; m++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        r = seed % 1000
        period = sprintf("%d-%02d", 2022 + int(m / 12), m % 12 + 1)
        if (r < 10) v = "N/A"
        else if (ids[i] == "satisfied" || ids[i] == "answer10s" || ids[i] == "solved") v = sprintf("%.1f%%", 50 + r / 25)
        else if (ids[i] == "spend") v = sprintf("\"%d,%03d\"", 1 + r % 9, r)
        else v = sprintf("%d", 1000 - m * 3 + r % 50)
        printf "%s,E%08d,%s,%s\n", ids[i], a, period, v > out
      }
}'
# One series whose rating a reader can work out: burglary in area Z falls
# from 100 (2022-01) to 80 (2024-12, last month 90): on track to a 10 % cut
# by 2025-12, so GREEN, and improved.
{ for m in $(seq 0 35); do
    printf 'burglary,Z,%d-%02d,%s\n' $((2022 + m / 12)) $((m % 12 + 1)) "$([ $m -eq 35 ] && echo 80 || echo $((m == 34 ? 90 : 100)))"
  done; } >>"$data/observations.csv"

pack=$SRC/bench/pack
for n in 1 2 3; do
    expect_exit 0 -- "$ASSAY" run "$pack" "$data" --format jsonl --threads "$n" --out "$TMP/t$n.jsonl"
done
expect_exit 0 -- "$ASSAY" run "$pack" "$data" --format jsonl --out "$TMP/default.jsonl"
expect_exit 0 -- "$ASSAY" run "$pack" "$data" --format jsonl --threads 2
cp "$TMP/out" "$TMP/stdout.jsonl"

checks=$((checks + 1))
lines=$(wc -l <"$TMP/t1.jsonl")
[ "$lines" -eq 4201 ] || fail "expected 4,201 outcomes (14 x 300 series + Z), got $lines"
for f in t2 t3 default stdout; do
    checks=$((checks + 1))
    cmp -s "$TMP/t1.jsonl" "$TMP/$f.jsonl" || fail "--threads output $f differs from 1 thread: $(cmp "$TMP/t1.jsonl" "$TMP/$f.jsonl")"
done
grep '"area":"Z"' "$TMP/t2.jsonl" >"$TMP/z"
expect_in "$TMP/z" '"rating":"GREEN"'
expect_in "$TMP/z" '"arrow":"improved"'
expect_in "$TMP/z" '"value":80'

# Errors are placed by the general reader, the same whatever the threads:
# a quoted value spanning lines (an area name holding a line end), and a
# month 13 in the last row.
odd=$TMP/odd
mkdir -p "$odd"
cp "$data/indicators.csv" "$odd/"
{ head -1 "$data/observations.csv"; printf 'burglary,"North\nSouth",2022-01,4\n'; tail -n +2 "$data/observations.csv"; } >"$odd/observations.csv"
for n in 1 2 3; do
    expect_exit 2 -- "$ASSAY" run "$pack" "$odd" --format jsonl --threads "$n" --out "$TMP/bad.jsonl"
    expect_in "$TMP/err" "observations.csv:2:10: area name holds the control character U+000A"
done
cp "$data/observations.csv" "$odd/observations.csv"
printf 'burglary,E00000001,2022-13,4\n' >>"$odd/observations.csv"
for n in 1 2 3; do
    expect_exit 2 -- "$ASSAY" run "$pack" "$odd" --format jsonl --threads "$n" --out "$TMP/bad.jsonl"
    expect_in "$TMP/err" "observations.csv:151238:20"
    cp "$TMP/err" "$TMP/err$n"
done
checks=$((checks + 1))
cmp -s "$TMP/err1" "$TMP/err3" || fail "errors differ between 1 and 3 threads"
checks=$((checks + 1))
[ ! -e "$TMP/bad.jsonl" ] || fail "a failed run left an output file"
expect_exit 2 -- "$ASSAY" run "$pack" "$data" --threads 0
finish
