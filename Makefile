# troupe — the two commands a newcomer types: `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/debug/troupe

.PHONY: deps build demo test embed-migrations clean

deps:
	@./scripts/install-deps

build: deps
	$(SWIFT) build

demo: build
	./scripts/demo

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Regenerate Sources/TroupeCatalog/EmbeddedMigrations.swift from migrations/*.sql.
embed-migrations:
	./scripts/embed-migrations

clean:
	rm -rf .build
