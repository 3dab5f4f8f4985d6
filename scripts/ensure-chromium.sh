#!/usr/bin/env bash
# The browser tests drive Debian's chromium through Playwright (never a downloaded browser).
# Install chromium and chromium-driver from apt when they are missing: apt is unavoidable
# here because Playwright's own browser download is not allowed.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Installing Debian's chromium for the browser tests." >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
else
  echo "Install chromium (apt-get install chromium chromium-driver) and run make test again." >&2
  exit 1
fi
