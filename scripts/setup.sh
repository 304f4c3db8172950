#!/usr/bin/env bash
# Set up RegDesk on Debian/Ubuntu: system packages, a virtualenv in .venv, the package.
#   scripts/setup.sh          the desk app and HQ
#   scripts/setup.sh dev      + test and build tools
# pip runs only when pyproject.toml changed since the last setup (stamp: .venv/.regdesk-installed).
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
python3 -c "import venv, ensurepip" 2>/dev/null || need_apt+=(python3-venv)
# Qt (PySide6) needs these shared libraries even offscreen
for lib in libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libGL.so.1; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || { need_apt+=(libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libgl1); break; }
done
if [ "$extras" = "dev" ]; then
  command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
  command -v objdump >/dev/null || need_apt+=(binutils)  # PyInstaller needs objdump
  # the HQ console's browser tests drive Debian's chromium (never "playwright install")
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${need_apt[*]}"
  # another apt run (unattended upgrades) may hold the lock: wait for it, up to 5 minutes
  lock=(-o DPkg::Lock::Timeout=300)
  if fuser /var/lib/dpkg/lock-frontend >/dev/null 2>&1; then
    echo "setup: another package installation is running; waiting for it (up to 5 minutes)"
  fi
  $SUDO apt-get "${lock[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${lock[@]}" install -y -qq "${need_apt[@]}" >/dev/null
fi

python3 - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"RegDesk needs Python 3.11 or newer (found {sys.version.split()[0]})")
PY

[ -x .venv/bin/python ] || python3 -m venv .venv
# pip runs again only when pyproject.toml or the extras changed (a stamp in .venv)
want="${extras:-hq} $(sha256sum pyproject.toml | cut -d' ' -f1)"
stamp=.venv/.regdesk-installed
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! .venv/bin/python -c "import regdesk" 2>/dev/null; then
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  # the HQ extra always: every command of the README (regdesk-hq serve too) works after setup
  .venv/bin/python -m pip install -q -e ".[${extras:-hq}]" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import regdesk" || { echo "setup: installing regdesk failed" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
# The catalogue's build products (.po → .mo; Qt .ts and .qm generated from id.po)
if .venv/bin/python -c "import regdesk.ui.i18n_build" 2>/dev/null; then
  .venv/bin/python -m regdesk.ui.i18n_build >/dev/null
fi
