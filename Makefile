# The README's two commands are `make serve` and `make test`; each sets itself up (scripts/setup.sh).
PORT ?= 8000
PY := .venv/bin/python
PYTHON_FILES := somekurs tests scripts benchmarks

.PHONY: serve build test test-fast lint format clean benchmark loadtest notebooks regenerate scorm

## Build the HTML book and serve it on http://127.0.0.1:$(PORT)
serve: build
	$(PY) scripts/serve_book.py _build/html --port $(PORT)

## The bokmål book into _build/html/, then the nynorsk edition into _build/html/nn/ (somekurs/nnbook.py)
build:
	bash scripts/setup.sh
	.venv/bin/jupyter-book build . -W -n --keep-going
	$(PY) -m somekurs.nnbook

## Run the whole test suite: lint, types, data, prose, book build, notebooks (nbval), browser, hub
test:
	bash scripts/setup.sh --dev
	bash scripts/test.sh

## The fast loop while working on the code (under two minutes): lint, types and every test that
## needs no book build, no browser, no hub and no notebook server. `make test` stays the one gate.
test-fast: lint
	SOMEKURS_PROGRESS="$$(mktemp -d)/fremdrift.json" $(PY) -m pytest -q -p no:cacheprovider \
	  -m "not book and not browser and not slow" tests

## Formatting, lint and type checks over all Python (also run by `make test` and pre-commit)
lint:
	@[ -x .venv/bin/ruff ] || bash scripts/setup.sh --dev
	.venv/bin/ruff format --check $(PYTHON_FILES)
	.venv/bin/ruff check $(PYTHON_FILES)
	.venv/bin/mypy

format:
	.venv/bin/ruff format $(PYTHON_FILES)
	.venv/bin/ruff check --fix $(PYTHON_FILES)

clean:
	rm -rf _build

## Measure build, notebooks, memory, import and page weight; writes benchmarks/resultater.md
## (with the last load test's table; LASTTEST=1 runs the load test again first)
benchmark:
	bash scripts/setup.sh --dev
	$(PY) benchmarks/run.py $(if $(LASTTEST),--lasttest)

## The hub load test: a class of 30 at once on a real JupyterHub on 127.0.0.1, with the course's
## set-up and with the default one (about ten minutes); writes benchmarks/lasttest.md and .json,
## which the hub guide's sizing tables come from. LOADTEST_ARGS="--deltakere 50" and so on.
loadtest:
	bash scripts/setup.sh --dev
	$(PY) -m benchmarks.loadtest $(LOADTEST_ARGS)

## Bring every generated artefact up to date, in order (review the diff before committing):
## 1. demo hand-ins (they carry the exercises' fingerprints), 2. the workbook notebooks
## (generated from data/exercises and run), 3. the case-study and instructor notebooks, bokmål and nynorsk (run),
## 4. CHANGELOG.md (from data/changelog.yaml).
regenerate:
	bash scripts/setup.sh
	$(PY) scripts/make_demo_handins.py
	$(PY) -m somekurs.workbook
	$(PY) -m somekurs.plan.notebook
	$(PY) -m somekurs.plan.notebook --nn
	cd notebooks && for nb in *.ipynb; do ../.venv/bin/jupyter nbconvert --to notebook --execute --inplace "$$nb"; done
	cd nn/notebooks && for nb in *.ipynb; do ../../.venv/bin/jupyter nbconvert --to notebook --execute --inplace "$$nb"; done
	$(PY) -m somekurs.nbclean notebooks/*.ipynb nn/notebooks/*.ipynb
	$(PY) -m somekurs.changelog

## SCORM packages for a learning platform: one per module (theme) and one for the whole course, each in
## SCORM 1.2 and 2004, in bokmål and nynorsk (-nn in the name), into _build/scorm/ (the chapter text
## comes from the built book, the nynorsk one from _build/html/nn; --maalform nb|nn builds one standard).
scorm: build
	$(PY) -m somekurs.scorm --book _build/html --out _build/scorm

## Kept for old habits: the same as regenerate
notebooks: regenerate
