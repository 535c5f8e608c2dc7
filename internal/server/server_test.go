package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

const token = "secret-token"

func newServer(t *testing.T, bindings ...any) *httptest.Server {
	t.Helper()
	if bindings == nil {
		bindings = app.Bindings(app.Deps{Store: openTestStore(t), Log: discardLog(), Version: "test"})
	}
	bind := func(context.Context) []any { return bindings }
	ts := httptest.NewServer(server.New(server.Config{Bind: bind, Assets: testAssets(), Token: token, FileLimits: app.FileLimits,
		Log: discardLog()}).Handler())
	t.Cleanup(ts.Close)
	return ts
}

func openTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.EnsureSettings(context.Background(), settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	return st
}

func testAssets() fstest.MapFS {
	return fstest.MapFS{"index.html": {Data: []byte("<html>需求管家</html>")}}
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// client returns an HTTP client that has opened the one-time link, as a
// browser does: it keeps the session cookie, and sends the session key the
// link's redirect handed over in its fragment with every request, as the
// page does.
func client(t *testing.T, ts *httptest.Server) *http.Client {
	t.Helper()
	c, key := openLink(t, ts)
	c.Transport = keyTransport{key}
	return c
}

// openLink opens the link with a fresh cookie jar and returns the client
// and the session key from the fragment.
func openLink(t *testing.T, ts *httptest.Server) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(ts.URL + "/?token=" + token)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	key, ok := strings.CutPrefix(resp.Request.URL.Fragment, server.KeyFragment)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "需求管家") || !ok || key == "" {
		t.Fatalf("token visit: %d %s (fragment %q)", resp.StatusCode, body, resp.Request.URL.Fragment)
	}
	return c, key
}

// keyTransport adds the session key to every request.
type keyTransport struct{ key string }

func (k keyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(server.KeyHeader, k.key)
	return http.DefaultTransport.RoundTrip(r)
}

