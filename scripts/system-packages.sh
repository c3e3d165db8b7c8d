#!/usr/bin/env bash
# Debian packages the set-up commands need, installed when missing.
#
#   scripts/system-packages.sh demo   npm (for the NL Design System CSS)
#   scripts/system-packages.sh test   the above, and Chromium for the browser tests
#
# Elasticsearch's JDK and Maven are seen to by scripts/elasticsearch.sh, PostgreSQL
# by scripts/postgres.sh.
set -euo pipefail

wanted=()
command -v npm >/dev/null || wanted+=(nodejs npm)
if [ "${1:-}" = test ]; then
    command -v chromium >/dev/null || wanted+=(chromium)
fi
[ ${#wanted[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "[system-packages] please install: ${wanted[*]} (e.g. sudo apt-get install ${wanted[*]})" >&2
    exit 1
fi
echo "[system-packages] installing ${wanted[*]} from Debian's packages" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
