#!/usr/bin/env bash
# The whole test suite, from a clean build: lint, data, prose, book build (-W -n), every
# built page in Chromium (axe, requests, alt text), unit tests, and nbval over every
# notebook in notebooks/, exercises/, nn/notebooks/ and nn/exercises/ (the nynorsk case studies and workbooks). Run through `make test`, which sets up first.
set -euo pipefail
cd "$(dirname "$0")/.."
export SOMEKURS_PROGRESS="$(mktemp -d)/fremdrift.json"   # never the real home's progress
export JUPYTERLAB_SETTINGS_DIR="$(mktemp -d)"              # nor its JupyterLab settings (somekurs.lablocale)
export PYTHONDONTWRITEBYTECODE=1
rm -rf _build
.venv/bin/ruff format --check somekurs tests scripts benchmarks
.venv/bin/ruff check somekurs tests scripts benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest -p no:cacheprovider --nbval-lax \
  --ignore=notebooks/somekurs --ignore=exercises/somekurs --ignore=nn/notebooks/somekurs --ignore=nn/exercises/somekurs \
  tests notebooks exercises nn/notebooks nn/exercises "$@"
