package server

import (
	"crypto/subtle"
	"net"
	"net/http"
	"sync"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// tokenSessions let the browser that opens the one-time link in on
// loopback. Cookies are not kept apart by port: every web server on
// 127.0.0.1 receives the cookies of every other, so a cookie alone must not
// be a credential. Opening the link therefore makes a session of two random
// values: its id goes into a cookie, and its key into the URL fragment the
// link redirects to (never sent to any server), where the page takes it and
// keeps it in its own storage, which no other port can read; every call
// carries it in KeyHeader. Another server on the same host gets the cookie
// only, which opens nothing. The link itself works once.
type tokenSessions struct {
	mu       sync.Mutex
	token    string
	used     bool
	sessions map[string]string // id → key
}

func newTokenSessions(token string) *tokenSessions {
	return &tokenSessions{token: token, sessions: map[string]string{}}
}

// errNoKey answers a call on loopback without a valid session.
var errNoKey = apperr.New(apperr.Unauthorized, "token_required", nil)

// open exchanges the link's token for a new session, once: it returns the
// session's id and key, and whether the token was right but already used.
func (ts *tokenSessions) open(token string) (id, key string, used bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(ts.token)) != 1 {
		return "", "", false
	}
	if ts.used {
		return "", "", true
	}
	ts.used = true
	id, key = NewToken(), NewToken()
	ts.sessions[id] = key
	return id, key, false
}

// browser reports whether r comes from the browser that opened the link
// (its cookie names a session); it proves nothing more.
func (ts *tokenSessions) browser(r *http.Request) bool {
	_, ok := ts.key(r)
	return ok
}

// valid reports whether r carries both halves of a session: the cookie and
// the key.
func (ts *tokenSessions) valid(r *http.Request) bool {
	key, ok := ts.key(r)
	got := r.Header.Get(KeyHeader)
	return ok && got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(key)) == 1
}

func (ts *tokenSessions) key(r *http.Request) (string, bool) {
	c, err := r.Cookie(tokenCookie(r))
	if err != nil {
		return "", false
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	key, ok := ts.sessions[c.Value]
	return key, ok
}

// tokenCookie names the loopback session cookie after the port, so that
// two servers on one host do not overwrite each other's cookie.
func tokenCookie(r *http.Request) string {
	if _, port, err := net.SplitHostPort(r.Host); err == nil && port != "" {
		return CookieName + "_" + port
	}
	return CookieName
}

// openLink answers a visit of the one-time link: the first one gets a
// session, any later one is refused.
func (s *Server) openLink(w http.ResponseWriter, r *http.Request, token string) {
	id, key, used := s.tokens.open(token)
	if used {
		s.log.Warn("one-time link opened again", "remote", remoteAddr(r))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`<!doctype html><meta charset="utf-8"><title>需求管家</title>
<p>这个链接已经打开过一次，不能再用。请回到最初打开它的浏览器；要在另一个浏览器中打开，请重新启动 <code>reqdesk serve</code>。</p>
<p>This link has been opened once already and cannot be used again. Go back to the browser that opened it,
or start <code>reqdesk serve</code> again to use another browser.</p>`))
		return
	}
	if id == "" {
		s.denied(w)
		return
	}
	s.log.Info("one-time link opened", "remote", remoteAddr(r))
	http.SetCookie(w, &http.Cookie{Name: tokenCookie(r), Value: id, Path: "/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteStrictMode})
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "/#"+KeyFragment+key, http.StatusSeeOther)
}
