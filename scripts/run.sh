#!/usr/bin/env bash
# `npm start` / `npm test` land here: bootstrap (idempotent), then run a workspace script with
# the pnpm that bootstrap found or installed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec pnpm -s "$@"
