#!/usr/bin/env bash
# assay serve: the live report on 127.0.0.1 only, rebuilt when a file of the
# pack changes, the error with its file:line instead of a stale report, and
# a port in use refused. HTTP by bash's /dev/tcp; tests/browser/test_serve.sh
# does the same in Chromium.
. "$(dirname "$0")/lib.sh"
cp -r "$SRC/rules/lsp2007" "$TMP/pack"
DATA=$SRC/datasets/lsp2007

# get PATH: the response body in $TMP/body, the status code in $status.
get() {
    exec 3<>"/dev/tcp/127.0.0.1/$port" || { status=0; return; }
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3
    cat <&3 >"$TMP/response"
    exec 3<&-
    status=$(head -1 "$TMP/response" | cut -d' ' -f2)
    sed '1,/^\r$/d' "$TMP/response" >"$TMP/body"
}

# rating_of INDICATOR: the first rating label after INDICATOR's row title.
rating_of() {
    grep -o "class=\"title\">$1<.*" "$TMP/body" | head -1 | grep -o 'class="label">[^<]*' | head -1 | cut -d'>' -f2
}

"$ASSAY" serve "$TMP/pack" "$DATA" --port 0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do grep -q 'http://' "$TMP/serve.out" && break; sleep 0.1; done
port=$(grep -o '127\.0\.0\.1:[0-9]*' "$TMP/serve.out" | head -1 | cut -d: -f2)
checks=$((checks + 1)); [ -n "$port" ] || { fail "no URL printed: $(cat "$TMP/serve.out" "$TMP/serve.err")"; finish; exit 1; }

# Listening on the loopback address only (0100007F is 127.0.0.1 in /proc/net/tcp).
hexport=$(printf '%04X' "$port")
checks=$((checks + 1))
listening=$(awk -v p=":$hexport" '$4 == "0A" && $2 ~ p"$" {print $2}' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
[ "$listening" = "0100007F:$hexport" ] || fail "listening on '$listening', expected 127.0.0.1 only"

get /
checks=$((checks + 1)); [ "$status" = 200 ] || fail "GET / gave $status"
expect_in "$TMP/body" "Progress against PSA1 Targets"
expect_in "$TMP/body" 'fetch("/version"'
checks=$((checks + 1)); [ "$(rating_of Robbery)" = RED ] || fail "Robbery is '$(rating_of Robbery)', expected RED"
get /version
first=$(cat "$TMP/body")
get /report.html
expect_not_in "$TMP/body" "<script"
expect_in "$TMP/body" "<tbody class=\"indicator\""

# Lower the PSA1 target: Robbery (77 -> 76) is then on track.
sed -i 's/reduce_by = pct(17.5)/reduce_by = pct(1)/' "$TMP/pack/psa1.lua"
get /version
checks=$((checks + 1)); [ "$(cat "$TMP/body")" != "$first" ] || fail "the version did not change after an edit"
get /
checks=$((checks + 1)); [ "$(rating_of Robbery)" = GREEN ] || fail "Robbery is '$(rating_of Robbery)' after the edit"

# A syntax error: the page shows it with file:line, and no report.
printf '\ngroup "unfinished" {\n' >>"$TMP/pack/psa1.lua"
get /
expect_in "$TMP/body" "The rules or data have an error"
checks=$((checks + 1)); grep -q 'psa1\.lua:[0-9]' "$TMP/body" || fail "no file:line in the error page"
expect_not_in "$TMP/body" '<tbody class="indicator"'
get /report.html
checks=$((checks + 1)); [ "$status" = 503 ] || fail "/report.html gave $status with a broken pack"
get /nothing-here
checks=$((checks + 1)); [ "$status" = 404 ] || fail "an unknown page gave $status"

# The port in use: exit 2 with a clear message.
expect_exit 2 -- "$ASSAY" serve "$TMP/pack" "$DATA" --port "$port"
expect_in "$TMP/err" "cannot listen on 127.0.0.1:$port"
expect_exit 0 -- "$ASSAY" serve --help
expect_in "$TMP/out" "127.0.0.1"
expect_in "$TMP/out" "Exit codes"

kill "$server"
finish
