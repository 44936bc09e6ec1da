#!/usr/bin/env bash
# npm start: dependencies, engines, the console's web build, then the five services and the console in the foreground (Ctrl-C stops the
# services; the engines keep running until `npm run infra:down`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
bash deploy/local/infra.sh up
(cd apps/console && npx vite build --config vite.config.mts --logLevel warn)   # the console's single-page application
exec node scripts/run-services.js "$@"
