# Shared first steps of `npm start` and `npm test`: everything a fresh clone needs, each step
# skipped when already done. Sourced, not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

require_node() {
  if ! command -v node >/dev/null; then
    echo "Node.js >= 20.19 is required (https://nodejs.org or your distribution's nodejs package)." >&2
    exit 1
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Node.js >= 20.19 is required; found $(node --version)." >&2
    exit 1
  fi
}

install_dependencies() {
  # npm writes node_modules/.package-lock.json on every install: older than the lock means stale.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "[setup] installing npm dependencies…"
    # Not `npm ci`: registries that lack other platforms' optional binaries (biome, swc) make
    # its strict lock check fail. `npm install` installs the same locked versions and skips them.
    npm install --no-audit --no-fund --loglevel=error
  fi
}

prepare() {
  require_node
  install_dependencies
  node --import tsx scripts/prepare.ts "$@"
}
