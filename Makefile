# Shorthands for dev.py (which needs only Python 3.11+; make is optional).
PYTHON ?= python3

.PHONY: run test setup lint messages vendor-echarts
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
	.venv/bin/pybabel update -i portal/messages.pot -d portal/translations --width 100
	.venv/bin/pybabel compile -d portal/translations
# Re-fetch the vendored Apache ECharts from the npm registry at the pinned version and check it.
ECHARTS_VERSION = 6.1.0
ECHARTS_SHA256 = b66b25aeb4df84e33199dc21694014d336d222cbd9deb0e5a7c14bd6aa0d0fd0
vendor-echarts:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null && \
	tar xzf echarts-$(ECHARTS_VERSION).tgz && \
	echo "$(ECHARTS_SHA256)  package/dist/echarts.min.js" | sha256sum -c - && \
	cp package/dist/echarts.min.js package/LICENSE package/NOTICE $(CURDIR)/portal/static/vendor/echarts/ && \
	rm -rf $$tmp
