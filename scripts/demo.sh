#!/usr/bin/env bash
# Prepare the embedded (SQLite) database with demo content and serve the site with a
# task worker beside it. Called by `make demo` once the virtualenv is installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DJANGO_SETTINGS_MODULE=kennisbank.settings.dev
py=.venv/bin/python

echo "==> database"
$py manage.py migrate --noinput
echo "==> municipalities (CBS list)"
$py manage.py import_municipalities
echo "==> case indexes, editorial groups and the review workflow"
$py manage.py setup_editors
echo "==> demo casusbladen and lessen"
$py manage.py import_kennisbank cases/demo/kennisbank-demo.jsonl
echo "==> demo accounts"
$py manage.py demo_users

echo "==> task worker (background) and web server on http://127.0.0.1:8000"
$py manage.py db_worker --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
$py manage.py runserver 127.0.0.1:8000
