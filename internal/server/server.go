// Package server is serve mode: the desktop app's frontend and bound Go
// methods, offered over HTTP to a browser on the same machine.
//
// Calls dispatch by reflection to the very structs the desktop window binds,
// so no method is written twice. Only the holder of the one-time token printed
// at start-up gets in: the token in the URL is swapped for a cookie on the
// first visit, every other request without the cookie is refused, and the
// Host header must name this server, so neither another local user nor a web
// page in the browser (DNS rebinding, cross-site posts) can call it.
package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// CookieName is the session cookie set after the token is presented.
const CookieName = "reqdesk_session"

// CallHeader must accompany every API call, with the value "1".
const CallHeader = "X-ReqDesk-Call"

// maxBody bounds a call's arguments; larger bodies are refused unread.
const maxBody = 8 << 20

// Server serves one set of bindings and the frontend.
type Server struct {
	methods map[string]reflect.Value
	assets  http.Handler
	token   string
	log     *slog.Logger
}

// NewToken returns a fresh random token.
func NewToken() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return hex.EncodeToString(b)
}

// New returns a server for the bound structs (pointers, as given to Wails),
// the built frontend and the access token.
func New(bindings []any, assets fs.FS, token string, log *slog.Logger) *Server {
	s := &Server{methods: map[string]reflect.Value{}, assets: http.FileServerFS(assets), token: token, log: log}
	for _, b := range bindings {
		v := reflect.ValueOf(b)
		name := reflect.Indirect(v).Type().Name()
		for i := 0; i < v.NumMethod(); i++ {
			s.methods[name+"."+v.Type().Method(i).Name] = v.Method(i)
		}
	}
	return s
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Frame-Options", "DENY")
	// Scripts only from this server; Naive UI injects its styles at run time,
	// and documents are previewed from blob: URLs.
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'self' blob:; connect-src 'self'; "+
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	if !directHost(r.Host) {
		http.Error(w, "forbidden host", http.StatusForbidden)
		return
	}
	if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet {
		if !s.validToken(t) {
			s.denied(w)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: CookieName, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	c, err := r.Cookie(CookieName)
	if err != nil || !s.validToken(c.Value) {
		s.denied(w)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.call(w, r, strings.TrimPrefix(r.URL.Path, "/api/"))
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	s.assets.ServeHTTP(w, r)
}

func (s *Server) validToken(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

func (s *Server) denied(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	io.WriteString(w, `<!doctype html><meta charset="utf-8"><title>需求管家</title>
<p>需要访问令牌：请使用 <code>reqdesk serve</code> 启动时打印的链接打开。</p>
<p>An access token is required: open the link that <code>reqdesk serve</code> printed.</p>`)
}

// directHost accepts Host headers that name the server by IP address or as
// localhost. A DNS-rebinding page reaches the server under its own domain
// name, so refusing every other name shuts it out.
func directHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if host == "localhost" {
		return true
	}
	return net.ParseIP(strings.Trim(host, "[]")) != nil
}

// call dispatches POST /api/Struct/Method with a JSON array of arguments.
func (s *Server) call(w http.ResponseWriter, r *http.Request, name string) {
	name = strings.Replace(name, "/", ".", 1)
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, &apperr.Error{Code: apperr.Invalid, Message: "只接受 POST 请求"})
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, &apperr.Error{Code: apperr.Invalid, Message: "请求须为 JSON"})
		return
	}
	// A custom header cannot be sent cross-site without a CORS preflight,
	// which this server never grants: only its own pages can call it.
	if r.Header.Get(CallHeader) != "1" {
		writeError(w, http.StatusForbidden, &apperr.Error{Code: apperr.Forbidden, Message: "缺少调用标记，拒绝请求"})
		return
	}
	m, ok := s.methods[name]
	if !ok {
		writeError(w, http.StatusNotFound, apperr.Errorf(apperr.NotFound, "没有这个接口：%s", name))
		return
	}
	var raw []json.RawMessage
	body := http.MaxBytesReader(w, r.Body, maxBody)
	if err := json.NewDecoder(body).Decode(&raw); err != nil {
		writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.Invalid, "请求参数不是有效的 JSON 数组"))
		return
	}
	t := m.Type()
	if len(raw) != t.NumIn() {
		writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.Invalid, "参数个数不对：需要 %d 个，收到 %d 个", t.NumIn(), len(raw)))
		return
	}
	args := make([]reflect.Value, t.NumIn())
	for i := range args {
		p := reflect.New(t.In(i))
		if err := json.Unmarshal(raw[i], p.Interface()); err != nil {
			writeError(w, http.StatusBadRequest, apperr.Errorf(apperr.Invalid, "第 %d 个参数格式不对", i+1))
			return
		}
		args[i] = p.Elem()
	}
	out, err := s.invoke(name, m, args)
	if err != nil {
		e, ok := apperr.As(err)
		if !ok {
			s.log.Error("unexpected error", "op", name, "err", err)
			e = &apperr.Error{Code: apperr.Internal, Message: "内部错误"}
		}
		writeError(w, status(e.Code), e)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// invoke calls m, turning a panic into an internal error so no call can take
// the server down.
func (s *Server) invoke(name string, m reflect.Value, args []reflect.Value) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic in call", "op", name, "panic", p)
			result, err = nil, &apperr.Error{Code: apperr.Internal, Message: "内部错误"}
		}
	}()
	out := m.Call(args)
	if n := len(out); n > 0 {
		if e, ok := out[n-1].Interface().(error); ok && e != nil {
			return nil, e
		}
		if out[n-1].Type().Implements(reflect.TypeFor[error]()) {
			out = out[:n-1]
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out[0].Interface(), nil
}

func status(code string) int {
	switch code {
	case apperr.Invalid, apperr.InvalidTransition:
		return http.StatusUnprocessableEntity
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Forbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

func writeError(w http.ResponseWriter, code int, e *apperr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	if err := json.NewEncoder(w).Encode(e); err != nil {
		fmt.Fprint(w, `{"code":"internal","message":"内部错误"}`)
	}
}
