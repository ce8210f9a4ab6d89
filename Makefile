# huntbook — two commands on a fresh machine:
#   make run    build everything and open the notebook on the demo organisation
#   make test   every test (installs the test-only system packages it lacks)

GO      ?= go
BIN     := bin/huntbook
GOFLAGS ?=

.PHONY: run build web web-check test test-deps vet fmt-check fuzz bench screenshots clean

run: build
	./$(BIN)

build: web
	$(GO) build $(GOFLAGS) -o $(BIN) ./cmd/huntbook

# The notebook UI: npm ci installs the pinned packages of web/package-lock.json
# (only when they changed), esbuild bundles web/src into web/dist, which the
# Go binary embeds.
web: web/node_modules/.package-lock.json
	cd web && npm run --silent build

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

# Type-checks the TypeScript (strict) and runs its unit tests.
web-check: web/node_modules/.package-lock.json
	cd web && npx tsc --noEmit -p . && npm test --silent

test: test-deps fmt-check vet web web-check
	$(GO) test $(GOFLAGS) -timeout 45m ./...

# Re-makes docs/images/ui-*.png from the browser tests.
screenshots: web
	$(GO) test ./server -run 'TestBrowser' -count=1 -screenshots
	$(GO) test ./internal/cli -run 'TestBrowserRealBackend|TestBrowserSecurityAnalytics' -count=1 -screenshots

test-deps:
	./scripts/test-deps.sh

vet:
	$(GO) vet ./...

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi

# Short fuzz runs of every fuzz target (FUZZTIME=10m for a long run).
FUZZTIME ?= 30s
fuzz:
	./scripts/fuzz-all.sh $(FUZZTIME)

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin web/dist-test web/meta.json
	find web/dist -mindepth 1 ! -name README -delete
