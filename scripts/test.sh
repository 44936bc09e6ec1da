#!/usr/bin/env bash
# The full test suite on real engines: dependencies, engines, lint and typecheck (through Nx,
# cached), then every jest test (unit, integration, end to end). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
bash scripts/ensure-deps.sh
bash deploy/local/infra.sh up
# what test runs that ended hours ago left on the engines' Kafka; housekeeping, so a failure only warns
npm run -s prune-test-topics || echo "prune-test-topics failed (above); the old test topics stay until the next run" >&2
bash scripts/schemathesis.sh install   # the contract checker of test/contracts (PyPI, pinned)
bash apps/console/scripts/ensure-browser.sh   # Debian's chromium and a CJK font for the console's browser tests
npx nx run-many -t lint typecheck build --output-style=stream-without-prefixes
npx tsc -p test/tsconfig.json   # the whole-system tests and repository checks under test/
mkdir -p .cache
npx jest --ci --maxWorkers=2 --json --outputFile=.cache/jest-results.json "$@"
