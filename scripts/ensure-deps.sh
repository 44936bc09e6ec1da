#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v node >/dev/null || { echo "Node.js 20 is needed (node was not found)" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
((major >= 20)) || { echo "Node.js 20 or later is needed (found $(node --version))" >&2; exit 1; }
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # npm install, not npm ci: npm ci refuses this lock file for lacking other platforms' optional
  # binaries (@swc/core-*, @unrs/resolver-binding-*); install keeps the lock file as it is
  echo "installing npm dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
