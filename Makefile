# Mésothérapie — cours interactif. `make book` builds the HTML book; `make test` runs every test.
# Both create .venv from requirements.lock and fetch the pinned front-end assets first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BOOK_FLAGS := -W -n --keep-going --builder html
PORT ?= 8000
# JupyterLab settings every user of .venv gets (French interface, no news fetched: build_tools/lab/overrides.json)
# and the mesocours-lab extension (author-year citations, French exercise labels), by build_tools/lab_install.py
LAB_SETTINGS := $(VENV)/share/jupyter/labextensions/mesocours-lab/static/references.json
LAB_SOURCES := build_tools/lab_install.py build_tools/lab/overrides.json book/references.bib \
  $(wildcard build_tools/lab/mesocours-lab/*.json build_tools/lab/mesocours-lab/static/*)
# `make lab STUDENT=1` opens the student notebooks (`make student`), the exact files a student is given
LAB_DIR := $(if $(STUDENT),_build/student,notebooks)

.PHONY: lock help venv assets book test notebooks lab lab-student lab-forms serve student moodle anki binder pdf clean bench scale lint

help:
	@echo "make book       build the HTML book into _build/html (warnings are errors)"
	@echo "make test       run every test (unit, data, notebooks with nbval, book build, browser)"
	@echo "make lab        JupyterLab (in French) on the course, widgets live; STUDENT=1: on the student notebooks"
	@echo "make lab-student  the same as make lab STUDENT=1"
	@echo "make lab-forms  rewrite our directives in notebooks into their JupyterLab form (build_tools/lab_forms.py)"
	@echo "make serve      serve _build/html on http://127.0.0.1:$(PORT)/"
	@echo "make notebooks  execute the notebooks and save their outputs (the reference nbval compares against)"
	@echo "make student    student notebooks without solutions, in _build/student/"
	@echo "make moodle     the quiz bank as Moodle XML, in _build/moodle/"
	@echo "make anki       the glossary and quiz bank as an Anki package, _build/anki/cours-mesotherapie.apkg"
	@echo "make pdf        the whole course as PDF (teacher and student variants), in _build/pdf/"
	@echo "make binder     regenerate binder/ (Binder, JupyterHub images) from requirements.lock"
	@echo "make bench      measure builds, nbval, widget updates and page weights into _build/bench.json"
	@echo "make scale      time the test stages on copies of the book with the course's own chapters and 30 (slow)"
	@echo "make clean      remove _build/ (the .venv and _vendor/ stay)"

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python build_tools/lab_install.py
	@touch $@

$(LAB_SETTINGS): $(LAB_SOURCES) | $(STAMP)
	$(BIN)/python build_tools/lab_install.py

venv: $(STAMP) $(LAB_SETTINGS)

assets: $(STAMP)
	$(BIN)/python build_tools/fetch_assets.py

book: venv assets
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)

test: venv assets
	$(BIN)/python build_tools/run_tests.py

notebooks: venv
	$(BIN)/python build_tools/figure_alts.py
	$(BIN)/python build_tools/execute_notebooks.py

lab: venv $(LAB_SETTINGS) $(if $(STUDENT),student,)
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --ServerApp.ip=127.0.0.1 \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  $(if $(filter 0,$(shell id -u)),--allow-root,) $(LAB_DIR)/

lab-student:
	$(MAKE) lab STUDENT=1

lab-forms: venv
	$(BIN)/python build_tools/lab_forms.py

serve:
	@test -f _build/html/index.html || { echo "Build the book first: make book"; exit 1; }
	@echo "Le livre est servi sur http://127.0.0.1:$(PORT)/ (Ctrl-C pour arrêter)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

student: venv
	$(BIN)/python -m mesocours.student _build/student

moodle: venv
	$(BIN)/python -m mesocours.quiz.moodle _build/moodle

anki: venv
	$(BIN)/python -m mesocours.anki _build/anki/cours-mesotherapie.apkg

pdf: venv assets
	$(BIN)/python -m mesocours.pdf.build

binder: venv
	$(BIN)/python build_tools/binder.py

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
	_build/lockenv/bin/pip install -q -e '.[book,test,lab,export]' ipykernel nbclient jupytext ruff
	{ echo '# Exact versions installed by `make` into .venv (pip freeze of a working environment; Python 3.11).'; \
	  echo '# Regenerate with `make lock` after changing the ranges in pyproject.toml.'; \
	  _build/lockenv/bin/pip freeze --exclude-editable | grep -v mesocours; } > requirements.lock
