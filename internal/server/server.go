// Package server is serve mode: the desktop app's frontend and bound Go
// methods, offered over HTTP to a browser.
//
// Calls dispatch by reflection to the very structs the desktop window binds,
// so no method is written twice. On loopback only the holder of the one-time
// link printed at start-up gets in: its token is swapped, once, for a
// session of the browser that opened it (see tokenSessions). On a network
// people log in with local accounts (internal/auth): every call needs a
// live session, and the user's roles must allow the method. Either way the
// Host header must name this server (no DNS rebinding), calls are JSON-only
// with a custom header and a same-origin Origin (no cross-site posts), and
// pages may not be framed. Calls that carry a file may be as large as the
// file the method takes (Config.FileLimits), and slow clients are cut off
// (Timeouts).
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
)

// CookieName is the cookie that carries the session on a network; on
// loopback the port is added to it (see tokenCookie).
const CookieName = "reqdesk_session"

// CallHeader must accompany every API call, with the value "1".
const CallHeader = "X-ReqDesk-Call"

// KeyHeader carries, on loopback, the session key the page keeps: the
// cookie alone does not let anyone in.
const KeyHeader = "X-ReqDesk-Key"

// KeyFragment starts the URL fragment that hands the page its session key
// when the one-time link is opened.
const KeyFragment = "reqdesk-key="

// Config is what a server serves and how it lets people in.
type Config struct {
	// Bind returns the bound structs (pointers, as given to Wails) whose
	// methods serve the calls made in ctx; app.Binder builds them.
	Bind func(ctx context.Context) []any
	// Assets is the built frontend.
	Assets fs.FS
	// Token is the one-time access token of loopback mode.
	Token string
	// Accounts, when set, replaces the token with logins of local
	// accounts and a check of every call against the user's roles.
	Accounts *auth.Service
	// FileLimits gives, for each method that takes a file (Struct.Method),
	// the largest file it accepts; its calls may be that much larger.
	FileLimits map[string]int64
	// Timeouts bound slow clients; the zero value means DefaultTimeouts.
	Timeouts Timeouts
	Log      *slog.Logger
	// Sync, when set with Accounts, serves team sync under /sync/ to the
	// laptops of the team (internal/teamsync): device calls carry a
	// device token instead of a session.
	Sync http.Handler
	// Releases, when set, serves the release folder laptops update from
	// under /releases/ (internal/update.Releases: read-only, no login; a
	// laptop trusts only what the signed manifest vouches for).
	Releases http.Handler
}

// Server serves one set of bindings and the frontend.
type Server struct {
	bind     func(ctx context.Context) []any
	methods  map[string]method
	assets   http.Handler
	accounts *auth.Service
	timeouts Timeouts
	log      *slog.Logger
	tokens   *tokenSessions
	sync     http.Handler
	releases http.Handler
}

// method locates a bound method: the struct's place in what Bind returns
// and the method's index in its method set, and the largest file it takes.
type method struct {
	binding, index int
	typ            reflect.Type
	file           int64
}

// NewToken returns a fresh random token.
func NewToken() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return hex.EncodeToString(b)
}

