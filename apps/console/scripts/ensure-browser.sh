#!/usr/bin/env bash
# Installs what the console's browser tests need from Debian's packages: chromium (driven by
# playwright-core; a browser download at run time is not possible here) and a CJK font, so that
# screenshots show the Chinese screens. As root it installs what is missing; otherwise it says
# what to install. Idempotent. CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$browser" ] || missing+=(chromium)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then missing+=(fonts-wqy-microhei); fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (apt) for the console's browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "the console's browser tests need: ${missing[*]} (sudo apt-get install ${missing[*]}), or CHROMIUM_PATH" >&2
  exit 1
fi
