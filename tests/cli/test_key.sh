#!/usr/bin/env bash
# assay key: the LSP key reads like the seed's, generated from the rules;
# arrows the pack cannot give are left out; terminal and markdown.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

expect_exit 0 -- "$ASSAY" key "$PACK"
# The seed's key: traffic lights and directional arrows, word for word.
for text in "Key to assessment of performance" "How identified" \
            "Performance is static or retrograde i.e. moving in the wrong direction and will not meet target." \
            "Performance is improving at a rate sufficient to meet or exceed target." \
            "Directional arrows" "Performance has improved over the last 2 datasets" \
            "Performance has remained static over the last 2 datasets" \
            "Performance has declined/got worse over the last 2 datasets" \
            "Performance has peaked and is at its maximum (i.e. 100%)"; do
    expect_in "$TMP/out" "$text"
done
# No neutral indicators: no increased/decreased arrows.
expect_not_in "$TMP/out" "↑"
expect_not_in "$TMP/out" "neither better nor worse"
# The rules in words, from the pack.
for text in "How each table is assessed" "Progress against PSA1 Targets" \
            "compares the last two available datasets; a change within 1.5% of the earlier value is static" \
            "reduce by 17.5% from 2003/04 by 2007/08" "GREEN when on track to meet the target" \
            "AMBER when performance has improved" "RED otherwise" "GREEN when the value is 0 or more" \
            "no rating (\"an assessment of performance can not be made without trend data\") when there is no earlier" \
            "Crime Theme Assessment" "Each rated indicator scores RED 0, AMBER 1/2, GREEN 1."; do
    expect_in "$TMP/out" "$text"
done
# The rating cases are in the pack's order.
checks=$((checks + 1))
awk '/Progress against PSA1 Targets/{p=1} p&&/GREEN when on track/{g=NR} p&&/AMBER when performance has improved/{a=NR} p&&/RED otherwise/{r=NR; exit} END{exit !(g<a && a<r)}' "$TMP/out" \
    || fail "PSA1 cases out of order"

# It follows the rules: change the static band and the key changes with it.
cp -r "$PACK" "$TMP/pack"
sed -i 's/static_within = pct(1.5)/static_within = pct(2.5)/' "$TMP/pack/arrows.lua"
expect_exit 0 -- "$ASSAY" key "$TMP/pack"
expect_in "$TMP/out" "a change within 2.5% of the earlier value is static"

# With data: only arrows the indicators can get; the peak only for tables with percentages.
expect_exit 0 -- "$ASSAY" key "$PACK" --data "$DATA" --legend-only
expect_in "$TMP/out" "★"
expect_not_in "$TMP/out" "How each table is assessed"

# A neutral group brings increased and decreased.
mkdir -p "$TMP/neutral"
cat >"$TMP/neutral/pack.lua" <<'LUA'
pack "n" { title = "Demand" }
scale "rag" { "RED", "GREEN" }
group "calls" { polarity = "neutral", arrow = arrow.last_two { static_within = pct(1) },
  rating = first { { static, GREEN }, { otherwise, RED } }, indicators = { "calls" } }
LUA
expect_exit 0 -- "$ASSAY" key "$TMP/neutral"
expect_in "$TMP/out" "↑"
expect_in "$TMP/out" "↓"
expect_not_in "$TMP/out" "▲"
expect_in "$TMP/out" "neutral: up or down is neither better nor worse"

# Markdown.
expect_exit 0 -- "$ASSAY" key "$PACK" --format markdown
expect_in "$TMP/out" "# Key to assessment of performance"
expect_in "$TMP/out" "| ▲ | Performance has improved over the last 2 datasets |"
expect_in "$TMP/out" "  - GREEN when on track to meet the target"

# The run report's key is the same generator: no arrows the pack cannot give.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA"
expect_in "$TMP/out" "Performance has peaked and is at its maximum (i.e. 100%)"
expect_not_in "$TMP/out" "↑"

# Errors.
expect_exit 2 -- "$ASSAY" key "$PACK" --format json
expect_in "$TMP/err" "expected terminal or markdown"
expect_exit 2 -- "$ASSAY" key "$TMP/no-such-pack"
expect_exit 0 -- "$ASSAY" key --help
expect_in "$TMP/out" "Exit codes"

finish
