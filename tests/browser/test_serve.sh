#!/usr/bin/env bash
# `assay serve` with headless Chromium: edit a threshold in a temporary copy
# of the LSP 2007 pack and see the rating change on the page (serve.cjs).
. "$(dirname "$0")/lib.sh"
need_node
cp -r "$SRC/rules/lsp2007" "$TMP/pack"
node "$HERE/serve.cjs" "$ASSAY" "$TMP/pack" "$SRC/datasets/lsp2007"
