package tlscert_test

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/tlscert"
)

// serveTLS starts an HTTPS server on loopback with cert and returns its URL.
func serveTLS(t *testing.T, cert tls.Certificate) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }),
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}}
	go srv.ServeTLS(ln, "", "")
	t.Cleanup(func() { srv.Close() })
	return "https://" + ln.Addr().String()
}

func TestPinnedClient(t *testing.T) {
	cert, fp, err := tlscert.Ensure(t.TempDir(), []string{"reqdesk.example"})
	if err != nil {
		t.Fatal(err)
	}
	url := serveTLS(t, cert)
	t.Run("OK", func(t *testing.T) {
		// Typed by a person: lower case, spaces instead of colons.
		typed := strings.ToLower(strings.ReplaceAll(fp, ":", " "))
		res, err := tlscert.PinnedClient(typed, 5*time.Second).Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if b, _ := io.ReadAll(res.Body); string(b) != "ok" {
			t.Errorf("body %q", b)
		}
	})
	t.Run("ErrMismatch", func(t *testing.T) {
		other, _, err := tlscert.Ensure(t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		wrong := tlscert.Fingerprint(other.Certificate[0])
		_, err = tlscert.PinnedClient(wrong, 5*time.Second).Get(url)
		e, ok := apperr.As(err)
		if !ok || e.Key != "certificate_mismatch" || e.Params["got"] != fp || e.Params["want"] != wrong {
			t.Fatalf("got %v, want certificate_mismatch naming both fingerprints", err)
		}
	})
	t.Run("ErrUnpinnedSelfSigned", func(t *testing.T) {
		// Without a pin the usual verification refuses a self-signed one.
		if _, err := tlscert.PinnedClient("", 5*time.Second).Get(url); err == nil {
			t.Fatal("a self-signed certificate passed the usual verification")
		}
	})
	t.Run("ErrBadPin", func(t *testing.T) {
		if _, err := tlscert.PinnedClient("AB:CD", 5*time.Second).Get(url); err == nil {
			t.Fatal("a malformed fingerprint accepted the server")
		}
	})
}

func TestEnsureReuses(t *testing.T) {
	dir := t.TempDir()
	c1, fp1, err := tlscert.Ensure(dir, []string{"192.168.7.9", "desk.example"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tlscert.Fingerprint(c1.Certificate[0]), fp1; got != want {
		t.Errorf("fingerprint %s, want %s", got, want)
	}
	if len(fp1) != 32*3-1 || strings.ToUpper(fp1) != fp1 {
		t.Errorf("fingerprint %q is not 32 upper-case pairs", fp1)
	}
	st, err := os.Stat(filepath.Join(dir, tlscert.KeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Mode().Perm(), os.FileMode(0o600); got != want {
		t.Errorf("key mode %v, want %v", got, want)
	}
	_, fp2, err := tlscert.Ensure(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fp2 != fp1 {
		t.Errorf("second start made a new certificate: %s, was %s", fp2, fp1)
	}
	leaf, err := tlscert.Load(filepath.Join(dir, tlscert.CertFile), filepath.Join(dir, tlscert.KeyFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"desk.example", "localhost", "192.168.7.9", "127.0.0.1"} {
		if err := leaf.Leaf.VerifyHostname(host); err != nil {
			t.Errorf("certificate not for %s: %v", host, err)
		}
	}
	if left := time.Until(leaf.Leaf.NotAfter); left < 10*365*24*time.Hour {
		t.Errorf("valid only %v more", left)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files left in the directory: %v", entries)
	}
}

func TestEnsureRemakesHalfWrittenPair(t *testing.T) {
	dir := t.TempDir()
	// A first start cut short after the key: no certificate yet.
	if err := os.WriteFile(filepath.Join(dir, tlscert.KeyFile), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := tlscert.Ensure(dir, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := tlscert.Load(filepath.Join(dir, tlscert.CertFile), filepath.Join(dir, tlscert.KeyFile)); err != nil {
		t.Fatal(err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := tlscert.Ensure(dir, nil); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "broken.pem")
	if err := os.WriteFile(broken, []byte("-----BEGIN CERTIFICATE-----\nnot base64\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	if _, _, err := tlscert.Ensure(other, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, cert, key, want string
	}{
		{"ErrBroken", broken, filepath.Join(dir, tlscert.KeyFile), "broken.pem"},
		{"ErrMissing", filepath.Join(dir, "none.pem"), filepath.Join(dir, tlscert.KeyFile), "none.pem"},
		{"ErrOtherKey", filepath.Join(dir, tlscert.CertFile), filepath.Join(other, tlscert.KeyFile), tlscert.CertFile},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tlscert.Load(tc.cert, tc.key)
			e, ok := apperr.As(err)
			if !ok || e.Key != "certificate_invalid" || !strings.Contains(e.Message, tc.want) {
				t.Fatalf("got %v, want certificate_invalid naming %s", err, tc.want)
			}
		})
	}
	t.Run("ErrEnsureKeyGone", func(t *testing.T) {
		if err := os.Remove(filepath.Join(other, tlscert.KeyFile)); err != nil {
			t.Fatal(err)
		}
		_, _, err := tlscert.Ensure(other, nil)
		if e, ok := apperr.As(err); !ok || e.Key != "certificate_invalid" {
			t.Fatalf("got %v, want certificate_invalid", err)
		}
		if _, err := os.Stat(filepath.Join(other, tlscert.KeyFile)); err == nil {
			t.Error("a new key was made beside the old certificate")
		}
	})
}

func TestProbe(t *testing.T) {
	cert, fp, err := tlscert.Ensure(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	url := serveTLS(t, cert)
	ctx := context.Background()
	got, isTLS, err := tlscert.Probe(ctx, url+"/")
	if err != nil || !isTLS || got != fp {
		t.Fatalf("Probe = %s, %v, %v; want %s, true", got, isTLS, err, fp)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	plain := "http://" + ln.Addr().String()
	if got, isTLS, err := tlscert.Probe(ctx, plain); err != nil || isTLS || got != "" {
		t.Errorf("Probe(http) = %q, %v, %v", got, isTLS, err)
	}
	ln.Close()
	for _, tc := range []struct{ name, url, key string }{
		{"ErrScheme", "ftp://host", "probe_url_invalid"},
		{"ErrNoHost", "https://", "probe_url_invalid"},
		{"ErrClosed", plain, "probe_unreachable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tlscert.Probe(ctx, tc.url)
			if e, ok := apperr.As(err); !ok || e.Key != tc.key {
				t.Fatalf("got %v, want %s", err, tc.key)
			}
		})
	}
}

func TestParseFingerprint(t *testing.T) {
	fp := tlscert.Fingerprint([]byte("x"))
	for _, tc := range []struct {
		name, in, want string
		ok             bool
	}{
		{"Colons", fp, fp, true},
		{"LowerSpaces", strings.ToLower(strings.ReplaceAll(fp, ":", " ")), fp, true},
		{"Bare", strings.ReplaceAll(fp, ":", ""), fp, true},
		{"ErrShort", fp[:20], "", false},
		{"ErrLetters", strings.Replace(fp, fp[:2], "ZZ", 1), "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tlscert.ParseFingerprint(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
