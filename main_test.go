package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/datadir"
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
		if err != nil || !strings.HasPrefix(out, "reqdesk ") || !strings.Contains(out, "\ncommit ") || !strings.Contains(out, "\nbuilt ") {
			t.Fatalf("version: %v %q", err, out)
		}
	})
	t.Run("ManPage", func(t *testing.T) {
		out, err := run(t, "man")
		if err != nil || !strings.HasPrefix(out, ".TH REQDESK 1") || !strings.Contains(out, `.SS "serve`) || !strings.Contains(out, `.SS "user add`) {
			t.Fatalf("man: %v\n%.500s", err, out)
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		if _, err := run(t, "frobnicate"); err == nil {
			t.Fatal("unknown subcommand accepted")
		}
	})
}

func TestSecondInstanceRefused(t *testing.T) {
	dir := t.TempDir()
	unlock, err := datadir.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := run(t, "demo", "--data", dir); !errors.Is(err, datadir.ErrInUse) {
		t.Fatalf("a second process opened a data directory in use: %v", err)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "demo", "--customers", "2", "--requests", "3", "--data", dir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	if msg, err := run(t, "backup", "-o", out, "--data", dir); err != nil || !strings.Contains(msg, out) {
		t.Fatalf("backup: %v %q", err, msg)
	}
	if msg, err := run(t, "restore", out, "--data", dir); err != nil || !strings.Contains(msg, "已从") {
		t.Fatalf("restore: %v %q", err, msg)
	}
	if _, err := run(t, "restore", "--data", dir); err == nil {
		t.Fatal("restore without a file accepted")
	}
	pf := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(pf, []byte("abc\n"), 0o600)
	short := filepath.Join(t.TempDir(), "short.db.age")
	if msg, err := run(t, "backup", "--encrypt", "--passphrase-file", pf, "-o", short, "--data", dir); err == nil ||
		!strings.Contains(err.Error(), "加密口令至少 8 个字符") {
		t.Fatalf("backup with a 3-character passphrase: %v %q", err, msg)
	}
	if _, err := os.Stat(short); err == nil {
		t.Fatal("a refused backup was written")
	}
	// A copy broken off: the message serve mode gives too (app.TestTruncatedEncryptedBackup).
	os.WriteFile(pf, []byte("correct horse battery\n"), 0o600)
	enc := filepath.Join(t.TempDir(), "copy.db.age")
	if msg, err := run(t, "backup", "--encrypt", "--passphrase-file", pf, "-o", enc, "--data", dir); err != nil {
		t.Fatalf("encrypted backup: %v %q", err, msg)
	}
	info, _ := os.Stat(enc)
	os.Truncate(enc, info.Size()/2)
	if msg, err := run(t, "restore", enc, "--passphrase-file", pf, "--data", dir); err == nil ||
		err.Error() != backup.ErrDecrypt.Message {
		t.Fatalf("restore of a truncated backup: %v %q", err, msg)
	}
}
