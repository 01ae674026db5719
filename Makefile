# troupe — the two commands a newcomer types: `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/troupe

.PHONY: deps web-deps pg-deps build demo test web-test bench reliability embed-migrations clean

deps:
	@./scripts/install-deps

# Debian's chromium for the browser suite (Playwright drives it; it never downloads a browser).
web-deps:
	@./scripts/install-deps chromium

# PostgreSQL 15 for the tests that run against the second engine (a throwaway cluster, scripts/pg-cluster).
pg-deps:
	@./scripts/install-deps postgresql-15

build: deps
	$(SWIFT) build

demo: build
	$(BIN) demo

# The end-to-end CLI tests run processes and wait for them; they get a test process of their own
# so that they never hold the threads timing-sensitive async tests need.
# Then the browser suite: every page of `troupe web` in Chromium (screenshots in .build/web-screens/).
# All three run under scripts/with-pg: a throwaway PostgreSQL 15 cluster, its URL in
# TROUPE_TEST_DATABASE_URL, stopped at the end even when a test fails (the status is the tests').
test: deps venv web-deps pg-deps
	$(SWIFT) build --build-tests
	./scripts/with-pg sh -c '\
	    $(SWIFT) test --skip-build --skip TroupeCLITests && \
	    $(SWIFT) test --skip-build --filter TroupeCLITests && \
	    $(WEB_TEST)'

# The browser suite alone.
WEB_TEST := PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 .venv/bin/python Tests/web/check_pages.py $(BIN)
web-test: build venv web-deps
	$(WEB_TEST)

# Benchmarks (release builds, several minutes; never part of `make test`). The PostgreSQL ones
# share one throwaway cluster (scripts/with-pg; TROUPE_TEST_DATABASE_URL set: that server instead).
bench: deps pg-deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark --target LineageBenchmark
	./scripts/bench-lineage-cli
	./scripts/bench-prompt
	./scripts/bench-stream
	./scripts/bench-http
	./scripts/bench-sim
	./scripts/bench-batch-scale
	./scripts/bench-batch-throughput
	./scripts/bench-web
	./scripts/with-pg sh -c './scripts/bench-pg-lineage && ./scripts/bench-pg-batch'

# The reliability suite (several minutes): kill -9 during a batch, a flaky provider, and kill -9
# among three workers sharing one PostgreSQL catalogue (a throwaway cluster through scripts/with-pg;
# skipped, saying so, only when PostgreSQL 15 cannot be installed).
reliability: deps
	./scripts/reliability

# Regenerate Sources/TroupeCatalog/Catalog+EmbeddedMigrations.swift from migrations/*.sql and
# migrations/postgres/*.sql.
embed-migrations:
	./scripts/embed-migrations

clean:
	rm -rf .build

# Python virtual environment with the official openai and acedatacloud SDKs, used by the
# simulator's SDK tests, and Playwright for the browser suite (its browser download skipped: it
# drives Debian's chromium). One stamp per pinned version: a new pin re-runs pip on an existing .venv.
OPENAI_SDK := 3.54.0
ACEDATA_SDK := 2026.10.20.0
PLAYWRIGHT := 1.65.2
.PHONY: venv
venv: .venv/.openai-$(OPENAI_SDK) .venv/.acedatacloud-$(ACEDATA_SDK) .venv/.playwright-$(PLAYWRIGHT)
.venv/bin/python:
	python3 -m venv .venv
.venv/.openai-$(OPENAI_SDK): | .venv/bin/python
	.venv/bin/pip install -q openai==$(OPENAI_SDK)
	touch $@
.venv/.acedatacloud-$(ACEDATA_SDK): | .venv/bin/python
	.venv/bin/pip install -q acedatacloud==$(ACEDATA_SDK)
	touch $@
.venv/.playwright-$(PLAYWRIGHT): | .venv/bin/python
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 .venv/bin/pip install -q playwright==$(PLAYWRIGHT)
	touch $@
