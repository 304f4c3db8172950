#!/usr/bin/env bash
# Set up everything the tests need, then run the whole suite: import contracts, ruff, mypy,
# radon, pytest. Exits non-zero on any failure, and when pytest collected no test at all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
export QT_QPA_PLATFORM=offscreen

echo "== import contracts"; .venv/bin/lint-imports
echo "== ruff";             .venv/bin/ruff check src tests bench scripts
echo "== mypy (strict: domain, store, sync, tabular, services, i18n, transfer, wire)"; .venv/bin/mypy
echo "== complexity (radon: no function worse than grade C)"
worse=$(.venv/bin/radon cc -s -n D src/regdesk)
if [ -n "$worse" ]; then echo "$worse"; echo "test.sh: functions above grade C" >&2; exit 1; fi

echo "== pytest"
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "test.sh: pytest collected no tests — that is a failure" >&2
  exit 1
fi
exit "$status"
