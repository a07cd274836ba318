#!/usr/bin/env bash
# assay replay: bundled runs replay "identical"; under today's rules or data
# the differences are listed indicator by indicator (exit 1); a tampered
# record is refused (exit 2); a record from another engine version replays
# with a note.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

# Every bundled pack with its dataset.
for pack in "$SRC"/rules/*/; do
    name=$(basename "$pack")
    [ -f "$pack/pack.lua" ] && [ -d "$SRC/datasets/$name" ] || continue
    expect_exit 0 -- "$ASSAY" run "$pack" "$SRC/datasets/$name" --record "$TMP/$name.json"
    expect_exit 0 -- "$ASSAY" replay "$TMP/$name.json"
    expect_in "$TMP/out" "identical"
done
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at 2005/06 --record "$TMP/2006.json"
expect_exit 0 -- "$ASSAY" replay "$TMP/2006.json"
expect_in "$TMP/out" "as at 2005/06"
expect_in "$TMP/out" "identical"

# Today's rules: the static band narrowed from 1.5 % to 1 % moves exactly one
# arrow (robbery, 75 -> 76, +1.33 %), and the counts that follow from it.
cp -r "$PACK" "$TMP/rules"
sed -i 's/static_within = pct(1.5)/static_within = pct(1.0)/' "$TMP/rules/arrows.lua"
expect_exit 1 -- "$ASSAY" replay "$TMP/lsp2007.json" --with-rules "$TMP/rules"
expect_in "$TMP/out" "note: rules from $TMP/rules instead of the recorded pack lsp2007"
expect_in "$TMP/out" "(0 ratings, 1 arrows changed)"
expect_in "$TMP/out" $'robbery, Redcar & Cleveland (psa1)\n  arrow: static -> declined'
expect_in "$TMP/out" "counts.arrows.declined: 3 -> 4"
expect_in "$TMP/out" "only in the new run: published ◀▶, computed declined"
checks=$((checks + 1))
[ "$(grep -c '^  arrow:' "$TMP/out")" -eq 1 ] || fail "more than one arrow changed: $(grep '^  arrow:' "$TMP/out")"

# Today's data: robbery 2006/07 revised from 76 to 90.
cp -r "$DATA" "$TMP/lsp2007"
sed -i 's/^robbery,Redcar & Cleveland,2006\/07,76,/robbery,Redcar \& Cleveland,2006\/07,90,/' "$TMP/lsp2007/observations.csv"
expect_exit 1 -- "$ASSAY" replay "$TMP/lsp2007.json" --with-data "$TMP/lsp2007"
expect_in "$TMP/out" "note: data from $TMP/lsp2007 instead of the recorded dataset lsp2007"
expect_in "$TMP/out" "value: 76 -> 90"
expect_in "$TMP/out" "change: 1 -> 15"
expect_in "$TMP/out" "arrow: static -> declined"
# Data that lacks the recorded as-at period cannot assess the past run.
expect_exit 2 -- "$ASSAY" replay "$TMP/lsp2007.json" --with-data "$SRC/datasets/pcc2024q2"

# A tampered record is refused before anything runs.
sed 's/547,/548,/' "$TMP/lsp2007.json" >"$TMP/tampered.json"
expect_exit 2 -- "$ASSAY" replay "$TMP/tampered.json"
expect_in "$TMP/err" "the record has been altered: dataset file observations.csv hashes to"
expect_not_in "$TMP/out" "identical"
printf '{"sealed": {}, "sha256": "x"' >"$TMP/broken.json"
expect_exit 2 -- "$ASSAY" replay "$TMP/broken.json"
expect_in "$TMP/err" "broken.json:1:"
expect_exit 2 -- "$ASSAY" replay "$TMP/no-such-record.json"

# A record as assay 0.0.9 would have written it: the version changed in the
# sealed part and in the outcome, the outcome's hash and the seal redone.
current=$("$ASSAY" --version | head -1)
perl -e '
    my ($in, $old, $new, $dir) = @ARGV;
    open(my $f, "<", $in) or die; my @lines = <$f>; close $f;
    (my $s = $lines[1]) =~ s/^"sealed": //; $s =~ s/,\n\z//;
    $s =~ s/"assay":"\Q$old\E"/"assay":"$new"/ or die "no engine version";
    $s =~ s/\\"version\\": \\"\Q$old\E\\"/\\"version\\": \\"$new\\"/ or die "no outcome version";
    $s =~ /"outcome":\{"as_at":"[^"]*","sha256":"([0-9a-f]{64})","text":"((?:[^"\\]|\\.)*)"\}/ or die "no outcome";
    my ($osha, $t) = ($1, $2);
    my %esc = (n => "\n", t => "\t", r => "\r", b => "\b", f => "\f");
    $t =~ s/\\(u([0-9a-fA-F]{4})|.)/defined $2 ? chr(hex $2) : ($esc{$1} \/\/ $1)/ge;
    open(my $o, ">", "$dir/outcome") or die; print $o $t; close $o;
    my $nsha = `sha256sum < "$dir/outcome"`; $nsha = substr($nsha, 0, 64);
    $s =~ s/$osha/$nsha/;
    open(my $w, ">", "$dir/sealed") or die; print $w $s; close $w;
    my $seal = `sha256sum < "$dir/sealed"`; $seal = substr($seal, 0, 64);
    open(my $r, ">", "$dir/old.json") or die;
    print $r "{\n\"sealed\": $s,\n\"sha256\": \"$seal\",\n\"written_at\": \"2020-01-01T00:00:00Z\"\n}\n";
' "$TMP/lsp2007.json" "$current" "0.0.9" "$TMP"
expect_exit 0 -- "$ASSAY" replay "$TMP/old.json"
expect_in "$TMP/out" "note: recorded with assay 0.0.9, replaying with assay $current"
expect_in "$TMP/out" "identical"

expect_exit 2 -- "$ASSAY" replay
expect_exit 0 -- "$ASSAY" replay --help
expect_in "$TMP/out" "Exit codes"

finish
