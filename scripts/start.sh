#!/usr/bin/env bash
# npm start: dependencies, engines, then all five services in the foreground (Ctrl-C stops the
# services; the engines keep running until `npm run infra:down`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
bash deploy/local/infra.sh up
exec node scripts/run-services.js "$@"
