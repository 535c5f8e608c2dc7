package server_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// TestLoopbackLink: the one-time link lets one browser in, once, and no
// credential that works against ReqDesk reaches another server on the same
// host, which receives every cookie of 127.0.0.1 whatever its port.
func TestLoopbackLink(t *testing.T) {
	ts := newServer(t)
	c, key := openLink(t, ts)
	info := func(c *http.Client, key string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", ts.URL+"/api/SystemApp/Info", strings.NewReader("[]"))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(server.CallHeader, "1")
		if key != "" {
			req.Header.Set(server.KeyHeader, key)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	t.Run("OKCookieAndKey", func(t *testing.T) {
		if code := info(c, key); code != 200 {
			t.Fatalf("status = %d", code)
		}
	})
	t.Run("ErrCookieAlone", func(t *testing.T) {
		if code := info(c, ""); code != 401 {
			t.Fatalf("status = %d", code)
		}
	})
	t.Run("ErrKeyAlone", func(t *testing.T) {
		if code := info(&http.Client{}, key); code != 401 {
			t.Fatalf("status = %d", code)
		}
	})
	t.Run("ErrLinkAgain", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		other := &http.Client{Jar: jar}
		resp, err := other.Get(ts.URL + "/?token=" + token)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 401 || !strings.Contains(string(body), "已经打开过一次") {
			t.Fatalf("second visit of the link: %d %s", resp.StatusCode, body)
		}
		if code := info(other, key); code != 401 {
			t.Fatalf("a second browser with a stolen key: %d", code)
		}
	})
	t.Run("ErrOtherServerGetsNothing", func(t *testing.T) {
		// Another web server on 127.0.0.1, on another port, visited by the
		// same browser: it receives the browser's cookies for the host.
		var mu sync.Mutex
		var got []*http.Cookie
		var headers http.Header
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			got, headers = r.Cookies(), r.Header.Clone()
			mu.Unlock()
		}))
		defer other.Close()
		resp, err := c.Get(other.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		mu.Lock()
		defer mu.Unlock()
		if len(got) == 0 {
			t.Fatal("the other server received no cookie: the test no longer shows what it should")
		}
		for _, v := range headers {
			for _, h := range v {
				if strings.Contains(h, key) {
					t.Fatalf("the other server received the key in %v", headers)
				}
			}
		}
		// Everything it received, replayed against ReqDesk, opens nothing.
		req, _ := http.NewRequest("POST", ts.URL+"/api/SystemApp/Info", strings.NewReader("[]"))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(server.CallHeader, "1")
		for _, ck := range got {
			req.AddCookie(ck)
			req.Header.Set(server.KeyHeader, ck.Value)
		}
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Fatalf("the other server's cookies %v open ReqDesk: %d", got, resp.StatusCode)
		}
	})
}

