# The two commands of the README. Each sets itself up (scripts/setup.sh) on a fresh machine.
PORT ?= 8000

.PHONY: serve build test lint clean benchmark notebooks

## Build the HTML book and serve it on http://127.0.0.1:$(PORT)
serve: build
	.venv/bin/python scripts/serve_book.py _build/html --port $(PORT)

build:
	bash scripts/setup.sh
	.venv/bin/jupyter-book build . -W -n --keep-going

## Run the whole test suite: build, notebooks (nbval), data, prose, browser, hub
test:
	bash scripts/setup.sh --dev
	bash scripts/test.sh

lint:
	.venv/bin/ruff check somekurs tests benchmarks

clean:
	rm -rf _build

## Measure build, notebooks, memory, import and page weight; writes benchmarks/resultater.md
benchmark:
	bash scripts/setup.sh --dev
	.venv/bin/python benchmarks/run.py

## Re-run the case-study notebooks and regenerate the workbook after data changes, so the
## outputs nbval compares are current (review the diff before committing)
notebooks:
	bash scripts/setup.sh
	cd notebooks && for nb in *.ipynb; do ../.venv/bin/jupyter nbconvert --to notebook --execute --inplace "$$nb"; done
	.venv/bin/python -m somekurs.workbook
