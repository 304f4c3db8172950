#!/usr/bin/env bash
# Set up RegDesk and start it on its embedded SQLite database. On first start a demo
# database (generated people, never real ones) is made so there is something to look at.
# With a display the desktop app opens; without one, a status of the database is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export REGDESK_DB="${REGDESK_DB:-$PWD/regdesk-demo.sqlite3}"
if [ ! -f "$REGDESK_DB" ]; then
  # demo database only: a known password so the app can be tried at once
  REGDESK_NEW_PASSWORD="${REGDESK_NEW_PASSWORD:-demo12345}" .venv/bin/regdesk demo --count 500
fi
exec .venv/bin/regdesk "$@"
