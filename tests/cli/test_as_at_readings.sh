#!/usr/bin/env bash
# --as-at and --periods spellings whose calendar and financial readings
# differ: "2025 Q1" is January to March 2025 as a calendar quarter, but a
# council counting financial quarters (Q1 = April to June) labels that span
# 2024/25 Q4 and means April to June 2025 by "Q1"; "2024" is a calendar year
# where the data may hold the financial years 2023/24 and 2024/25. The run
# warns which period it took and how to write the other.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/tests/council/pack
DATA=$SRC/tests/council/data

# Financial quarters in the data, a calendar quarter on the command line.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at "2025 Q1" --format csv
expect_in "$TMP/err" "warning: --as-at 2025 Q1: taken as the calendar quarter January to March 2025, the data's 2024/25 Q4"
expect_in "$TMP/err" "the data counts quarters in financial terms, so for its Q1 (April to June 2025) write 2025/26 Q1"
# It is taken as the calendar quarter: the rows are those of --as-at 2024/25 Q4.
cp "$TMP/out" "$TMP/calendar.csv"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at "2024/25 Q4" --format csv
checks=$((checks + 1))
cmp -s "$TMP/out" "$TMP/calendar.csv" || fail "--as-at 2025 Q1 is not the run as at 2024/25 Q4"
expect_not_in "$TMP/err" "warning"

# The same spelling, written as the data writes it, or in another order: no warning / the same warning.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at "Q1 2025" --format csv
expect_in "$TMP/err" "taken as the calendar quarter January to March 2025"
# A calendar quarter the data does not hold: the warning, then the error.
expect_exit 2 -- "$ASSAY" run "$PACK" "$DATA" --as-at "2025 Q4" --format csv
expect_in "$TMP/err" "--as-at 2025 Q4: taken as the calendar quarter October to December 2025, which the data does not hold"
expect_in "$TMP/err" "for its Q4 (January to March 2026) write 2025/26 Q4"
expect_in "$TMP/err" "is not a period of dataset"

# explain and --periods say it too.
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" "NI 195" --as-at "2025 Q1"
expect_in "$TMP/err" "warning: --as-at 2025 Q1: taken as the calendar quarter January to March 2025"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --periods "2025 Q1..2025/26 Q2" --format csv
expect_in "$TMP/err" "warning: --periods 2025 Q1: taken as the calendar quarter"
expect_not_in "$TMP/err" "--periods 2025/26 Q2"
checks=$((checks + 1))
[ "$(tail -n +2 "$TMP/out" | cut -d, -f1 | sort -u | tr '\n' ';')" = "2024/25 Q4;2025/26 Q1;2025/26 Q2;" ] ||
    fail "--periods 2025 Q1..: periods $(tail -n +2 "$TMP/out" | cut -d, -f1 | sort -u | tr '\n' ';')"

# serve says it when it builds the report.
"$ASSAY" serve "$PACK" "$DATA" --as-at "2025 Q1" --port 0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do grep -q 'http://' "$TMP/serve.out" && break; sleep 0.1; done
port=$(grep -o '127\.0\.0\.1:[0-9]*' "$TMP/serve.out" | head -1 | cut -d: -f2)
checks=$((checks + 1))
if [ -n "$port" ] && exec 3<>"/dev/tcp/127.0.0.1/$port"; then
    printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    cat <&3 >"$TMP/response"
    exec 3<&-
else
    fail "serve printed no URL: $(cat "$TMP/serve.out" "$TMP/serve.err")"
fi
kill $server 2>/dev/null
wait $server 2>/dev/null
expect_in "$TMP/serve.err" "warning: --as-at 2025 Q1: taken as the calendar quarter January to March 2025"

# Calendar quarters in the data, a financial quarter on the command line.
mkdir -p "$TMP/cal"
cp "$DATA/indicators.csv" "$TMP/cal/"
sed -e 's#2024/25 Q1#2024 Q2#; s#2024/25 Q2#2024 Q3#; s#2024/25 Q3#2024 Q4#; s#2024/25 Q4#2025 Q1#' \
    -e 's#2025/26 Q1#2025 Q2#; s#2025/26 Q2#2025 Q3#' "$DATA/observations.csv" >"$TMP/cal/observations.csv"
expect_exit 0 -- "$ASSAY" run "$PACK" "$TMP/cal" --as-at "2025/26 Q1" --format csv
expect_in "$TMP/err" "--as-at 2025/26 Q1: taken as the financial quarter April to June 2025, the data's 2025 Q2"
expect_in "$TMP/err" "the data counts quarters in calendar terms, so for its Q1 (January to March 2025) write 2025 Q1"
expect_exit 0 -- "$ASSAY" run "$PACK" "$TMP/cal" --as-at "2025 Q1" --format csv
expect_not_in "$TMP/err" "warning"

# Years: financial years in the data, a calendar year on the command line.
mkdir -p "$TMP/fy"
printf 'id,title,unit,polarity,decimals\nni195,Litter,percent,lower_is_better,0\n' >"$TMP/fy/indicators.csv"
printf 'indicator,area,period,value\nni195,Westshire,2022/23,14\nni195,Westshire,2023/24,13\nni195,Westshire,2024/25,12\n' \
    >"$TMP/fy/observations.csv"
mkdir -p "$TMP/fypack"
cat >"$TMP/fypack/pack.lua" <<'LUA'
pack "fy" { title = "Years", version = "1.0.0" }
scale "rag" { { "RED" }, { "GREEN" } }
group "all" {
  title = "All", arrow = arrow.last_two { }, scale = "rag",
  rating = first { { improved, GREEN }, { otherwise, RED } },
  indicators = { "ni195" },
}
LUA
expect_exit 2 -- "$ASSAY" run "$TMP/fypack" "$TMP/fy" --as-at 2024
expect_in "$TMP/err" "--as-at 2024: taken as the calendar year January to December 2024, which the data does not hold"
expect_in "$TMP/err" "the data has financial years: write 2024/25 (April 2024 to March 2025) or 2023/24 (April 2023 to March 2024)"
expect_exit 0 -- "$ASSAY" run "$TMP/fypack" "$TMP/fy" --as-at 2024/25
expect_not_in "$TMP/err" "warning"
finish
