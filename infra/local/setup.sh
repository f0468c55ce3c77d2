#!/usr/bin/env bash
# Installs what ImageLabelsLive needs on a fresh Debian machine, skipping whatever is already there.
# Sourced by ./run.sh and ./test.sh; every step is idempotent and a second run takes seconds.
# Every step returns non-zero on failure by itself, because callers may run these functions where
# `set -e` does not apply (inside `if` or `||`).
set -euo pipefail

ILL_ROOT="${ILL_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

ill_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ill_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; return 1; fi
}

# apt packages: only when a listed command is missing. Arguments are "command:package" pairs.
ill_apt() {
  local missing=()
  for pair in "$@"; do
    local cmd="${pair%%:*}" pkg="${pair#*:}"
    if [ ! -x "$cmd" ] && ! command -v "$cmd" >/dev/null 2>&1; then missing+=("$pkg"); fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ill_say "apt-get install ${missing[*]}"
  ill_as_root apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive ill_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}

# npm ci in a folder when its lockfile changed since the last install.
ill_npm_ci() {
  local dir="$ILL_ROOT/$1" stamp
  stamp="$dir/node_modules/.ill-lock-hash"
  local hash; hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then return 0; fi
  ill_say "npm ci in $1"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "npm ci failed in $1" >&2; return 1; }
  echo "$hash" > "$stamp"
}

# The frontend is built when its sources are newer than the last build.
ill_build_frontend() {
  local dist="$ILL_ROOT/frontend/dist/index.html"
  if [ -f "$dist" ] && [ -z "$(find "$ILL_ROOT/frontend/src" "$ILL_ROOT/frontend/index.html" "$ILL_ROOT/frontend/package-lock.json" -newer "$dist" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  ill_say "building the frontend"
  (cd "$ILL_ROOT/frontend" && npm run build --silent >/dev/null) || { echo "The frontend build failed." >&2; return 1; }
}

ill_require_tools() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; return 1; }
  command -v node >/dev/null || { echo "Node.js 20 is required (node on PATH)." >&2; return 1; }
}

# What the local stack needs to run.
ill_setup_run() {
  ill_require_tools && ill_npm_ci infra/local/sidecars && ill_npm_ci frontend && ill_build_frontend
}

# What every test suite needs: the run set-up plus the browser, the AWS CLI and the CDK CLI.
ill_setup_test() {
  ill_setup_run && ill_apt /usr/bin/chromium:chromium /usr/bin/aws:awscli && ill_npm_ci infra/aws
}
