# The two set-up commands are `make run` and `make test`; everything else is listed by `make help`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements-dev.lock | cut -c1-12)
PORT ?= 8000
# pytest-xdist workers for the non-browser suite (one per core; WORKERS=0 runs it in one process). Each
# worker has its own test database and Redis database, counted down from REDIS_URL's (see tests/conftest.py).
WORKERS ?= auto

.PHONY: help run test install lint messages migrate seed serve test-unit test-e2e browser axe fonts poppler wrk lock bench-docket bench-supervision bench-import bench-metrics bench-evidence bench-hearing bench-http bench-suite compose-check clean bench-group

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)  ## create .venv and install the locked dependencies

messages: install  ## compile the translations (needs gettext's msgfmt)
	@command -v msgfmt >/dev/null || { echo "installing gettext for msgfmt"; apt-get install -y -qq gettext >/dev/null; }
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: install
	$(PY) manage.py migrate --noinput -v1

run: install messages fonts migrate  ## migrate, load demo data and serve on 127.0.0.1:$(PORT) (HTTP + WebSocket)
	$(PY) manage.py seed_demo
	$(PY) manage.py serve --port $(PORT)

lint: install  ## ruff check and format check, import layers, type check, migrations up to date
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings $(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run -v1

fonts:  ## install the Chinese font the PDFs embed (Debian's fonts-wqy-microhei) when it is missing
	@test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || { echo "installing fonts-wqy-microhei"; apt-get install -y -qq fonts-wqy-microhei >/dev/null || { apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei >/dev/null; }; }

poppler:  ## install pdftotext (Debian's poppler-utils), which the tests read the PDFs back with, when it is missing
	@command -v pdftotext >/dev/null || { echo "installing poppler-utils"; apt-get install -y -qq poppler-utils >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }; }

browser:  ## install Debian's Chromium for the browser tests when it is missing
	@test -x /usr/bin/chromium || { echo "installing chromium"; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

axe:  ## install axe-core (locked in tests/e2e/js/package-lock.json) for the browser tests' accessibility check
	@test -f tests/e2e/js/node_modules/axe-core/axe.min.js || { \
	  command -v npm >/dev/null || { echo "installing npm"; apt-get update -qq && apt-get install -y -qq npm >/dev/null; }; \
	  npm ci --prefix tests/e2e/js --no-audit --no-fund; }

test: install messages fonts poppler lint compose-check browser axe  ## lint, then the whole suite against PostgreSQL/Redis/S3 (browser tests last)
	eval "$$($(PY) tests/service_env.py)" && \
	$(PY) -m pytest tests --ignore=tests/e2e -q -n $(WORKERS) && \
	$(PY) -m pytest tests/e2e -q

test-unit: install messages fonts poppler  ## the suite without the browser tests, in parallel (WORKERS=0: in one process)
	eval "$$($(PY) tests/service_env.py)" && $(PY) -m pytest tests --ignore=tests/e2e -q -n $(WORKERS) $(ARGS)

test-e2e: install messages browser axe  ## only the browser tests
	eval "$$($(PY) tests/service_env.py)" && $(PY) -m pytest tests/e2e -q $(ARGS)

bench-docket: install  ## time the case list API over 100,000 cases in PostgreSQL (ARGS=--rebuild reloads them)
	$(PY) benchmarks/docket.py $(ARGS)

bench-supervision: install  ## time the supervision figures (none, by month, by arbitrator) over the docket benchmark's 100,000 cases
	$(PY) benchmarks/supervision.py $(ARGS)

bench-import: install  ## time manage.py import_cases on a generated file of 100,000 rows (ARGS="--rows N"), first import and re-import
	$(PY) benchmarks/import_cases.py $(ARGS)

bench-metrics: install  ## the supervision figures over 1,000,000 cases against one hand-written SQL query (ARGS=--rebuild reloads them)
	$(PY) benchmarks/metrics.py $(ARGS)

bench-evidence: install  ## time the evidence flow (declare, presigned PUT, finalize) against a plain SDK upload, 50 and 500 MB
	$(PY) benchmarks/evidence.py $(ARGS)

bench-hearing: install messages  ## submissions (capacity, then the sustained rate at p95 < 200 ms) and the WebSocket fan-out against a real daphne server (ARGS="--seconds 60 --parties 200")
	$(PY) benchmarks/hearing.py $(ARGS)

wrk:  ## install the HTTP load generator (Debian's wrk) that bench-http drives the server with, when it is missing
	@command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }

bench-http: install messages wrk  ## the API over HTTP (uvicorn, PostgreSQL pool, Redis) against a bare DRF endpoint on 100,000 cases: ratios, p95 (JSON; see benchmarks/README.md)
	$(PY) benchmarks/http_load.py $(ARGS)

bench-group: install  ## a group action on linked cases: accept + serve 10, 50 and 200 members, seconds and queries per member (ARGS="--sizes 50,200")
	$(PY) benchmarks/group.py $(ARGS)

bench-suite: install messages  ## time the non-browser suite, serial and parallel, against an earlier commit's (BASE=rev)
	$(PY) benchmarks/suite.py $(ARGS)

lock: install  ## re-resolve pyproject.toml into the two lock files
	$(VENV)/bin/pip-compile -q --allow-unsafe --generate-hashes --strip-extras --extra dev -o requirements-dev.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --allow-unsafe --generate-hashes --strip-extras -o requirements.lock pyproject.toml

compose-check:  ## validate docker-compose.yml (Debian's docker-compose parses it without an engine)
	@command -v docker-compose >/dev/null || { echo "installing docker-compose"; apt-get install -y -qq docker-compose >/dev/null; }
	SECRET_KEY=x ALLOWED_HOSTS=x SITE_URL=https://x S3_PUBLIC_ENDPOINT_URL=https://x POSTGRES_PASSWORD=x \
	MINIO_ROOT_USER=x MINIO_ROOT_PASSWORD=x docker-compose -f docker-compose.yml config -q
	@echo "docker-compose.yml is valid"

clean:  ## remove the virtual environment and the embedded data folder
	rm -rf $(VENV) data
