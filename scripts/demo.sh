#!/usr/bin/env bash
# Prepare the embedded (SQLite) database with demo content and serve the site with a
# task worker beside it. Called by `make demo` once the virtualenv is installed.
#
# The preparation runs with the development settings (demo_users refuses to run
# without DEBUG); the web server and worker run with kennisbank.settings.demo: DEBUG
# off (the site's own 404/500 pages), no autoreloader, warnings and failures only.
# The demo accounts are written to demo-accounts.txt (git-ignored) and shown in a box
# once the server answers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
py=.venv/bin/python
address=${DEMO_ADDRESS:-127.0.0.1:8000}
accounts=demo-accounts.txt

export DJANGO_SETTINGS_MODULE=kennisbank.settings.dev
echo "==> database"
$py manage.py migrate --noinput
echo "==> municipalities (CBS list)"
$py manage.py import_municipalities
echo "==> case indexes, editorial groups and the review workflow"
$py manage.py setup_editors
echo "==> demo casusbladen and lessen"
$py manage.py import_kennisbank cases/demo/kennisbank-demo.jsonl
echo "==> demo accounts (written to $accounts)"
(umask 077 && $py manage.py demo_users > "$accounts")
echo "==> demo questions, routed to the peers (the brokers' inboxes)"
$py manage.py demo_questions

export DJANGO_SETTINGS_MODULE=kennisbank.settings.demo
echo "==> task worker (background) and web server on http://$address"
# The worker looks for new tasks every 2 s and sleeps in between.
$py manage.py db_worker --no-reload --interval 2 &
worker=$!
.venv/bin/gunicorn kennisbank.wsgi:application --bind "$address" --workers 2 \
  --log-level warning &
server=$!
trap 'kill "$worker" "$server" 2>/dev/null || true' EXIT INT TERM

# Show the accounts once the server answers, so they are the last thing on screen.
for _ in $(seq 1 60); do
  # Any HTTP answer will do (/health says 503 when a dependency is down).
  if $py -c "
import urllib.error, urllib.request
try:
    urllib.request.urlopen('http://$address/health', timeout=2)
except urllib.error.HTTPError:
    pass" 2>/dev/null; then
    break
  fi
  sleep 1
done
$py scripts/box.py "Kennisbank demo: http://$address/ (accounts also in $accounts)" "$accounts"
wait -n "$worker" "$server"
