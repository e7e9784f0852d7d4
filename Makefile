# Mésothérapie — cours interactif. `make book` builds the HTML book; `make test` runs every test.
# Both create .venv from requirements.lock and fetch the pinned front-end assets first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BOOK_FLAGS := -W -n --keep-going --builder html
PORT ?= 8000

.PHONY: lock help venv assets book test notebooks lab serve student moodle clean bench scale lint

help:
	@echo "make book       build the HTML book into _build/html (warnings are errors)"
	@echo "make test       run every test (unit, data, notebooks with nbval, book build, browser)"
	@echo "make lab        JupyterLab on the course, widgets live"
	@echo "make serve      serve _build/html on http://127.0.0.1:$(PORT)/"
	@echo "make notebooks  execute the notebooks and save their outputs (the reference nbval compares against)"
	@echo "make student    student notebooks without solutions, in _build/student/"
	@echo "make moodle     the quiz bank as Moodle XML, in _build/moodle/"
	@echo "make bench      measure builds, nbval, widget updates and page weights into _build/bench.json"
	@echo "make scale      time the test stages on copies of the book with 5, 15 and 30 chapters (slow)"
	@echo "make clean      remove _build/ (the .venv and _vendor/ stay)"

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

venv: $(STAMP)

assets: $(STAMP)
	$(BIN)/python build_tools/fetch_assets.py

book: venv assets
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)

test: venv assets
	$(BIN)/python build_tools/run_tests.py

notebooks: venv
	$(BIN)/python build_tools/execute_notebooks.py

lab: venv
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --ServerApp.ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks/

serve:
	@test -f _build/html/index.html || { echo "Build the book first: make book"; exit 1; }
	@echo "Le livre est servi sur http://127.0.0.1:$(PORT)/ (Ctrl-C pour arrêter)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

student: venv
	$(BIN)/python -m mesocours.student _build/student

moodle: venv
	$(BIN)/python -m mesocours.quiz.moodle _build/moodle

bench: venv assets
	$(BIN)/python build_tools/bench.py

scale: venv assets
	$(BIN)/python build_tools/scale_probe.py

lint: venv
	$(BIN)/ruff check mesocours tests build_tools

clean:
	rm -rf _build

lock:
	rm -rf _build/lockenv && $(PYTHON) -m venv _build/lockenv
	_build/lockenv/bin/pip install -q -e '.[book,test]' jupyterlab ipykernel nbclient jupytext ruff
	{ echo '# Exact versions installed by `make` into .venv (pip freeze of a working environment; Python 3.11).'; \
	  echo '# Regenerate with `make lock` after changing the ranges in pyproject.toml.'; \
	  _build/lockenv/bin/pip freeze --exclude-editable | grep -v mesocours; } > requirements.lock
