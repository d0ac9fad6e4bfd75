#!/usr/bin/env bash
# Set up everything the book and the tests need on a fresh Debian machine with Python 3.11:
# Debian packages (hunspell for the spell check, chromium for the browser tests, git),
# the npm package configurable-http-proxy (for the JupyterHub test), and a virtual
# environment .venv with the pinned Python packages. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

want=(hunspell hunspell-no)
[ "${1:-}" = "--dev" ] && want+=(chromium git)
missing=()
for pkg in "${want[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installerer Debian-pakker: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The hub test needs configurable-http-proxy (npm), pinned in package.json/package-lock.json
# and installed into ./node_modules, never globally. Node and npm come from Debian if absent.
if [ "${1:-}" = "--dev" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installerer Debian-pakker: nodejs npm"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends nodejs npm
  fi
  if [ ! -x node_modules/.bin/configurable-http-proxy ] || \
     [ "$(node_modules/.bin/configurable-http-proxy --version 2>/dev/null)" != "$(node -p 'require("./package.json").devDependencies["configurable-http-proxy"]')" ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
reqs=requirements.txt
[ "${1:-}" = "--dev" ] && reqs=requirements-dev.txt
stamp=.venv/.installed-$(cat "$reqs" requirements.txt constraints.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$reqs"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
