#!/usr/bin/env bash
# npm test: install what is missing, then lint, type-check and run every test.
source "$(dirname "$0")/setup.sh"
prepare --for-tests
echo "[test] lint (biome)"
npx biome check .
echo "[test] type-check (tsc)"
npx tsc --noEmit -p tsconfig.json
echo "[test] vitest"
npx vitest run "$@"
