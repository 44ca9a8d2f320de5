#!/usr/bin/env bash
# Installs what edgecv needs on a fresh machine, idempotently: pnpm (the version pinned in
# package.json), the workspace's node modules (from the lockfile), the local servers (moto,
# mongo-java-server) and the template scanners (cfn-lint, checkov) into the cache folder. Safe to
# run again; it reuses what it finds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

want=$(node -p "require('./package.json').packageManager.split('@')[1]")
cache="${EDGECV_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edgecv}"

# The pnpm an earlier run installed into the cache, before looking for one on the PATH.
if [ -x "$cache/pnpm/node_modules/.bin/pnpm" ]; then export PATH="$cache/pnpm/node_modules/.bin:$PATH"; fi
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  # Installed beside the cache, not globally, so we never replace someone's own pnpm.
  echo "edgecv: installing pnpm $want into $cache/pnpm" >&2
  npm install --silent --no-audit --no-fund --prefix "$cache/pnpm" "pnpm@$want" >&2
  export PATH="$cache/pnpm/node_modules/.bin:$PATH"
fi

pnpm install --frozen-lockfile --prefer-offline --reporter=silent >&2

# The installers below run from source but import workspace packages, whose exports point at
# their builds: build those first (turbo, cached; the full build reuses it).
# Quiet unless it fails, as scripts/edgecv.sh builds the CLI.
build_log=$(mktemp)
if ! TURBO_TELEMETRY_DISABLED=1 pnpm exec turbo run build --filter=@edgecv/local-stack... --output-logs=errors-only >"$build_log" 2>&1; then
  cat "$build_log" >&2
  rm -f "$build_log"
  echo "edgecv: building the local stack's packages failed (output above)" >&2
  exit 2
fi
rm -f "$build_log"

# Both install on first use anyway; doing it here makes the first run's wait visible. They go
# into different folders, so they install side by side.
pids=()
if [ -z "${EDGECV_SKIP_SERVER_INSTALL:-}" ]; then
  node --import tsx packages/local-stack/src/installCli.ts >&2 &
  pids+=($!)
fi
if [ -z "${EDGECV_SKIP_SCANNER_INSTALL:-}" ]; then
  node --import tsx apps/infra/src/scanning/installCli.ts >&2 &
  pids+=($!)
fi
for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid"; done

# The portal's browser tests drive Debian's Chromium (never a downloaded browser build). Installed
# only when missing, and only where we may (root with apt-get); elsewhere the tests say what to do.
if [ -z "${EDGECV_SKIP_BROWSER_INSTALL:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "edgecv: installing Debian's chromium for the browser tests" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  else
    echo "edgecv: /usr/bin/chromium is missing; the browser tests need it (as root: apt-get install chromium)" >&2
  fi
fi
