// Package tests holds the tests that run the built program as a user would:
// the desktop window under Xvfb and the browser end-to-end flows. They need
// the binary `make build` makes, named by REQDESK_BIN; `make test` sets it.
package tests
