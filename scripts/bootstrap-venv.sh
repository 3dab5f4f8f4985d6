#!/usr/bin/env bash
# Create the project's virtualenv with Python 3.11. On Debian, `python3 -m venv` needs the
# python3-venv package (ensurepip is split out of the interpreter); that is the one apt
# install `make run` may need, and it is only attempted when venv creation fails.
set -euo pipefail
python=${1:-python3.11}
venv=${2:-.venv}
if ! command -v "$python" >/dev/null 2>&1; then
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    python=python3
  else
    echo "TIP Monitor needs Python 3.11 (python3.11 or python3 on PATH)." >&2
    exit 1
  fi
fi
if "$python" -m venv "$venv" 2>/dev/null; then
  exit 0
fi
rm -rf "$venv"
echo "Creating a virtualenv failed; installing Debian's python3-venv (needed for ensurepip)." >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && apt-get install -y -qq python3-venv
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv
else
  echo "Install python3-venv (apt-get install python3-venv) and run make again." >&2
  exit 1
fi
"$python" -m venv "$venv"
