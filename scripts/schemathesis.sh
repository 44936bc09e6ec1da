#!/usr/bin/env bash
# schemathesis (PyPI), pinned, in a virtual environment beside the engines.
#   bash scripts/schemathesis.sh install   create or reuse the virtual environment
#   bash scripts/schemathesis.sh path      print the `st` executable (installing first if needed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCHEMATHESIS_VERSION=4.32.5
home="$(bash deploy/local/infra.sh home)"
venv="$home/venv/schemathesis-$SCHEMATHESIS_VERSION"
install() {
  if [[ -x "$venv/bin/st" ]] && "$venv/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then return; fi
  command -v python3 >/dev/null || { echo "schemathesis: python3 is missing (apt-get install python3 python3-venv)" >&2; exit 1; }
  mkdir -p "$home/venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
}
case "${1:-install}" in
  install) install; echo "schemathesis $SCHEMATHESIS_VERSION in $venv" ;;
  path) install; echo "$venv/bin/st" ;;
  *) echo "usage: $0 install|path" >&2; exit 2 ;;
esac
