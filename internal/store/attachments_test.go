package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/store"
)

func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// files lists the files under dir, relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAttachmentFiles(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	d, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
	if err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Dir(f.s.Path())
	attDir := store.AttachmentDir(f.s.Path())
	if got, want := attDir, filepath.Join(dataDir, "attachments"); got != want {
		t.Fatalf("attachment folder = %s, want %s", got, want)
	}
	scan := inkPNG(t, false)
	a, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "确认函.png", Bytes: scan}})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(attDir, a.SHA256[:2], a.SHA256)
	if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, scan) || a.SHA256 != sum(scan) {
		t.Fatalf("file %s = %d bytes, %v", file, len(got), err)
	}
	if got := count(t, f.s.Path(), "attachment_blobs"); got != 0 {
		t.Fatalf("%d contents kept in the database besides the file", got)
	}

	t.Run("OKSameContentOneFile", func(t *testing.T) {
		b, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "再传一次.png", Bytes: scan}})
		if err != nil || b.SHA256 != a.SHA256 || b.ID == a.ID {
			t.Fatalf("second attachment = %+v, %v", b, err)
		}
		if got := files(t, attDir); len(got) != 1 {
			t.Fatalf("attachment folder = %v, want one file", got)
		}
		doc, _ := f.s.Document(ctx, d.ID)
		if len(doc.Attachments) != 2 {
			t.Fatalf("document lists %d attachments", len(doc.Attachments))
		}
	})

	t.Run("Names", func(t *testing.T) {
		pdfBytes := []byte("%PDF-1.4\n%%EOF\n")
		tests := []struct {
			name  string
			in    string
			bytes []byte
			want  string
		}{
			{"POSIXTraversal", "../../etc/passwd", scan, "passwd.png"},
			{"WindowsPath", `C:\x\y.png`, scan, "y.png"},
			{"NUL", "a\x00b.png", scan, "ab.png"},
			{"LeadingDots", "..\\..\\.bashrc", pdfBytes, "bashrc.pdf"},
			{"OnlyDots", "..", pdfBytes, "扫描件.pdf"},
			{"WrongExtension", "合同.exe", scan, "合同.exe.png"},
			{"ExtensionCase", "SCAN.PDF", pdfBytes, "SCAN.PDF"},
			{"Long", strings.Repeat("签", 300) + ".png", scan, strings.Repeat("签", 58) + ".png"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: tt.in, Bytes: tt.bytes}})
				if err != nil {
					t.Fatal(err)
				}
				if got.FileName != tt.want {
					t.Fatalf("name = %q, want %q", got.FileName, tt.want)
				}
				back, data, err := f.s.DocumentAttachment(ctx, got.ID)
				if err != nil || back.FileName != tt.want || !bytes.Equal(data, tt.bytes) {
					t.Fatalf("read back = %q, %d bytes, %v", back.FileName, len(data), err)
				}
			})
		}
		// Whatever the names, the data directory holds only the database,
		// its log, and files named by hash in the attachment folder.
		for _, p := range files(t, dataDir) {
			dir, name := filepath.Split(p)
			switch {
			case strings.HasPrefix(p, "reqdesk.db"):
			case strings.HasPrefix(p, "attachments/") && len(name) == 64 && dir == "attachments/"+name[:2]+"/":
			default:
				t.Errorf("unexpected file %s in the data directory", p)
			}
		}
	})

	t.Run("ErrDamagedFile", func(t *testing.T) {
		if err := os.WriteFile(file, append([]byte(nil), scan[:100]...), 0o600); err != nil {
			t.Fatal(err)
		}
		_, _, err := f.s.DocumentAttachment(ctx, a.ID)
		if apperr.CodeOf(err) != apperr.NotFound || !strings.Contains(err.Error(), "已损坏") {
			t.Fatalf("damaged file: %v", err)
		}
		// The same content attached again repairs the file.
		if _, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "重扫.png", Bytes: scan}}); err != nil {
			t.Fatal(err)
		}
		if _, data, err := f.s.DocumentAttachment(ctx, a.ID); err != nil || !bytes.Equal(data, scan) {
			t.Fatalf("after repair: %v", err)
		}
	})

	t.Run("ErrMissingFile", func(t *testing.T) {
		other := append(inkPNG(t, false), 0) // different content, still a PNG
		b, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "另一张.png", Bytes: other}})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(attDir, b.SHA256[:2], b.SHA256)); err != nil {
			t.Fatal(err)
		}
		_, _, err = f.s.DocumentAttachment(ctx, b.ID)
		if apperr.CodeOf(err) != apperr.NotFound || !strings.Contains(err.Error(), "另一张.png") {
			t.Fatalf("missing file: %v", err)
		}
		if _, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeArchive}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("archive with a scan missing: %v", err)
		}
		if _, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "补上.png", Bytes: other}}); err != nil {
			t.Fatal(err)
		}
		if _, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeArchive}); err != nil {
			t.Fatalf("archive: %v", err)
		}
	})

	t.Run("ErrReadOnlyWritesNoFile", func(t *testing.T) {
		before := files(t, attDir)
		f.s.SetReadOnly(true)
		defer f.s.SetReadOnly(false)
		fresh := append(inkPNG(t, false), 1, 2)
		if _, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "只读.png", Bytes: fresh}}); err != store.ErrReadOnly {
			t.Fatalf("read-only: %v", err)
		}
		if after := files(t, attDir); len(after) != len(before) {
			t.Fatalf("a file was written while read-only: %v", after)
		}
	})
}

