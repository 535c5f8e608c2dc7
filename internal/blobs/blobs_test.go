package blobs_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/blobs"
)

func TestPutGet(t *testing.T) {
	root := filepath.Join(t.TempDir(), "attachments")
	d := blobs.New(root)
	data := []byte("%PDF-1.4 签字页")
	sum, err := d.Put(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sum, blobs.Sum(data); got != want {
		t.Fatalf("sum = %s, want %s", got, want)
	}
	p, _ := d.Path(sum)
	if got, want := p, filepath.Join(root, sum[:2], sum); got != want {
		t.Fatalf("path = %s, want %s", got, want)
	}
	got, err := d.Get(sum)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Get = %q, %v", got, err)
	}
	t.Run("OKSameContentOnce", func(t *testing.T) {
		info, _ := os.Stat(p)
		again, err := d.Put(append([]byte(nil), data...))
		if err != nil || again != sum {
			t.Fatalf("second Put = %s, %v", again, err)
		}
		if after, _ := os.Stat(p); !after.ModTime().Equal(info.ModTime()) {
			t.Fatal("the file was written again")
		}
		entries, _ := os.ReadDir(filepath.Dir(p))
		if len(entries) != 1 {
			t.Fatalf("shard holds %d entries, want the one file (no temporary files left)", len(entries))
		}
	})
	t.Run("ErrCorrupt", func(t *testing.T) {
		if err := os.WriteFile(p, []byte("damaged"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Get(sum); !errors.Is(err, blobs.ErrCorrupt) {
			t.Fatalf("damaged file: %v", err)
		}
		if d.Has(sum) {
			t.Fatal("Has a damaged file")
		}
		// Putting the content again repairs it.
		if _, err := d.Put(data); err != nil {
			t.Fatal(err)
		}
		if got, err := d.Get(sum); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("after repair: %q, %v", got, err)
		}
	})
	t.Run("ErrMissing", func(t *testing.T) {
		if _, err := d.Get(blobs.Sum([]byte("never put"))); !errors.Is(err, blobs.ErrMissing) {
			t.Fatalf("missing file: %v", err)
		}
	})
}

func TestPathRefusesNonHashes(t *testing.T) {
	d := blobs.New(t.TempDir())
	for _, sum := range []string{"", "ab", "../../etc/passwd", strings.Repeat("a", 63) + "/",
		strings.Repeat("A", 64), strings.Repeat("g", 64), "../" + strings.Repeat("a", 61)} {
		if p, err := d.Path(sum); err == nil {
			t.Errorf("Path(%q) = %s, want an error", sum, p)
		}
		if _, err := d.Get(sum); err == nil {
			t.Errorf("Get(%q) read something", sum)
		}
	}
}
