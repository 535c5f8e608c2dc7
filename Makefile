# ReqDesk (需求管家). `make run` and `make test` set up everything they need.
BIN      := build/bin/reqdesk
TAGS     := desktop,production,webkit2_41
# The version: the v* tag on HEAD, else CHANGELOG.md's first version as a
# development build (0.1.0-dev+g<commit>), as cmd/dist names its releases.
COMMIT   := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
TAG      := $(shell git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null)
VERSION  := $(if $(TAG),$(patsubst v%,%,$(TAG)),$(shell sed -n 's/^\#\# \[\([0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -1)-dev+g$(COMMIT))
DATE     := $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS  := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.buildDate=$(DATE)
# Listed, not ./...: frontend/node_modules may hold stray .go files.
GOPKGS   := . ./app/... ./cmd/... ./internal/... ./bench/... ./tests/...
GOFILES   = $(shell find . -name '*.go' -not -path './frontend/*')
ARGS     ?=

.PHONY: run test crashtest screenshots build frontend deps deps-test deps-bench deps-dist lint lint-go bench dist release bindings clean

## run: install what is missing, build, open the desktop window (or serve mode without a display)
run: deps build
	scripts/run.sh $(BIN) $(ARGS)

## test: everything: formatting, vet, type-check, unit tests, end-to-end in Chromium, desktop smoke under Xvfb
test: deps-test build lint-go
	cd frontend && npx vitest run
	REQDESK_BIN=$(CURDIR)/$(BIN) go test -count=1 -timeout 40m $(GOPKGS)

deps:
	scripts/setup.sh run

deps-test:
	scripts/setup.sh test

deps-bench:
	scripts/setup.sh bench

deps-dist:
	scripts/setup.sh dist

frontend:
	cd frontend && npm run build

## build: the desktop binary with the frontend embedded
build: frontend
	go build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .

## crashtest: kill the real program 50 times mid-write and check nothing acknowledged is lost
crashtest: deps-test build
	REQDESK_BIN=$(CURDIR)/$(BIN) REQDESK_CRASH_KILLS=50 go test -count=1 -run TestCrashSafety -v ./tests/

## screenshots: rerun the browser and document tests and refresh docs/screenshots/ (page 1 of each document)
screenshots: deps-test build
	UPDATE_SCREENSHOTS=1 go test -count=1 ./internal/pdf/
	UPDATE_SCREENSHOTS=1 REQDESK_BIN=$(CURDIR)/$(BIN) go test -count=1 -run TestBrowserEndToEnd ./tests/

## lint: gofmt, go vet, vue-tsc
lint: lint-go
	cd frontend && npm run typecheck

lint-go:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet $(GOPKGS)

## bench: measure the operations on a generated 100k-request database (cached in $TMPDIR) against
## their floors (raw SQL, bare gofpdf), and the built program's cold start; writes bench/results.md
bench: deps-bench build
	go run ./bench/cmd -requests 100000 -seed 1 -bin $(BIN) -out bench/results.md

## dist: every release file in build/release/: the Windows installer and program, the .deb and .rpm,
## the Linux program, SHA256SUMS and manifest.json (signed when REQDESK_RELEASE_KEY names the key;
## Windows files Authenticode-signed when REQDESK_SIGN_* name a certificate; see README)
dist: deps-dist frontend
	go run ./cmd/dist -out build/release

## release: as dist, but refuses without the release key, on an untagged commit or a modified tree
release: deps-dist frontend
	go run ./cmd/dist -out build/release -release

## bindings: regenerate the frontend's Wails bindings after changing app/
bindings:
	go run github.com/wailsapp/wails/v2/cmd/wails@v2.16.0 generate module

clean:
	rm -rf build/bin build/release frontend/dist