func TestAttachmentChecks(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	d, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
	if err != nil {
		t.Fatal(err)
	}
	scan := inkPNG(t, false)
	atLimit := append([]byte("%PDF-1.4\n"), make([]byte, document.MaxAttachment-9)...)
	tests := []struct {
		name  string
		in    document.AttachmentInput
		field string
		key   string
	}{
		{"ErrBrokenPNG", document.AttachmentInput{FileName: "a.png", Bytes: append(append([]byte(nil), scan[:16]...), make([]byte, 64)...)}, "bytes", "image_invalid"},
		{"ErrHTMLNamedPNG", document.AttachmentInput{FileName: "a.png", Mime: "image/png", Bytes: []byte("<html><script>alert(1)</script>")}, "bytes", "file_type"},
		{"ErrExecutable", document.AttachmentInput{FileName: "scan.pdf", Bytes: []byte("MZ\x90\x00\x03\x00\x00\x00")}, "bytes", "file_type"},
		{"ErrOneOverLimit", document.AttachmentInput{FileName: "big.pdf", Bytes: append(atLimit, 0)}, "bytes", "too_large"},
		{"ErrBlankName", document.AttachmentInput{FileName: "  ", Bytes: scan}, "fileName", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: tt.in})
			if fieldKeys(err)[tt.field] != tt.key {
				t.Fatalf("err = %v, want %s: %s", err, tt.field, tt.key)
			}
		})
	}
	if got := files(t, filepath.Dir(f.s.Path())); len(got) > 0 {
		for _, p := range got {
			if strings.HasPrefix(p, "attachments/") {
				t.Fatalf("a refused file was kept: %s", p)
			}
		}
	}
	t.Run("OKAtLimit", func(t *testing.T) {
		a, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "big.pdf", Bytes: atLimit}})
		if err != nil || a.Size != document.MaxAttachment || a.Mime != "application/pdf" {
			t.Fatalf("attachment at the limit = %+v, %v", a, err)
		}
	})
}

// TestSnapshotCarriesAttachments checks that a snapshot holds the files of
// its attachments, and that opening it elsewhere (a restore on another
// laptop) writes them out again, checked against their hashes.
func TestSnapshotCarriesAttachments(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	d, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
	if err != nil {
		t.Fatal(err)
	}
	scan, other := inkPNG(t, false), []byte("%PDF-1.4\n签字页\n")
	var ids []string
	for _, in := range []document.AttachmentInput{{FileName: "a.png", Bytes: scan}, {FileName: "b.png", Bytes: scan}, {FileName: "c.pdf", Bytes: other}} {
		a, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: in})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	snap := filepath.Join(t.TempDir(), "copy", "reqdesk.db")
	if err := f.s.Snapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if got := count(t, snap, "attachment_blobs"); got != 2 {
		t.Fatalf("snapshot holds %d files, want 2 (one per content)", got)
	}
	if _, err := os.Stat(snap + "-wal"); err == nil {
		t.Fatal("the snapshot is not one file: it has a write-ahead log")
	}
	sumry, err := store.Describe(ctx, snap)
	if err != nil || sumry.Attachments != 3 || sumry.MissingAttachments != 0 {
		t.Fatalf("summary = %+v, %v", sumry, err)
	}
	if got := count(t, f.s.Path(), "attachment_blobs"); got != 0 {
		t.Fatalf("the live database kept %d contents", got)
	}

	restored, err := store.Open(ctx, snap, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	for _, id := range ids {
		if _, _, err := restored.DocumentAttachment(ctx, id); err != nil {
			t.Fatalf("attachment %s in the restored copy: %v", id, err)
		}
	}
	if got := files(t, store.AttachmentDir(snap)); len(got) != 2 {
		t.Fatalf("restored attachment folder = %v", got)
	}
	if got := count(t, snap, "attachment_blobs"); got != 0 {
		t.Fatalf("%d contents left in the restored database", got)
	}

	t.Run("MissingFileLeftOut", func(t *testing.T) {
		if err := os.Remove(filepath.Join(store.AttachmentDir(f.s.Path()), sum(other)[:2], sum(other))); err != nil {
			t.Fatal(err)
		}
		snap := filepath.Join(t.TempDir(), "reqdesk.db")
		if err := f.s.Snapshot(ctx, snap); err != nil {
			t.Fatalf("a missing file stops the backup: %v", err)
		}
		sumry, err := store.Describe(ctx, snap)
		if err != nil || sumry.Attachments != 3 || sumry.MissingAttachments != 1 {
			t.Fatalf("summary = %+v, %v", sumry, err)
		}
	})
}

// TestSnapshotKnowsWhenItWasMade checks that a copy records when it was
// made, so a backup uploaded or copied later still tells its own time, and
// that a later snapshot records its own.
func TestSnapshotKnowsWhenItWasMade(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	snap := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Snapshot(ctx, snap); err != nil {
		t.Fatal(err)
	}
	// Time passes; the copy is copied elsewhere (as an upload does).
	clk.Add(72 * time.Hour)
	moved := filepath.Join(t.TempDir(), "reqdesk-imported-later.db")
	if err := os.Rename(snap, moved); err != nil {
		t.Fatal(err)
	}
	sum, err := store.Describe(ctx, moved)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sum.MadeAt, now; !got.Equal(want) {
		t.Fatalf("MadeAt = %v, want %v", got, want)
	}
	live, err := store.Describe(ctx, s.Path())
	if err != nil || !live.MadeAt.IsZero() {
		t.Fatalf("the live database says it was made at %v (%v)", live.MadeAt, err)
	}
	again := filepath.Join(t.TempDir(), "again.db")
	if err := s.Snapshot(ctx, again); err != nil {
		t.Fatal(err)
	}
	if sum, err := store.Describe(ctx, again); err != nil || !sum.MadeAt.Equal(now.Add(72*time.Hour)) {
		t.Fatalf("second snapshot MadeAt = %v (%v)", sum.MadeAt, err)
	}
}
