#!/usr/bin/env bash
# Set up everything the tests need, then run the whole suite: import contracts, ruff, mypy,
# pytest. Exits non-zero on any failure, and when pytest collected no test at all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
export QT_QPA_PLATFORM=offscreen

echo "== import contracts"; .venv/bin/lint-imports
echo "== ruff";             .venv/bin/ruff check src tests bench scripts
echo "== mypy (domain, store, sync)"; .venv/bin/mypy

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
