#!/usr/bin/env bash
# Debian packages the set-up commands need, installed when missing.
#
#   scripts/system-packages.sh demo   npm (for the NL Design System CSS)
#   scripts/system-packages.sh test   the above, Chromium for the browser tests, and the
#                                     Dutch word data that a test rebuilds and compares
#                                     with elasticsearch-node/config/analysis/
#
# Elasticsearch's JDK and Maven are seen to by scripts/elasticsearch.sh, PostgreSQL
# by scripts/postgres.sh.
set -euo pipefail

wanted=()
command -v npm >/dev/null || wanted+=(nodejs npm)
if [ "${1:-}" = test ]; then
    command -v chromium >/dev/null || wanted+=(chromium)
    [ -f /usr/share/hyphen/hyph_nl_NL.dic ] || wanted+=(hyphen-nl)
    [ -f /usr/share/dict/dutch ] || wanted+=(wdutch)
fi
[ ${#wanted[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "[system-packages] please install: ${wanted[*]} (e.g. sudo apt-get install ${wanted[*]})" >&2
    exit 1
fi
echo "[system-packages] installing ${wanted[*]} from Debian's packages" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
