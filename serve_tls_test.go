package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/tlscert"
)

// syncBuffer is a buffer serve writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `reqdesk serve args…` until the test ends and returns
// what it printed once it printed a line matching re, with re's first
// group.
func startServe(t *testing.T, re *regexp.Regexp, args ...string) (out, match string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var buf syncBuffer
	cmd := rootCommand()
	cmd.SetOut(&buf)
	cmd.SetErr(&buf)
	cmd.SetArgs(append([]string{"serve"}, args...))
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve ended with %v", err)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(buf.String()); m != nil {
			return buf.String(), m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, buf.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no address:\n%s", buf.String())
	return "", ""
}

func TestServeGivenCertificate(t *testing.T) {
	certs := t.TempDir()
	_, fp, err := tlscert.Ensure(certs, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, link := startServe(t, regexp.MustCompile(`(https://127\.0\.0\.1:\d+/\?token=\w+)`),
		"--data", filepath.Join(t.TempDir(), "data"), "--addr", "127.0.0.1:0",
		"--tls-cert", filepath.Join(certs, tlscert.CertFile), "--tls-key", filepath.Join(certs, tlscert.KeyFile))
	if !strings.Contains(out, fp) {
		t.Errorf("the fingerprint %s is not printed:\n%s", fp, out)
	}
	// The link swaps its token for a cookie and sends the browser on.
	client := tlscert.PinnedClient(fp, 10*time.Second)
	client.Jar, _ = cookiejar.New(nil)
	res, err := client.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the link over https: %s", res.Status)
	}
	// Plain HTTP on the same port gets no page.
	plain := strings.Replace(strings.Split(link, "?")[0], "https://", "http://", 1)
	if res, err := http.Get(plain); err == nil {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			t.Errorf("plain http answered: %s %s", res.Status, b)
		}
	}
	t.Run("ErrHalfPair", func(t *testing.T) {
		_, err := run(t, "serve", "--data", filepath.Join(t.TempDir(), "d"), "--tls-cert", filepath.Join(certs, tlscert.CertFile))
		if err == nil || !strings.Contains(err.Error(), "--tls-key") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrBrokenFile", func(t *testing.T) {
		_, err := run(t, "serve", "--data", filepath.Join(t.TempDir(), "d"), "--tls-cert", filepath.Join(certs, "none.pem"),
			"--tls-key", filepath.Join(certs, tlscert.KeyFile))
		if err == nil || !strings.Contains(err.Error(), "证书文件不可用") || !strings.Contains(err.Error(), "none.pem") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestServeNetworkSelfSigned(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := runIn(t, "admin-password\n", "user", "add", "王芳", "--role", "admin", "--password-stdin", "--data", dir); err != nil {
		t.Fatal(err)
	}
	out, base := startServe(t, regexp.MustCompile(`(https://127\.0\.0\.1:\d+)/`), "--data", dir, "--addr", "0.0.0.0:0")
	_, fp, err := tlscert.Ensure(dir, nil) // the one serve made, read again
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "证书指纹 (SHA-256): "+fp) || strings.Contains(out, "http://") {
		t.Errorf("serve printed:\n%s", out)
	}
	client := tlscert.PinnedClient(fp, 10*time.Second)
	client.Jar, _ = cookiejar.New(nil)
	var cookies []*http.Cookie
	post := func(path, body string) []byte {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-ReqDesk-Call", "1")
		req.Header.Set("Origin", base)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s %s", path, res.Status, b)
		}
		cookies = append(cookies, res.Cookies()...)
		return b
	}
	post("/auth/login", `{"name":"王芳","password":"admin-password"}`)
	if len(cookies) != 1 || !cookies[0].Secure || !cookies[0].HttpOnly {
		t.Errorf("the session cookie over https: %+v", cookies)
	}
	var info struct {
		Fingerprint string `json:"fingerprint"`
	}
	if err := json.Unmarshal(post("/api/SystemApp/Info", `[]`), &info); err != nil {
		t.Fatal(err)
	}
	if info.Fingerprint != fp {
		t.Errorf("SystemApp.Info fingerprint %q, want %q", info.Fingerprint, fp)
	}
}
