#!/usr/bin/env bash
# npm start: install what is missing, then run the whole system on its embedded defaults.
source "$(dirname "$0")/setup.sh"
prepare
exec node --import tsx scripts/start.ts
