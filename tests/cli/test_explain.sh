#!/usr/bin/env bash
# assay explain: the decision trace of one indicator, every area or one,
# as at an earlier period; unknown indicators and areas exit 2 with a hint.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" theft_of_vehicle
for text in "Theft of Vehicle (theft_of_vehicle) · Redcar & Cleveland · as at 2006/07" \
            "group:    Progress against PSA1 Targets (psa1, psa1.lua:" "lower is better" \
            "values:   2002/03 N/A, 2003/04 1029, 2004/05 721, 2005/06 640, 2006/07 547" \
            "compared: 2006/07 against 2005/06" "change:   -93 (-14.53%)" "arrow:    ▲ improved" \
            "reduce by 17.5% from 2003/04 by 2007/08: target 848.93" "rating:   GREEN" \
            "outside the static band of 1.5% -> improved (arrow.last_two, arrows.lua:10)" \
            "rating: case 1 'on_track' holds -> GREEN (psa1.rating, psa1.lua:"; do
    expect_in "$TMP/out" "$text"
done

# As at 2005/06, and an indicator with no trend data.
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" theft_of_vehicle --as-at 2005/06 --area "Redcar & Cleveland"
expect_in "$TMP/out" "as at 2005/06"
expect_not_in "$TMP/out" "547"
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" dip_kpi1
expect_in "$TMP/out" "arrow:    none: no earlier dataset to compare with"
expect_in "$TMP/out" "rating:   none: an assessment of performance can not be made without trend data"

# A national gap with N/A latest: the last two available datasets.
expect_exit 0 -- "$ASSAY" explain "$PACK" "$DATA" gap_national_robbery
expect_in "$TMP/out" "compared: 2005/06 against 2004/05"

# Errors: unknown indicator or area, with a suggestion; exit 2.
expect_exit 2 -- "$ASSAY" explain "$PACK" "$DATA" theft_of_vehicel
expect_in "$TMP/err" "no group of pack 'lsp2007' assesses indicator 'theft_of_vehicel' (did you mean 'theft_of_vehicle'?)"
expect_exit 2 -- "$ASSAY" explain "$PACK" "$DATA" robbery --area Redcar
expect_in "$TMP/err" "area 'Redcar' is not in dataset 'lsp2007'"
expect_in "$TMP/err" "'Redcar & Cleveland'"
expect_exit 2 -- "$ASSAY" explain "$PACK" "$DATA" robbery --as-at 1999/00
expect_exit 2 -- "$ASSAY" explain "$PACK" "$DATA"
expect_exit 0 -- "$ASSAY" explain --help
expect_in "$TMP/out" "Exit codes"

finish