func call(t *testing.T, c *http.Client, ts *httptest.Server, method string, args ...any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(args)
	req, _ := http.NewRequest("POST", ts.URL+"/api/"+method, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(server.CallHeader, "1")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func TestAuth(t *testing.T) {
	ts := newServer(t)
	tests := []struct {
		name string
		req  func() *http.Request
		want int
	}{
		{"ErrNoToken", func() *http.Request { r, _ := http.NewRequest("GET", ts.URL+"/", nil); return r }, 401},
		{"ErrWrongToken", func() *http.Request { r, _ := http.NewRequest("GET", ts.URL+"/?token=guess", nil); return r }, 401},
		{"ErrAPIWithoutCookie", func() *http.Request {
			r, _ := http.NewRequest("POST", ts.URL+"/api/SystemApp/Info", strings.NewReader("[]"))
			r.Header.Set("Content-Type", "application/json")
			return r
		}, 401},
		{"ErrWrongCookie", func() *http.Request {
			r, _ := http.NewRequest("GET", ts.URL+"/", nil)
			r.AddCookie(&http.Cookie{Name: server.CookieName, Value: "guess"})
			return r
		}, 401},
		{"ErrForeignHost", func() *http.Request {
			r, _ := http.NewRequest("GET", ts.URL+"/?token="+token, nil)
			r.Host = "evil.example.com"
			return r
		}, 403},
		{"ErrTokenAsCookie", func() *http.Request {
			r, _ := http.NewRequest("GET", ts.URL+"/", nil)
			r.AddCookie(&http.Cookie{Name: server.CookieName, Value: token})
			return r
		}, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.DefaultTransport.RoundTrip(tt.req())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	t.Run("CookieIsStrict", func(t *testing.T) {
		req, _ := http.NewRequest("GET", ts.URL+"/?token="+token, nil)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		c := resp.Cookies()
		if len(c) != 1 || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode || c[0].Value == token {
			t.Fatalf("cookies = %+v", c)
		}
		if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/#"+server.KeyFragment) || strings.Contains(loc, c[0].Value) {
			t.Fatalf("redirect to %q", loc)
		}
	})
}

func TestCall(t *testing.T) {
	ts := newServer(t)
	c := client(t, ts)
	t.Run("OK", func(t *testing.T) {
		code, out := call(t, c, ts, "SettingsApp/Get")
		if code != 200 || out["profileName"] != "李娜" {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		code, out := call(t, c, ts, "CustomersApp/Create", map[string]any{"fields": map[string]any{"name": ""}})
		if code != 422 || out["code"] != "invalid" {
			t.Fatalf("%d %v", code, out)
		}
		fields, _ := out["fields"].([]any)
		if len(fields) != 1 || fields[0].(map[string]any)["field"] != "name" {
			t.Fatalf("fields = %v", out["fields"])
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		code, out := call(t, c, ts, "RequestsApp/Get", "missing")
		if code != 404 || out["code"] != "not_found" {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("ErrUnknownMethod", func(t *testing.T) {
		code, _ := call(t, c, ts, "RequestsApp/Drop")
		if code != 404 {
			t.Fatalf("status = %d", code)
		}
	})
	t.Run("ErrArgCount", func(t *testing.T) {
		code, out := call(t, c, ts, "RequestsApp/Get")
		if code != 400 || out["code"] != "invalid" {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("ErrArgType", func(t *testing.T) {
		code, _ := call(t, c, ts, "RequestsApp/Update", "id", "not-a-number", map[string]any{})
		if code != 400 {
			t.Fatalf("status = %d", code)
		}
	})
	t.Run("ErrNoCallHeader", func(t *testing.T) {
		// What a cross-site form or a simple fetch could send.
		resp, err := c.Post(ts.URL+"/api/SettingsApp/Get", "application/json", strings.NewReader("[]"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Fatalf("status = %d, want 403", resp.StatusCode)
		}
	})
	t.Run("SecurityHeaders", func(t *testing.T) {
		resp, err := c.Get(ts.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") ||
			resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Fatalf("headers = %v", resp.Header)
		}
	})
	t.Run("ErrNotJSON", func(t *testing.T) {
		resp, err := c.Post(ts.URL+"/api/SettingsApp/Get", "text/plain", strings.NewReader("[]"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 415 {
			t.Fatalf("status = %d", resp.StatusCode)
		}
	})
}

type panicky struct{}

func (panicky) Boom() (string, error) { panic("kaput") }
func (panicky) Fail() error           { return io.ErrUnexpectedEOF }

func TestCallUnexpected(t *testing.T) {
	ts := newServer(t, &panicky{})
	c := client(t, ts)
	for _, m := range []string{"panicky/Boom", "panicky/Fail"} {
		t.Run(m, func(t *testing.T) {
			code, out := call(t, c, ts, m)
			if code != 500 || out["code"] != "internal" || strings.Contains(out["message"].(string), "EOF") {
				t.Fatalf("%d %v", code, out)
			}
		})
	}
}

// TestInvalidUTF8IsRefused: JSON decoding turns bytes that are not UTF-8
// into U+FFFD without a word; the text rules refuse it, naming the field,
// and nothing is stored.
func TestInvalidUTF8IsRefused(t *testing.T) {
	ts := newServer(t)
	c := client(t, ts)
	_, before := call(t, c, ts, "SettingsApp/Vocabularies")
	req, _ := http.NewRequest("POST", ts.URL+"/api/SettingsApp/AddVocabItem", strings.NewReader("[\"type\",\"咨询\xff\xfe\"]"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(server.CallHeader, "1")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Code   string              `json:"code"`
		Fields []apperr.FieldError `json:"fields"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusUnprocessableEntity || len(out.Fields) != 1 || out.Fields[0].Field != "label" || out.Fields[0].Key != "invalid_text" {
		t.Fatalf("%d %+v", resp.StatusCode, out)
	}
	if _, after := call(t, c, ts, "SettingsApp/Vocabularies"); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatal("the word lists changed")
	}
}
