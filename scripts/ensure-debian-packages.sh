#!/usr/bin/env bash
# Install the few Debian packages that pip cannot provide, only when they are missing:
#   pdf      - pango, harfbuzz-subset and fonts, which WeasyPrint needs to write the PDF report
#   browser  - chromium, which Playwright drives in the browser tests (never a downloaded browser)
#   load     - wrk, the load generator of `make bench` (a C program: a Python one on the same
#              two cores distorted the latencies it measured)
#   ceiling  - nginx (the light build), which serves static copies of the pages in the load
#              test as the ceiling to compare with (the issue names nginx as that ceiling);
#              only its binary is used: the load test runs it as a child process with its
#              own configuration. Debian's package would start a system service on port 80;
#              a policy-rc.d that refuses (exit 101) stops that, and one is put in place for
#              the install when the machine has none.
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
    ceiling)
      [ -x /usr/sbin/nginx ] || want+=(nginx-light) ;;
    *) echo "unknown package group: $need" >&2; exit 2 ;;
  esac
done
[ ${#want[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${want[*]}" >&2
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "Install them (apt-get install ${want[*]}) and run make again." >&2; exit 1; fi; }
run apt-get update -qq
guard=""
if [[ " ${want[*]} " == *" nginx-light "* && ! -e /usr/sbin/policy-rc.d ]]; then
  guard=/usr/sbin/policy-rc.d  # no service may start during this install (see 'ceiling')
  run sh -c "printf '#!/bin/sh\\nexit 101\\n' > $guard && chmod 755 $guard"
fi
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}"
[ -z "$guard" ] || run rm -f "$guard"
