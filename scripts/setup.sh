#!/usr/bin/env bash
# Installs the Debian packages Assay builds with, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail
pkgs=(build-essential cmake pkg-config liblua5.4-dev nlohmann-json3-dev libfmt-dev
      catch2 libcli11-dev libssl-dev libfast-float-dev libsqlite3-dev
      libxlsxwriter-dev libcpp-httplib-dev libzip-dev libexpat1-dev)
[ $# -gt 0 ] && pkgs+=("$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: missing packages; run as root:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 2
fi