// TestFileLimitsListEveryFileMethod: every bound method that takes a
// file's bytes says how large a file it takes, so that serve mode carries
// it (and no new one is held to the ordinary call size by oversight).
func TestFileLimitsListEveryFileMethod(t *testing.T) {
	byteSlice, raw := reflect.TypeFor[[]byte](), reflect.TypeFor[json.RawMessage]()
	var takesBytes func(reflect.Type, int) bool
	takesBytes = func(t reflect.Type, depth int) bool {
		if depth > 5 || t == raw {
			return false
		}
		switch t.Kind() {
		case reflect.Slice:
			return t.ConvertibleTo(byteSlice) || takesBytes(t.Elem(), depth+1)
		case reflect.Pointer, reflect.Array, reflect.Map:
			return takesBytes(t.Elem(), depth+1)
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if f := t.Field(i); f.IsExported() && f.Tag.Get("json") != "-" && takesBytes(f.Type, depth+1) {
					return true
				}
			}
		}
		return false
	}
	var missing, stale []string
	bound := map[string]bool{}
	for _, b := range app.Bindings(app.Deps{}) {
		v := reflect.TypeOf(b)
		for i := 0; i < v.NumMethod(); i++ {
			m := v.Method(i)
			name := server.MethodName(b, m.Name)
			for j := 1; j < m.Type.NumIn(); j++ {
				if takesBytes(m.Type.In(j), 0) {
					bound[name] = true
					if _, ok := app.FileLimits[name]; !ok {
						missing = append(missing, name)
					}
				}
			}
		}
	}
	for name := range app.FileLimits {
		if !bound[name] {
			stale = append(stale, name)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(bound) < 5 || len(missing) > 0 || len(stale) > 0 {
		t.Fatalf("methods taking bytes without a limit in app.FileLimits: %v; limits of methods taking none: %v", missing, stale)
	}
}

// TestUploadSizes: files as large as the README promises (10 MB scans,
// 50 MB workbooks) go through serve mode; larger ones are refused with the
// limit named.
func TestUploadSizes(t *testing.T) {
	ts := newServer(t)
	c := client(t, ts)
	code, cust := call(t, c, ts, "CustomersApp/Create", map[string]any{"fields": map[string]any{"name": "华东制造有限公司", "industry": "制造业"},
		"contacts": []any{map[string]any{"name": "张伟", "phone": "13800138000"}}})
	if code != 200 {
		t.Fatalf("customer: %d %v", code, cust)
	}
	contact := cust["contacts"].([]any)[0].(map[string]any)
	code, req := call(t, c, ts, "RequestsApp/Create", map[string]any{
		"customerId": cust["customer"].(map[string]any)["id"], "contactId": contact["id"], "contactName": "张伟",
		"contactInfo": "13800138000", "channel": "电话", "type": "技术咨询", "urgency": "normal", "title": "咨询系统对接方案",
		"description": "客户希望了解与财务系统对接的接口规范。", "receivedAt": "2024-03-15T09:00:00+08:00", "receivedBy": "李娜"})
	if code != 200 {
		t.Fatalf("request: %d %v", code, req)
	}
	code, doc := call(t, c, ts, "DocumentsApp/Generate", req["id"], "registration")
	if code != 200 {
		t.Fatalf("document: %d %v", code, doc)
	}
	pdfOf := func(size int) []byte {
		b := bytes.Repeat([]byte("0123456789abcdef\n"), size/17+1)[:size]
		copy(b, "%PDF-1.4\n")
		return b
	}
	t.Run("OKScan9MB", func(t *testing.T) {
		code, out := call(t, c, ts, "DocumentsApp/AttachScan", doc["id"], map[string]any{
			"fileName": "签字页.pdf", "mime": "application/pdf", "bytes": pdfOf(9 << 20)})
		if code != 200 || out["size"] != float64(9<<20) {
			t.Fatalf("9 MB scan: %d %v", code, out)
		}
	})
	t.Run("OKScan10MB", func(t *testing.T) {
		code, out := call(t, c, ts, "DocumentsApp/AttachScan", doc["id"], map[string]any{
			"fileName": "签字页.pdf", "mime": "application/pdf", "bytes": pdfOf(document.MaxAttachment)})
		if code != 200 {
			t.Fatalf("10 MB scan: %d %v", code, out)
		}
	})
	t.Run("ErrScanTooLarge", func(t *testing.T) {
		code, out := call(t, c, ts, "DocumentsApp/AttachScan", doc["id"], map[string]any{
			"fileName": "签字页.pdf", "mime": "application/pdf", "bytes": pdfOf(11 << 20)})
		if code != 413 || out["message"] != "文件过大（上限 10 MB）" {
			t.Fatalf("11 MB scan: %d %v", code, out)
		}
		// The connection answered, and the next call goes through.
		if code, _ := call(t, c, ts, "SystemApp/Info"); code != 200 {
			t.Fatalf("call after a refused upload: %d", code)
		}
	})
	t.Run("OKWorkbook50MB", func(t *testing.T) {
		// Not a workbook, but the whole file arrives and the importer
		// judges it, rather than the transport.
		big := bytes.Repeat([]byte{'x'}, xlsx.MaxFileSize)
		code, out := call(t, c, ts, "ExcelApp/DryRun", big)
		if msg, _ := out["message"].(string); code == 413 || strings.Contains(msg, "JSON") || strings.Contains(msg, "过大") {
			t.Fatalf("50 MB workbook: %d %v", code, out)
		}
	})
	t.Run("ErrWorkbookTooLarge", func(t *testing.T) {
		code, out := call(t, c, ts, "ExcelApp/DryRun", bytes.Repeat([]byte{'x'}, xlsx.MaxFileSize+1<<20))
		if code != 413 || out["message"] != "文件过大（上限 50 MB）" {
			t.Fatalf("51 MB workbook: %d %v", code, out)
		}
	})
	t.Run("ErrCallTooLarge", func(t *testing.T) {
		code, out := call(t, c, ts, "CustomersApp/Create", map[string]any{"fields": map[string]any{"name": strings.Repeat("名", 3<<20)}})
		if code != 413 || out["message"] != "请求过大（上限 8 MB）" {
			t.Fatalf("9 MB call: %d %v", code, out)
		}
	})
}

// TestArgErrorsNameTheField: an argument that does not decode is named,
// down to the field, in Chinese.
func TestArgErrorsNameTheField(t *testing.T) {
	ts := newServer(t)
	c := client(t, ts)
	tests := []struct {
		name   string
		method string
		args   []any
		want   string
		field  string
	}{
		{"ErrDate", "RequestsApp/Create", []any{map[string]any{"title": "咨询", "receivedAt": "2024/03/15 09:00"}},
			"接收时间：日期格式不对，应为 2024-03-15T14:30:00+08:00 这样带时区的日期和时间", "receivedAt"},
		{"ErrDateInUpdate", "RequestsApp/Update", []any{"id", 1, map[string]any{"receivedAt": "昨天"}},
			"接收时间：日期格式不对，应为 2024-03-15T14:30:00+08:00 这样带时区的日期和时间", "receivedAt"},
		{"ErrNumber", "RequestsApp/Update", []any{"id", "not-a-number", map[string]any{}}, "第 2 个参数：应为整数", "1"},
		{"ErrNestedNumber", "CustomersApp/List", []any{map[string]any{"search": "华东", "limit": "二十"}}, "每页条数：应为整数", "limit"},
		{"ErrText", "RequestsApp/Create", []any{map[string]any{"title": 42}}, "需求描述(简要)：应为文字", "title"},
		{"ErrFile", "ExcelApp/DryRun", []any{"不是 base64！"}, "第 1 个参数：文件内容格式不对（应为 base64 文本）", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := call(t, c, ts, tt.method, tt.args...)
			if code != 400 || out["code"] != "invalid" || out["message"] != tt.want {
				t.Fatalf("%d %v, want %q", code, out, tt.want)
			}
			fields, _ := out["fields"].([]any)
			if len(fields) != 1 || fields[0].(map[string]any)["field"] != tt.field {
				t.Fatalf("fields = %v, want %s", out["fields"], tt.field)
			}
		})
	}
}

