# Shorthands for dev.py (which needs only Python 3.11+; make is optional).
PYTHON ?= python3

.PHONY: run test setup lint messages
run:
	$(PYTHON) dev.py run
test:
	$(PYTHON) dev.py test
setup:
	$(PYTHON) dev.py setup
lint:
	.venv/bin/ruff check .
# Re-extract interface strings, merge them into the Chinese catalogue, compile.
messages:
	.venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".*" --no-location --sort-output -o portal/messages.pot .
	.venv/bin/pybabel update -i portal/messages.pot -d portal/translations --no-location --width 100
	.venv/bin/pybabel compile -d portal/translations
