#!/usr/bin/env bash
# `pnpm -s edgecv <args>`: build the CLI and what it needs (turbo, cached, quiet unless it
# fails), then run it from the folder pnpm was called in. Build output never mixes with the
# command's own output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! (cd "$root" && TURBO_TELEMETRY_DISABLED=1 pnpm exec turbo run build --filter=@edgecv/cli... --output-logs=errors-only) >"$log" 2>&1; then
  cat "$log" >&2
  echo "edgecv: the build failed (output above)" >&2
  exit 2
fi
cd "${INIT_CWD:-$PWD}"
# sharp's advice on glibc: fewer malloc arenas keep libvips' memory flat when images run side by
# side (`images optimize`, `images backfill`, `serve`); the image benchmark runs the CLI with it.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
node "$root/apps/cli/dist/main.js" "$@"
