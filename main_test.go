package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := rootCommand()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestCommandLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	t.Run("FlagsAfterSubcommand", func(t *testing.T) {
		out, err := run(t, "demo", "--customers", "3", "--requests", "12", "--data", dir)
		if err != nil || !strings.Contains(out, "12 条需求") {
			t.Fatalf("demo: %v\n%s", err, out)
		}
	})
	t.Run("ErrDemoOnFilledDatabase", func(t *testing.T) {
		// Flags before the subcommand work too.
		_, err := run(t, "--data", dir, "demo")
		if err == nil || !strings.Contains(err.Error(), "已有 12 条需求") {
			t.Fatalf("demo on a filled database: %v", err)
		}
	})
	t.Run("Version", func(t *testing.T) {
		out, err := run(t, "version")
		if err != nil || !strings.HasPrefix(out, "reqdesk ") {
			t.Fatalf("version: %v %q", err, out)
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		if _, err := run(t, "frobnicate"); err == nil {
			t.Fatal("unknown subcommand accepted")
		}
	})
}
