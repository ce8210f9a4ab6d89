# huntbook — two commands on a fresh machine:
#   make run    build everything and open the notebook on the demo organisation
#   make test   every test (installs the test-only system packages it lacks)

GO      ?= go
BIN     := bin/huntbook
GOFLAGS ?=

.PHONY: run build test test-deps vet fmt-check fuzz bench clean

run: build
	./$(BIN)

build:
	$(GO) build $(GOFLAGS) -o $(BIN) ./cmd/huntbook

test: test-deps fmt-check vet
	$(GO) test $(GOFLAGS) -timeout 45m ./...

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
	rm -rf bin
