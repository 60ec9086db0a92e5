# casereview: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
ASSETS := frontend/dist/.built
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run dev test test-postgres lint format bench load crash multi lock security clean

# The development lock: the runtime pins plus the test and lint tools, every file checked
# against its hash (the lock pins pip itself too). Production installs requirements.lock only.
$(INSTALLED): requirements-dev.lock pyproject.toml
	@python=$$(scripts/find-python.sh) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  rm -rf $(VENV); $$python -m venv $(VENV); fi
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

$(ASSETS): frontend/package.json frontend/package-lock.json frontend/build.mjs $(wildcard frontend/src/*)
	@scripts/check-node.sh
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build
	@touch $@

install: $(INSTALLED) $(ASSETS)

# `make run` serves with debugging off, as users see it (styled error pages, never a stack
# trace); `make dev` is the same with Django's debugging pages on, for developers.
run: DEBUG_FLAG := 0
dev: DEBUG_FLAG := 1
run dev: install
	@mkdir -p var
	CASEREVIEW_DEMO=1 $(PY) -m casereview migrate --noinput
	CASEREVIEW_DEMO=1 $(PY) -m casereview seed --scale demo
	@# Seconds the first time, so that the first theme suggestion does not wait for a training.
	CASEREVIEW_DEMO=1 $(PY) -m casereview themes train
	@echo ""
	@echo "  casereview is starting on http://$(HOST):$(PORT)/ (debugging $(if $(filter 1,$(DEBUG_FLAG)),on,off))"
	@echo "  Sign in as 'manager' (or chair, panelchair, police.author, auditor ...) with the password demo-password-2026."
	@echo "  The second step shows the current security code because CASEREVIEW_DEMO=1 (impossible in production)."
	@echo ""
	@echo "  A task worker (chronology imports) runs in the background; its log is var/worker.log."
	@# The worker stops with the server (Ctrl-C reaches both; the trap covers other exits).
	CASEREVIEW_DEMO=1 CASEREVIEW_DEBUG=$(DEBUG_FLAG) $(PY) -m casereview db_worker --interval 1 \
	  > var/worker.log 2>&1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	CASEREVIEW_DEMO=1 CASEREVIEW_DEBUG=$(DEBUG_FLAG) $(PY) -m casereview runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/pytest

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo --no-cache

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The performance benchmarks of QUALITY.md (bench/README.md): builds the national data
# set once under var/bench/, prints each figure with its floor, writes var/bench/results.json.
# PostgreSQL too when DATABASE_URL is set; e.g. make bench BENCH_ARGS="--scale board".
bench: install
	$(PY) -m bench.run $(BENCH_ARGS)

# The operational checks of QUALITY.md, against real servers on 127.0.0.1 only, each bounded
# in users, rounds and time, printing its figures and exiting non-zero when a goal is missed
# (docs/production.md, "Checking it"). load and multi make a scratch database beside
# DATABASE_URL (<name>_load, <name>_multi; the named one is never touched); crash runs its own
# throwaway PostgreSQL cluster under /tmp. E.g. make load LOAD_ARGS="--users 50 --duration 60".
load: install
	@$(PY) -c 'import os, sys; sys.exit(not os.environ.get("DATABASE_URL", "").startswith("postgres"))' \
	  || { echo "make load: set DATABASE_URL=postgres://... (the scratch database is made beside it)" >&2; exit 2; }
	$(PY) -m tests.load.run $(LOAD_ARGS)

crash: install
	$(PY) -m tests.load.crash $(CRASH_ARGS)

multi: install
	@$(PY) -c 'import os, sys; sys.exit(not os.environ.get("DATABASE_URL", "").startswith("postgres"))' \
	  || { echo "make multi: set DATABASE_URL=postgres://... (the scratch database is made beside it)" >&2; exit 2; }
	$(PY) -m tests.load.multi $(MULTI_ARGS)

# Compiles requirements.txt into requirements.lock (runtime) and requirements-dev.txt into
# requirements-dev.lock (runtime + tools, held to the runtime lock's versions), with the
# hashes of the files the package index serves, for every platform and for Python 3.12 up
# (requires-python). Locked versions stay unless a requirements file changed them;
# `make lock LOCK_ARGS=--upgrade` moves the indirect dependencies to their newest releases.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --no-config --universal --python-version 3.12 \
	--generate-hashes --custom-compile-command "make lock" $(LOCK_ARGS)
lock: $(INSTALLED)
	$(UV_COMPILE) --output-file requirements.lock requirements.txt
	$(UV_COMPILE) --constraints requirements.lock --output-file requirements-dev.lock requirements-dev.txt

# The security checks, each reported on its own line. First the quick ones
# (scripts/security-checks.sh, also run by .ci/run): the hostile-uploads corpus through the
# real upload paths (tests/security/, docs/uploads.md) and `check --deploy` with the
# production settings. Then known vulnerabilities in what production installs (pip-audit
# --strict: a package that cannot be audited, say the vulnerability service is out of reach,
# fails the run instead of being skipped), and the same advisories read from PyPI's project
# pages, which cover a pin only when it is the newest release (scripts/pypi_advisories.py).
# Every step runs; the target fails if any did.
security: $(INSTALLED)
	@status=0; \
	PY=$(PY) scripts/security-checks.sh uploads deploy || status=1; \
	$(VENV)/bin/pip-audit --requirement requirements.lock --require-hashes --disable-pip \
	  --strict --progress-spinner off \
	  && echo "security: pip-audit: PASS: no known vulnerabilities" \
	  || { echo "security: pip-audit: FAIL: a known vulnerability above, or a package pip-audit could not audit (is its vulnerability service out of reach?)" >&2; status=1; }; \
	mkdir -p var; $(PY) scripts/pypi_advisories.py requirements.lock > var/pypi-advisories.txt; advisories=$$?; \
	cat var/pypi-advisories.txt; \
	echo "security: pypi-advisories: $$(tail -1 var/pypi-advisories.txt)"; \
	[ $$advisories -eq 0 ] || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var
