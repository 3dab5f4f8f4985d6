#!/usr/bin/env bash
# Install the few Debian packages that pip cannot provide, only when they are missing:
#   pdf      - pango, harfbuzz-subset and fonts, which WeasyPrint needs to write the PDF report
#   browser  - chromium, which Playwright drives in the browser tests (never a downloaded browser)
#   load     - wrk, the load generator of `make bench` (a C program: a Python one on the same
#              two cores distorted the latencies it measured)
set -euo pipefail
want=()
for need in "$@"; do
  case "$need" in
    pdf)
      for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
        dpkg -s "$pkg" >/dev/null 2>&1 || want+=("$pkg")
      done ;;
    browser)
      [ -x /usr/bin/chromium ] || want+=(chromium chromium-driver) ;;
    load)
      command -v wrk >/dev/null || want+=(wrk) ;;
    *) echo "unknown package group: $need" >&2; exit 2 ;;
  esac
done
[ ${#want[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${want[*]}" >&2
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "Install them (apt-get install ${want[*]}) and run make again." >&2; exit 1; fi; }
run apt-get update -qq
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}"