// New returns a server for c.
func New(c Config) *Server {
	if c.Log == nil {
		// A server made without a logger (a test, a tool) logs nowhere
		// rather than failing at its first login.
		c.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{bind: c.Bind, methods: map[string]method{}, assets: http.FileServerFS(c.Assets),
		accounts: c.Accounts, timeouts: c.Timeouts.orDefault(), log: c.Log, tokens: newTokenSessions(c.Token),
		releases: c.Releases}
	if c.Accounts != nil {
		s.sync = c.Sync
	}
	for bi, b := range c.Bind(context.Background()) {
		v := reflect.ValueOf(b)
		for i := 0; i < v.NumMethod(); i++ {
			name := MethodName(b, v.Type().Method(i).Name)
			s.methods[name] = method{binding: bi, index: i, typ: v.Method(i).Type(), file: c.FileLimits[name]}
		}
	}
	return s
}

// MethodName is the name of a bound method as calls and the access table
// (internal/auth) know it: Struct.Method.
func MethodName(binding any, name string) string {
	return reflect.Indirect(reflect.ValueOf(binding)).Type().Name() + "." + name
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	// Scripts only from this server; Naive UI injects its styles at run time,
	// and documents are previewed from blob: URLs.
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'self' blob:; connect-src 'self'; "+
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	if !directHost(r.Host) {
		http.Error(w, "forbidden host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !sameOrigin(r) {
		writeError(w, http.StatusForbidden, apperr.New(apperr.Forbidden, "cross_site_refused", nil))
		return
	}
	if s.sync != nil && strings.HasPrefix(r.URL.Path, "/sync/") {
		s.sync.ServeHTTP(w, r)
		return
	}
	if s.releases != nil && strings.HasPrefix(r.URL.Path, "/releases/") {
		s.releases.ServeHTTP(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/auth/") {
		s.authRoute(w, r, strings.TrimPrefix(r.URL.Path, "/auth/"))
		return
	}
	if s.accounts != nil {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			u, ok := s.session(w, r)
			if !ok {
				return
			}
			s.call(w, r, strings.TrimPrefix(r.URL.Path, "/api/"), &u)
			return
		}
		// The pages are the same for everyone and hold no data: the login
		// page is one of them.
		s.serveAsset(w, r)
		return
	}
	if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet {
		s.openLink(w, r, t)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		if !s.tokens.valid(r) {
			writeError(w, http.StatusUnauthorized, errNoKey)
			return
		}
		s.call(w, r, strings.TrimPrefix(r.URL.Path, "/api/"), nil)
		return
	}
	// The pages hold no data; the cookie only spares a stranger the app's
	// scripts and shows them how to get in instead.
	if !s.tokens.browser(r) {
		s.denied(w)
		return
	}
	s.serveAsset(w, r)
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-cache")
	s.assets.ServeHTTP(w, r)
}

func (s *Server) denied(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	io.WriteString(w, `<!doctype html><meta charset="utf-8"><title>需求管家</title>
<p>需要访问令牌：请使用 <code>reqdesk serve</code> 启动时打印的链接打开。该链接只能打开一次；
要在另一个浏览器中打开，请重新启动 <code>reqdesk serve</code>。</p>
<p>An access token is required: open the link that <code>reqdesk serve</code> printed. It opens once;
to use another browser, start <code>reqdesk serve</code> again.</p>`)
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

// sameOrigin refuses a state-changing request that a browser marks as sent
// by another site. Browsers name the origin of every POST made by script;
// a request naming none comes from a program such as curl, which has no
// victim's cookies to abuse.
func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	origin := r.Header.Get("Origin")
	return origin == "" || origin == "http://"+r.Host || origin == "https://"+r.Host
}

// session returns the logged-in user of a network call, or answers 401.
func (s *Server) session(w http.ResponseWriter, r *http.Request) (auth.User, bool) {
	c, err := r.Cookie(CookieName)
	if err != nil {
		writeError(w, http.StatusUnauthorized, auth.ErrNoSession)
		return auth.User{}, false
	}
	u, err := s.accounts.Authenticate(r.Context(), c.Value)
	if err != nil {
		e, ok := apperr.As(err)
		if !ok {
			s.log.Error("session check failed", "err", err)
			e = &apperr.Error{Code: apperr.Internal, Message: "内部错误"}
		} else {
			clearCookie(w)
		}
		writeError(w, apperr.HTTPStatus(e.Code), e)
		return auth.User{}, false
	}
	return u, true
}

func clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// SessionState is what /auth/session, /auth/login and /auth/logout answer:
// whether logins are needed, and who is logged in (nil when nobody).
type SessionState struct {
	Accounts bool       `json:"accounts"`
	User     *auth.User `json:"user"`
}

// credentials are the body of /auth/login.
type credentials struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// authRoute serves POST /auth/session, /auth/login and /auth/logout, with
// the same JSON and header rules as calls.
func (s *Server) authRoute(w http.ResponseWriter, r *http.Request, op string) {
	if !s.checkCall(w, r) {
		return
	}
	if s.accounts == nil {
		if !s.tokens.valid(r) {
			writeError(w, http.StatusUnauthorized, errNoKey)
			return
		}
		if op != "session" {
			writeError(w, http.StatusNotFound, apperr.New(apperr.NotFound, "login_not_needed", nil))
			return
		}
		writeJSON(w, SessionState{})
		return
	}
	ctx := r.Context()
	switch op {
	case "session":
		st := SessionState{Accounts: true}
		if c, err := r.Cookie(CookieName); err == nil {
			if u, err := s.accounts.Authenticate(ctx, c.Value); err == nil {
				st.User = &u
			} else {
				clearCookie(w)
			}
		}
		writeJSON(w, st)
	case "login":
		var in credentials
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10)).Decode(&in); err != nil {
			writeError(w, http.StatusBadRequest, apperr.New(apperr.Invalid, "request_malformed", nil))
			return
		}
		remote := remoteAddr(r)
		token, u, err := s.accounts.Login(ctx, in.Name, in.Password, remote)
		if err != nil {
			e, ok := apperr.As(err)
			if !ok {
				s.log.Error("login failed", "err", err)
				e = &apperr.Error{Code: apperr.Internal, Message: "内部错误"}
			} else {
				s.log.Warn("login refused", "remote", remote, "code", e.Code)
			}
			writeError(w, apperr.HTTPStatus(e.Code), e)
			return
		}
		s.log.Info("login", "user", u.Name, "remote", remote)
		// Over TLS the cookie is never sent back over plain HTTP.
		http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/", HttpOnly: true, Secure: r.TLS != nil,
			SameSite: http.SameSiteStrictMode, MaxAge: int(auth.AbsoluteTimeout.Seconds())})
		writeJSON(w, SessionState{Accounts: true, User: &u})
	case "logout":
		if c, err := r.Cookie(CookieName); err == nil {
			if err := s.accounts.Logout(ctx, c.Value); err != nil {
				s.log.Error("logout failed", "err", err)
				writeError(w, http.StatusInternalServerError, &apperr.Error{Code: apperr.Internal, Message: "内部错误"})
				return
			}
		}
		clearCookie(w)
		writeJSON(w, SessionState{Accounts: true})
	default:
		writeError(w, http.StatusNotFound, apperr.New(apperr.NotFound, "method_unknown", nil))
	}
}

func remoteAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// checkCall enforces what every call must be: a POST of JSON carrying the
// call header.
func (s *Server) checkCall(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, apperr.New(apperr.Invalid, "post_only", nil))
		return false
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, apperr.New(apperr.Invalid, "json_only", nil))
		return false
	}
	// A custom header cannot be sent cross-site without a CORS preflight,
	// which this server never grants: only its own pages can call it.
	if r.Header.Get(CallHeader) != "1" {
		writeError(w, http.StatusForbidden, apperr.New(apperr.Forbidden, "call_mark_missing", nil))
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// call dispatches POST /api/Struct/Method with a JSON array of arguments.
// u is the logged-in user on a network (nil on loopback): the method must be
// open to one of their roles, and the call runs in their name.
func (s *Server) call(w http.ResponseWriter, r *http.Request, name string, u *auth.User) {
	name = strings.Replace(name, "/", ".", 1)
	if !s.checkCall(w, r) {
		return
	}
	m, ok := s.methods[name]
	if !ok {
		writeError(w, http.StatusNotFound, apperr.New(apperr.NotFound, "method_unknown_named", apperr.P{"name": name}))
		return
	}
	// The call outlives a client that goes away, as in the desktop window;
	// the context only carries who is calling.
	ctx := context.WithoutCancel(r.Context())
	if u != nil {
		if err := auth.Allow(*u, name); err != nil {
			e, _ := apperr.As(err)
			s.log.Warn("call refused", "op", name, "user", u.Name)
			writeError(w, http.StatusForbidden, e)
			return
		}
		ctx = auth.WithUser(ctx, *u)
	}
	limit := bodyLimit(m.file)
	if m.file > 0 {
		// A file's body is given time at the slowest rate still served.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.timeouts.uploadTime(limit)))
	}
	data, err := readBody(r.Body, limit)
	if errors.Is(err, errTooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, tooLarge(m.file))
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, apperr.New(apperr.Invalid, "request_incomplete", nil))
		return
	}
	args, e := decodeArgs(data, m.typ)
	data = nil
	if e != nil {
		writeError(w, http.StatusBadRequest, e)
		return
	}
	fn := reflect.ValueOf(s.bind(ctx)[m.binding]).Method(m.index)
	out, err := s.invoke(name, fn, args)
	if err != nil {
		e, ok := apperr.As(err)
		if !ok {
			s.log.Error("unexpected error", "op", name, "err", err)
			e = &apperr.Error{Code: apperr.Internal, Message: "内部错误"}
		}
		writeError(w, apperr.HTTPStatus(e.Code), e)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
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

func writeError(w http.ResponseWriter, code int, e *apperr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if err := json.NewEncoder(w).Encode(e); err != nil {
		fmt.Fprint(w, `{"code":"internal","message":"内部错误"}`)
	}
}
