# Every target installs what it needs into .venv first, so a fresh clone needs only
# `make demo` (convert the bundled samples into out/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: install bytecode demo serve test lint format golden samples bench clean pdf-cases fidelity fidelity-baseline fuzz knowledge docs \
	fidelity-real fidelity-real-set fidelity-real-baseline fidelity-scan

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,ocr,serve]'
	$(MAKE) --no-print-directory bytecode
	touch $(STAMP)

## bytecode: compile the sources once (an editable install is not compiled by pip, and a
## process that compiles its modules spends ~60 ms of a ~200 ms command on it, issue 29)
SOURCES := qingdan extract normalize schema
bytecode:
	$(BIN)/python -m compileall -q $(SOURCES)

install: $(STAMP)

# What a user who only converts needs: the package without its extras (no test, lint or
# OCR tools). `make install` (and every development target) adds them to the same .venv.
$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

## demo: convert every sample in samples/ into out/ (JSON per file, all.csv/.jsonl/.xlsx);
## samples that need LibreOffice or the OCR extra, when missing, are listed (exit 0)
demo: $(RUN_STAMP)
	$(BIN)/python scripts/demo.py samples out

## serve: the review web app and HTTP API on the bundled samples (issue 28, docs/serve.md):
## http://127.0.0.1:8000/ (data kept in out/serve)
serve: $(STAMP)
	$(BIN)/qingdan serve samples --data out/serve

## test: the whole test suite (installs the system packages the tests need first)
test: $(STAMP)
	scripts/ensure-system-packages
	$(BIN)/pytest

## lint: ruff (lint + format check) and mypy --strict
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	scripts/typecheck

## docs: regenerate the tables in README.md, README.zh.md, docs/formats.md and docs/output.md
## (formats, warning codes, the document and record contract) and schema/document.schema.json
## from the registries; tests/test_docs.py fails while one is stale
docs: $(STAMP)
	$(BIN)/python -m qingdan.reference

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## fuzz: N mutated or generated attachments (every format; .doc through a stub converter) through qingdan convert, each limited to
## 60 s and 1 GiB; the last line is `fuzz: N cases, C crashes, H hangs, M memory blow-ups`;
## failing inputs are kept in fuzz-failures/ (issue 17)
N    ?= 1500
SEED ?= 1
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz --cases $(N) --seed $(SEED)

## golden: regenerate the expected outputs in samples/ on purpose (not those golden.toml
## [elsewhere] names: other tests check them); review `git diff samples/` after
golden: $(STAMP)
	QINGDAN_REGENERATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py tests/qingdan/diff/test_diff_golden.py -q
	git diff --stat -- samples/

## bench: qingdan against raw pdfplumber, camelot and docx2python (issues 4, 9);
## installs the bench extra and LibreOffice, rewrites BENCHMARKS.md and benchmarks/results/
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,ocr,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	scripts/ensure-bench-packages
	$(BIN)/python -m benchmarks

## pdf-cases: rebuild the PDF reader's test PDFs (needs LibreOffice; the PDFs are committed)
pdf-cases: $(STAMP)
	scripts/ensure-pdf-case-packages
	$(BIN)/python -m tests.extract.pdf_cases.make_cases

## samples: render samples/sources/*.json specs into the DOCX/PDF/TXT files in samples/
samples: $(STAMP)
	$(BIN)/python -m samples.make_samples
	git status --short -- samples/

## fidelity: generate N task lists (seed SEED) with their truth, render each as DOCX, PDF
## (LibreOffice) and text, convert them with qingdan and score every record (issue 14);
## rewrites FIDELITY.md and adds benchmarks/results/fidelity/<time>.json
N    ?= 200
SEED ?= 1
fidelity: $(STAMP)
	scripts/ensure-fidelity-packages
	$(BIN)/python -m corpus fidelity --n $(N) --seed $(SEED)

## fidelity-scan: the same measure on scans (issue 30): N lists (default 40) printed and
## turned into page images (corpus/scan.py: 150/200/300 dpi, seals, rotation, light,
## phone perspective), read by OCR; SCANS picks the producers (default: all);
## rewrites FIDELITY-SCAN.md and adds benchmarks/results/fidelity-scan/<time>.json
SCANS ?= scan-150,scan-200,scan-300,scan-200-seal-rotated,scan-200-rotated-light,scan-200-light-photo
fidelity-scan: N = 40
fidelity-scan: $(STAMP)
	scripts/ensure-fidelity-packages
	$(BIN)/python -m corpus fidelity --n $(N) --seed $(SEED) --only $(SCANS) \
		--md FIDELITY-SCAN.md --results benchmarks/results/fidelity-scan

## knowledge: rewrite normalize/data/snapshot.jsonl (the built-in TOML files parsed ahead,
## docs/speed.md) after editing one of them; a test fails while it is out of date
knowledge: $(STAMP)
	$(BIN)/python -c "from qingdan.normalize.snapshot import write_snapshot; print(write_snapshot())"

## fidelity-baseline: rewrite tests/corpus/known_failures.json (the CI ratchet) from the
## committed set on purpose, after a change that fixes (or knowingly breaks) records
fidelity-baseline: $(STAMP)
	$(BIN)/python -m corpus baseline tests/corpus/set --known tests/corpus/known_failures.json
	git diff --stat -- tests/corpus/known_failures.json

## fidelity-real: render the real-shapes skeletons (corpus/real/skeletons, issue 31) in
## every form their source allows, convert them with qingdan and score every record;
## rewrites FIDELITY-REAL.md and adds benchmarks/results/fidelity-real/<time>.json
fidelity-real: $(STAMP)
	scripts/ensure-fidelity-packages
	$(BIN)/python -m corpus fidelity-real

## fidelity-real-set: print the PDFs of the committed real-shapes CI set again into
## tests/corpus/real_set: the skeletons its manifest names, or with REAL_SET='GLOB' the
## skeletons matching GLOB instead (needs LibreOffice)
REAL_SET ?=
fidelity-real-set: $(STAMP)
	scripts/ensure-fidelity-packages
	$(BIN)/python -m corpus real-set tests/corpus/real_set $(if $(REAL_SET),--skeletons '$(REAL_SET)')

## fidelity-real-baseline: rewrite tests/corpus/real_known_failures.json (the real set's
## ratchet) on purpose, after a change that fixes (or knowingly breaks) records
fidelity-real-baseline: $(STAMP)
	$(BIN)/python -m corpus real-baseline tests/corpus/real_set --known tests/corpus/real_known_failures.json
	git diff --stat -- tests/corpus/real_known_failures.json

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