// TestSlowClientsCut: connections that send their headers or their body
// drop by drop, or sit idle, are closed after the timeouts, while normal
// calls still answer and an upload that keeps moving is not cut.
func TestSlowClientsCut(t *testing.T) {
	timeouts := server.Timeouts{Header: time.Second, Body: time.Second, Idle: time.Second, UploadRate: 1 << 20, MaxHeaderBytes: 16 << 10}
	ts := newTimedServer(t, timeouts)
	c, key := openLink(t, ts)
	c.Transport = keyTransport{key}
	u, _ := url.Parse(ts.URL)
	var cookie string
	for _, ck := range c.Jar.Cookies(u) {
		cookie += ck.Name + "=" + ck.Value
	}
	addr := u.Host
	head := func(path string, n int) string {
		return fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n%s: 1\r\n%s: %s\r\nCookie: %s\r\nContent-Length: %d\r\n\r\n",
			path, addr, server.CallHeader, server.KeyHeader, key, cookie, n)
	}
	type slow struct {
		kind   string
		closed chan time.Duration
	}
	// drip writes first, then one byte of rest every 100 ms, and reports
	// when the server closed the connection.
	drip := func(kind, first, rest string) slow {
		s := slow{kind, make(chan time.Duration, 1)}
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		start := time.Now()
		go func() {
			_, _ = io.WriteString(conn, first)
			for i := 0; i < len(rest); i++ {
				time.Sleep(100 * time.Millisecond)
				if _, err := conn.Write([]byte{rest[i]}); err != nil {
					return
				}
			}
		}()
		go func() {
			_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			_, err := io.Copy(io.Discard, conn)
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return // still open after 10 s
			}
			s.closed <- time.Since(start)
		}()
		return s
	}
	login := `{"name":"李娜","password":"` + strings.Repeat("x", 200) + `"}`
	var conns []slow
	for i := 0; i < 30; i++ {
		// Headers that never end.
		conns = append(conns, drip("header", "POST /auth/login HTTP/1.1\r\nHost: "+addr+"\r\n", strings.Repeat("X-Drip: 1\r\n", 100)))
		// A login body, drop by drop.
		conns = append(conns, drip("login body", strings.Replace(head("/auth/login", len(login)), "Cookie: ", "X-No-Cookie: ", 1), login))
		// A call's body from the browser that opened the link, drop by drop.
		conns = append(conns, drip("call body", head("/api/SystemApp/Info", 300), "["+strings.Repeat(" ", 298)+"]"))
	}
	for i := 0; i < 20; i++ {
		// One call, then silence on a kept-alive connection.
		conns = append(conns, drip("idle", head("/api/SystemApp/Info", 2)+"[]", ""))
	}
	// Meanwhile normal calls answer.
	for i := 0; i < 10; i++ {
		if code, out := call(t, c, ts, "SystemApp/Info"); code != 200 {
			t.Fatalf("normal call among slow ones: %d %v", code, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// An upload that keeps moving, slower than a call's body may take but
	// faster than UploadRate, arrives whole.
	scan, _ := json.Marshal([]any{"missing-document", map[string]any{"fileName": "a.pdf", "bytes": bytes.Repeat([]byte("%PDF-"), 160<<10)}})
	pr, pw := io.Pipe()
	go func() {
		for len(scan) > 0 {
			n := min(len(scan), 64<<10)
			if _, err := pw.Write(scan[:n]); err != nil {
				return
			}
			scan = scan[n:]
			time.Sleep(200 * time.Millisecond)
		}
		pw.Close()
	}()
	upload, _ := http.NewRequest("POST", ts.URL+"/api/DocumentsApp/AttachScan", pr)
	upload.Header.Set("Content-Type", "application/json")
	upload.Header.Set(server.CallHeader, "1")
	began := time.Now()
	resp, err := c.Do(withKey(upload, key))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if took := time.Since(began); resp.StatusCode != 404 || took < 2*time.Second {
		t.Fatalf("slow upload (%v): %d %s", took, resp.StatusCode, body)
	}
	// Headers beyond the limit are refused.
	big, _ := http.NewRequest("GET", ts.URL+"/", nil)
	big.Header.Set("X-Big", strings.Repeat("x", 64<<10))
	if resp, err := http.DefaultClient.Do(big); err != nil || resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("64 KB of headers: %v %v", resp, err)
	}
	worst := map[string]time.Duration{}
	for _, s := range conns {
		select {
		case d := <-s.closed:
			worst[s.kind] = max(worst[s.kind], d)
		case <-time.After(12 * time.Second):
			t.Fatalf("a slow %s connection was still open", s.kind)
		}
	}
	t.Logf("%d slow connections, all closed; the last of each kind after %v (timeouts %+v)", len(conns), worst, timeouts)
	for kind, d := range worst {
		if d > 5*time.Second {
			t.Errorf("a slow %s connection was closed only after %v", kind, d)
		}
	}
}

// newTimedServer serves like newServer, through serve mode's own
// http.Server with the given timeouts.
func newTimedServer(t *testing.T, to server.Timeouts) *httptest.Server {
	t.Helper()
	st := openTestStore(t)
	srv := server.New(server.Config{Bind: app.Binder(app.Deps{Store: st, Log: discardLog(), Version: "test"}),
		Assets: testAssets(), Token: token, FileLimits: app.FileLimits, Timeouts: to, Log: discardLog()}).HTTPServer()
	ts := httptest.NewUnstartedServer(srv.Handler)
	ts.Config = srv
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

func withKey(r *http.Request, key string) *http.Request {
	r.Header.Set(server.KeyHeader, key)
	return r
}

// TestProtocolErrorsAreKeyed: what the server itself refuses (a call it
// cannot take) reaches the UI as a message key with params, which the UI
// says in its language, besides the Chinese sentence.
func TestProtocolErrorsAreKeyed(t *testing.T) {
	ts := newServer(t)
	c := client(t, ts)
	raw := func(method, ct, call, body string) (int, map[string]any) {
		req, _ := http.NewRequest(method, ts.URL+"/api/SystemApp/Info", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set(server.CallHeader, call)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		b, _ := io.ReadAll(resp.Body)
		_ = json.Unmarshal(b, &out)
		return resp.StatusCode, out
	}
	tests := []struct {
		name    string
		do      func() (int, map[string]any)
		key     string
		message string
	}{
		{"ErrUnknownMethod", func() (int, map[string]any) { return call(t, c, ts, "NoSuchApp/Nothing") },
			"method_unknown_named", "没有这个接口：NoSuchApp.Nothing"},
		{"ErrNotPost", func() (int, map[string]any) { return raw("PUT", "application/json", "1", "[]") }, "post_only", "只接受 POST 请求"},
		{"ErrNotJSON", func() (int, map[string]any) { return raw("POST", "text/plain", "1", "[]") }, "json_only", "请求须为 JSON"},
		{"ErrNoCallMark", func() (int, map[string]any) { return raw("POST", "application/json", "", "[]") },
			"call_mark_missing", "缺少调用标记，拒绝请求"},
		{"ErrBadJSON", func() (int, map[string]any) { return raw("POST", "application/json", "1", "{not json") },
			"args_not_array", "请求参数不是有效的 JSON 数组"},
		{"ErrArgCount", func() (int, map[string]any) { return raw("POST", "application/json", "1", `[1, 2]`) },
			"args_count", "参数个数不对：需要 0 个，收到 2 个"},
		{"ErrArgType", func() (int, map[string]any) {
			return call(t, c, ts, "CustomersApp/List", map[string]any{"limit": "二十"})
		}, "arg_invalid", "每页条数：应为整数"},
		{"ErrCallTooLarge", func() (int, map[string]any) {
			return call(t, c, ts, "CustomersApp/Create", map[string]any{"fields": map[string]any{"name": strings.Repeat("名", 3<<20)}})
		}, "request_too_large", "请求过大（上限 8 MB）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := tt.do()
			if out["key"] != tt.key || out["message"] != tt.message {
				t.Fatalf("%d %v, want key %s, message %q", code, out, tt.key, tt.message)
			}
			if _, ok := apperr.Messages[tt.key]; !ok {
				t.Fatalf("key %s is not in apperr.Messages", tt.key)
			}
		})
	}
	t.Run("ErrArgTypeNamesTheFieldAsATerm", func(t *testing.T) {
		_, out := call(t, c, ts, "CustomersApp/List", map[string]any{"limit": "二十"})
		params, _ := out["params"].(map[string]any)
		label, _ := params["label"].(map[string]any)
		want, _ := params["want"].(map[string]any)
		if label["kind"] != "errors.args" || label["code"] != "limit" || want["key"] != "arg_want_integer" {
			t.Fatalf("params = %v, want the field as a term and what it wants as a key", params)
		}
	})
}
