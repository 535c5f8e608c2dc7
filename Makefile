# ReqDesk (需求管家). `make run` and `make test` set up everything they need.
BIN      := build/bin/reqdesk
TAGS     := desktop,production,webkit2_41
VERSION  := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
# Listed, not ./...: frontend/node_modules may hold stray .go files.
GOPKGS   := . ./app/... ./internal/... ./bench/... ./tests/...
GOFILES   = $(shell find . -name '*.go' -not -path './frontend/*')
ARGS     ?=

.PHONY: run test crashtest screenshots build frontend deps deps-test lint lint-go bench dist bindings clean

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
bench: deps build
	go run ./bench/cmd -requests 100000 -seed 1 -bin $(BIN) -out bench/results.md

## dist: release binaries for Linux and Windows
dist: deps frontend
	go build -tags $(TAGS) -trimpath -ldflags "$(LDFLAGS) -s -w" -o build/bin/reqdesk-linux-amd64 .
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -tags desktop,production -trimpath \
		-ldflags "$(LDFLAGS) -s -w -H=windowsgui" -o build/bin/reqdesk-windows-amd64.exe .

## bindings: regenerate the frontend's Wails bindings after changing app/
bindings:
	go run github.com/wailsapp/wails/v2/cmd/wails@v2.16.0 generate module

clean:
	rm -rf build/bin frontend/dist
