package server_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// The passwords of the accounts every test here starts with.
const (
	adminPW = "admin-pass-王芳"
	agentPW = "agent-pass-李娜"
	superPW = "super-pass-陈静"
	gonePW  = "gone-pass-周杰"
)

type lan struct {
	ts *httptest.Server
	st *store.Store
	// checked counts the passwords really checked: every login that gets
	// past the lockout looks its account up once, then hashes once.
	checked *atomic.Int64
	clk     *clock.Fixed
	path    string
	log     *bytes.Buffer
	items   []string
}

// newLAN serves the real bindings with accounts on a fresh database:
// 王芳 (admin), 李娜 (agent), 陈静 (supervisor) and 周杰 (disabled).
func newLAN(t *testing.T) *lan {
	t.Helper()
	ctx := context.Background()
	l := &lan{clk: clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)), log: &bytes.Buffer{}}
	l.path = filepath.Join(t.TempDir(), "reqdesk.db")
	st, err := store.Open(ctx, l.path, l.clk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	l.st = st
	if err := st.EnsureSettings(ctx, settings.Defaults("本机用户")); err != nil {
		t.Fatal(err)
	}
	l.checked = &atomic.Int64{}
	svc := auth.NewService(countingStore{st, l.checked}, l.clk)
	for _, a := range []struct {
		name, pw string
		role     request.Role
	}{{"王芳", adminPW, auth.RoleAdmin}, {"李娜", agentPW, request.RoleAgent}, {"陈静", superPW, request.RoleSupervisor},
		{"周杰", gonePW, request.RoleAgent}} {
		f, hash, err := auth.NewAccount(auth.Fields{Name: a.name, Roles: []request.Role{a.role}}, a.pw)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := command.Run(ctx, command.New(st), command.CreateAccount{Fields: f, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := command.Run(ctx, command.New(st), command.SetAccountDisabled{Account: "周杰", Disabled: true}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(l.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	deps := app.Deps{Store: st, Log: log, Version: "test"}
	assets := fstest.MapFS{"index.html": {Data: []byte("<html>需求管家</html>")}}
	l.ts = httptest.NewServer(server.New(server.Config{Bind: app.Binder(deps), Assets: assets, Accounts: svc, Log: log}).Handler())
	t.Cleanup(l.ts.Close)
	return l
}

// setPassword sets the password of the account called name, as reqdesk
// user passwd does.
func setPassword(st *store.Store, name, password string) (auth.Account, error) {
	hash, err := auth.NewPassword(name, password)
	if err != nil {
		return auth.Account{}, err
	}
	return command.Run(context.Background(), command.New(st), command.SetAccountPassword{Account: name, PasswordHash: hash})
}

// countingStore counts the account look-ups of logins.
type countingStore struct {
	*store.Store
	n *atomic.Int64
}

func (c countingStore) AccountByName(ctx context.Context, nameKey string) (auth.Account, string, error) {
	c.n.Add(1)
	return c.Store.AccountByName(ctx, nameKey)
}

// post sends a JSON POST the way the frontend does.
func (l *lan) post(t *testing.T, c *http.Client, path string, body any, header ...string) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", l.ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(server.CallHeader, "1")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func (l *lan) login(t *testing.T, name, pw string) (*http.Client, int, map[string]any) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	code, out := l.post(t, c, "/auth/login", map[string]string{"name": name, "password": pw})
	return c, code, out
}

func (l *lan) mustLogin(t *testing.T, name, pw string) *http.Client {
	t.Helper()
	c, code, out := l.login(t, name, pw)
	if code != 200 {
		t.Fatalf("login %s: %d %v", name, code, out)
	}
	return c
}

func (l *lan) count(t *testing.T, query string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+l.path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLANNeedsLogin(t *testing.T) {
	l := newLAN(t)
	anon := &http.Client{}
	t.Run("ErrNoSession", func(t *testing.T) {
		code, out := l.post(t, anon, "/api/SystemApp/Info", []any{})
		if code != 401 || out["code"] != "unauthorized" {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("ErrWrongSession", func(t *testing.T) {
		for _, v := range []string{"guess", strings.Repeat("A", 43)} {
			req, _ := http.NewRequest("POST", l.ts.URL+"/api/SystemApp/Info", strings.NewReader("[]"))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(server.CallHeader, "1")
			req.AddCookie(&http.Cookie{Name: server.CookieName, Value: v})
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 401 {
				t.Fatalf("cookie %q: status %d", v, resp.StatusCode)
			}
		}
	})
	t.Run("ErrTokenIsNotALogin", func(t *testing.T) {
		// The loopback token has no meaning on a network.
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		resp, err := c.Get(l.ts.URL + "/?token=" + token)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if code, _ := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 401 {
			t.Fatalf("status = %d", code)
		}
	})
	t.Run("PagesArePublic", func(t *testing.T) {
		resp, err := anon.Get(l.ts.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status = %d", resp.StatusCode)
		}
	})
	t.Run("SessionStateAnonymous", func(t *testing.T) {
		code, out := l.post(t, anon, "/auth/session", nil)
		if code != 200 || out["accounts"] != true || out["user"] != nil {
			t.Fatalf("%d %v", code, out)
		}
	})
}

func TestLANLogin(t *testing.T) {
	l := newLAN(t)
	t.Run("ErrSameAnswerForUnknownAndWrong", func(t *testing.T) {
		_, c1, wrong := l.login(t, "李娜", "not-her-password")
		_, c2, unknown := l.login(t, "无此人", "not-her-password")
		if c1 != 401 || c2 != 401 || fmt.Sprint(wrong) != fmt.Sprint(unknown) || wrong["message"] != "密码错误或账号不存在" {
			t.Fatalf("wrong password: %d %v; unknown name: %d %v", c1, wrong, c2, unknown)
		}
	})
	t.Run("OK", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		b, _ := json.Marshal(map[string]string{"name": " 李娜 ", "password": agentPW})
		req, _ := http.NewRequest("POST", l.ts.URL+"/auth/login", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(server.CallHeader, "1")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cs := resp.Cookies()
		if resp.StatusCode != 200 || len(cs) != 1 || !cs[0].HttpOnly || cs[0].SameSite != http.SameSiteStrictMode || cs[0].MaxAge <= 0 {
			t.Fatalf("status %d, cookies %+v", resp.StatusCode, cs)
		}
		code, out := l.post(t, c, "/auth/session", nil)
		user, _ := out["user"].(map[string]any)
		if code != 200 || user["name"] != "李娜" {
			t.Fatalf("session: %d %v", code, out)
		}
		if code, out := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 200 {
			t.Fatalf("call: %d %v", code, out)
		}
	})
	t.Run("ErrDisabled", func(t *testing.T) {
		_, code, out := l.login(t, "周杰", gonePW)
		if code != 401 || out["message"] != "账号已停用，请联系管理员" {
			t.Fatalf("%d %v", code, out)
		}
		// Without the password, a disabled account looks like any wrong guess.
		_, code, out = l.login(t, "周杰", "guess-guess")
		if code != 401 || out["message"] != "密码错误或账号不存在" {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("ErrDisabledWhileLoggedIn", func(t *testing.T) {
		c := l.mustLogin(t, "陈静", superPW)
		if _, err := command.Run(context.Background(), command.New(l.st), command.SetAccountDisabled{Account: "陈静", Disabled: true}); err != nil {
			t.Fatal(err)
		}
		if code, out := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 401 {
			t.Fatalf("call after disabling: %d %v", code, out)
		}
		if _, err := command.Run(context.Background(), command.New(l.st), command.SetAccountDisabled{Account: "陈静", Disabled: false}); err != nil {
			t.Fatal(err)
		}
		if code, _ := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 401 {
			t.Fatal("re-enabling brought back an ended session")
		}
	})
	t.Run("Logout", func(t *testing.T) {
		c := l.mustLogin(t, "李娜", agentPW)
		u, _ := neturl.Parse(l.ts.URL)
		old := c.Jar.Cookies(u)
		if code, out := l.post(t, c, "/auth/logout", nil); code != 200 || out["user"] != nil {
			t.Fatalf("logout: %d %v", code, out)
		}
		// The old cookie, kept by an attacker, is dead too.
		jar, _ := cookiejar.New(nil)
		jar.SetCookies(u, old)
		if code, _ := l.post(t, &http.Client{Jar: jar}, "/api/SystemApp/Info", []any{}); code != 401 {
			t.Fatalf("old session after logout: %d", code)
		}
	})
	t.Run("ErrPasswordChangeEndsSessions", func(t *testing.T) {
		c := l.mustLogin(t, "李娜", agentPW)
		if _, err := setPassword(l.st, "李娜", "新的密码-2024"); err != nil {
			t.Fatal(err)
		}
		if code, _ := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 401 {
			t.Fatalf("session survived a password change: %d", code)
		}
		if _, code, _ := l.login(t, "李娜", agentPW); code != 401 {
			t.Fatal("old password still works")
		}
		l.mustLogin(t, "李娜", "新的密码-2024")
	})
}

func TestLANSessionExpiry(t *testing.T) {
	l := newLAN(t)
	t.Run("ErrIdle", func(t *testing.T) {
		c := l.mustLogin(t, "李娜", agentPW)
		l.clk.Add(auth.IdleTimeout - time.Minute)
		if code, _ := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 200 {
			t.Fatalf("session ended before the idle timeout: %d", code)
		}
		l.clk.Add(auth.IdleTimeout + time.Minute)
		code, out := l.post(t, c, "/api/SystemApp/Info", []any{})
		if code != 401 || out["message"] != "登录已过期，请重新登录" {
			t.Fatalf("idle session: %d %v", code, out)
		}
	})
	t.Run("ErrAbsolute", func(t *testing.T) {
		c := l.mustLogin(t, "李娜", agentPW)
		// Used every few hours, it still ends a week after the login.
		for elapsed := time.Duration(0); elapsed < auth.AbsoluteTimeout-6*time.Hour; elapsed += 6 * time.Hour {
			l.clk.Add(6 * time.Hour)
			if code, _ := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 200 {
				t.Fatalf("session ended after %v of use", elapsed)
			}
		}
		l.clk.Add(7 * time.Hour)
		if code, _ := l.post(t, c, "/api/SystemApp/Info", []any{}); code != 401 {
			t.Fatalf("a session older than %v still works: %d", auth.AbsoluteTimeout, code)
		}
	})
}

func TestLANRateLimit(t *testing.T) {
	l := newLAN(t)
	t.Run("PerAccount", func(t *testing.T) {
		var code int
		var out map[string]any
		for i := 1; i <= 5; i++ {
			_, code, out = l.login(t, "李娜", fmt.Sprintf("wrong-%d-xx", i))
		}
		if code != 429 || out["message"] != "尝试次数过多，请 1 分钟后再试" {
			t.Fatalf("fifth failure: %d %v", code, out)
		}
		// Locked: even the right password is refused, without being checked.
		if _, code, out = l.login(t, "李娜", agentPW); code != 429 {
			t.Fatalf("right password while locked: %d %v", code, out)
		}
		// Other accounts are not locked.
		l.mustLogin(t, "王芳", adminPW)
		l.clk.Add(61 * time.Second)
		if _, code, out = l.login(t, "李娜", "wrong-6-xx"); code != 429 || out["message"] != "尝试次数过多，请 2 分钟后再试" {
			t.Fatalf("sixth failure doubles the lockout: %d %v", code, out)
		}
		l.clk.Add(121 * time.Second)
		l.mustLogin(t, "李娜", agentPW)
		// A success starts the count again.
		if _, code, _ = l.login(t, "李娜", "wrong-7-xx"); code != 401 {
			t.Fatalf("first failure after a success: %d", code)
		}
	})
	t.Run("PerAddress", func(t *testing.T) {
		l.clk.Add(24 * time.Hour)
		var code int
		var out map[string]any
		for i := 0; code != 429 && i < 40; i++ {
			// One guess per made-up name never locks a name.
			_, code, out = l.login(t, fmt.Sprintf("用户%d", i), "password-guess")
		}
		if code != 429 {
			t.Fatalf("forty failures from one address: %d %v", code, out)
		}
		if _, code, _ := l.login(t, "王芳", adminPW); code != 429 {
			t.Fatalf("the locked address logged in: %d", code)
		}
	})
}

// TestLANLoginBurst fires 150 simultaneous logins, as a script would: the
// lockout must hold against a burst, not only against tries one after
// another, so no more than 5 passwords per name and 20 per address are ever
// checked.
func TestLANLoginBurst(t *testing.T) {
	burst := func(t *testing.T, l *lan, name func(i int) string, password func(i int) string) (ok, locked int) {
		t.Helper()
		l.checked.Store(0)
		var wg sync.WaitGroup
		codes := make([]int, 150)
		start := make(chan struct{})
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				b, _ := json.Marshal(map[string]string{"name": name(i), "password": password(i)})
				req, _ := http.NewRequest("POST", l.ts.URL+"/auth/login", bytes.NewReader(b))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set(server.CallHeader, "1")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				codes[i] = resp.StatusCode
			}()
		}
		close(start)
		wg.Wait()
		for _, c := range codes {
			switch c {
			case 200:
				ok++
			case 429:
				locked++
			}
		}
		return ok, locked
	}
	t.Run("OneName", func(t *testing.T) {
		l := newLAN(t)
		// One of the 150 is the right password, the others guesses.
		ok, locked := burst(t, l, func(int) string { return "李娜" }, func(i int) string {
			if i == 149 {
				return agentPW
			}
			return fmt.Sprintf("guess-%03d-xx", i)
		})
		checked := l.checked.Load()
		t.Logf("150 logins for one name: %d passwords checked, %d logged in, %d refused as locked", checked, ok, locked)
		// At most 5 wrong passwords are checked before the lockout; a right
		// one, when it comes among the first, takes the count back (a valid
		// login ends the run of failures), so at most 5 more after it.
		if wrong := checked - int64(ok); wrong > int64(5*(ok+1)) {
			t.Errorf("%d wrong passwords checked for one name with %d logins, want at most %d", wrong, ok, 5*(ok+1))
		}
		if ok > 1 || int64(locked) < 150-checked {
			t.Errorf("%d logged in, %d locked out, %d checked", ok, locked, checked)
		}
	})
	t.Run("ManyNames", func(t *testing.T) {
		l := newLAN(t)
		ok, locked := burst(t, l, func(i int) string { return fmt.Sprintf("用户%03d", i) }, func(int) string { return "password-guess" })
		checked := l.checked.Load()
		t.Logf("150 logins for 150 names from one address: %d passwords checked, %d refused as locked", checked, locked)
		if checked > 20 || ok != 0 || locked < 130 {
			t.Errorf("%d passwords checked from one address (want at most 20), %d logged in, %d locked out", checked, ok, locked)
		}
	})
}

func TestLANRoles(t *testing.T) {
	l := newLAN(t)
	agent := l.mustLogin(t, "李娜", agentPW)
	admin := l.mustLogin(t, "王芳", adminPW)
	super := l.mustLogin(t, "陈静", superPW)
	ctx := context.Background()
	before, err := l.st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	changed := before
	changed.CompanyName = "华信科技"
	t.Run("ErrAgentSavesSettings", func(t *testing.T) {
		audits := l.count(t, "audit_log")
		code, out := l.post(t, agent, "/api/SettingsApp/Save", []any{changed})
		if code != 403 || out["code"] != "forbidden" || !strings.Contains(out["message"].(string), "管理员") {
			t.Fatalf("%d %v", code, out)
		}
		if got, _ := l.st.Settings(ctx); got != before || l.count(t, "audit_log") != audits {
			t.Fatalf("a refused call wrote: %+v", got)
		}
	})
	t.Run("ErrAgentEditsLists", func(t *testing.T) {
		code, out := l.post(t, agent, "/api/SettingsApp/AddVocabItem", []any{"type", "培训"})
		if code != 403 || !strings.Contains(out["message"].(string), "客服主管") {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("ErrDesktopOnly", func(t *testing.T) {
		code, _ := l.post(t, admin, "/api/SystemApp/SaveFile", []any{"x.txt", ""})
		if code != 403 {
			t.Fatalf("status = %d", code)
		}
	})
	t.Run("SupervisorEditsLists", func(t *testing.T) {
		if code, out := l.post(t, super, "/api/SettingsApp/AddVocabItem", []any{"type", "培训"}); code != 200 {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("AdminSavesSettingsInOwnName", func(t *testing.T) {
		code, out := l.post(t, admin, "/api/SettingsApp/Save", []any{changed})
		if code != 200 || out["companyName"] != "华信科技" || out["profileName"] != "本机用户" {
			t.Fatalf("%d %v", code, out)
		}
		if n := l.count(t, "audit_log WHERE entity = 'settings' AND actor = '王芳'"); n != 1 {
			t.Fatalf("settings changes by 王芳 in the audit log: %d", n)
		}
	})
	t.Run("ActorIsTheUser", func(t *testing.T) {
		code, out := l.post(t, agent, "/api/CustomersApp/Create", []any{map[string]any{"fields": map[string]any{"name": "远景制造"}}})
		if code != 200 {
			t.Fatalf("%d %v", code, out)
		}
		id := out["customer"].(map[string]any)["id"].(string)
		if n := l.count(t, fmt.Sprintf("audit_log WHERE entity_id IN ('%s', unhex(replace('%s', '-', ''))) AND actor = '李娜'", id, id)); n != 1 {
			t.Fatalf("entries by 李娜: %d", n)
		}
		if n := l.count(t, "audit_log WHERE actor = '本机用户' AND entity <> 'account'"); n != 0 {
			t.Fatalf("%d entries name the machine's profile", n)
		}
	})
	t.Run("RolesReachTheWork", func(t *testing.T) {
		code, out := l.post(t, agent, "/api/CustomersApp/Create", []any{map[string]any{"fields": map[string]any{"name": "华信科技"}}})
		if code != 200 {
			t.Fatalf("%d %v", code, out)
		}
		f := request.Fields{CustomerID: out["customer"].(map[string]any)["id"].(string), Title: "咨询系统对接方案",
			Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal, ReceivedAt: l.clk.Now(), ReceivedBy: "李娜"}
		if code, out := l.post(t, agent, "/api/RequestsApp/Create", []any{f}); code != 200 {
			t.Fatalf("%d %v", code, out)
		}
		// The supervisor's account, not the machine's profile, puts the new
		// request on their list to triage.
		if got := l.triage(t, super); got != 1 {
			t.Fatalf("陈静 has %d requests to triage, want 1", got)
		}
		if got := l.triage(t, agent); got != 0 {
			t.Fatalf("李娜 has %d requests to triage, want 0", got)
		}
	})
	t.Run("DraftsAreOwn", func(t *testing.T) {
		if code, out := l.post(t, agent, "/api/RequestsApp/SaveDraft", []any{`{"title":"李娜的草稿"}`}); code != 200 {
			t.Fatalf("%d %v", code, out)
		}
		b, _ := json.Marshal([]any{})
		r, _ := http.NewRequest("POST", l.ts.URL+"/api/RequestsApp/Draft", bytes.NewReader(b))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set(server.CallHeader, "1")
		resp, err := super.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(raw), "李娜的草稿") {
			t.Fatalf("陈静 sees 李娜's draft: %s", raw)
		}
	})
}

func TestLANCrossOrigin(t *testing.T) {
	l := newLAN(t)
	c := l.mustLogin(t, "王芳", adminPW)
	for _, tt := range []struct {
		name   string
		path   string
		header []string
	}{
		{"ErrForeignOrigin", "/api/SettingsApp/Get", []string{"Origin", "http://evil.example"}},
		{"ErrNullOrigin", "/api/SettingsApp/Get", []string{"Origin", "null"}},
		{"ErrCrossSite", "/api/SettingsApp/Get", []string{"Sec-Fetch-Site", "cross-site"}},
		{"ErrLoginFromAnotherSite", "/auth/login", []string{"Origin", "http://evil.example"}},
		{"ErrLogoutFromAnotherSite", "/auth/logout", []string{"Origin", "http://evil.example"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out := l.post(t, c, tt.path, []any{}, tt.header...)
			if code != 403 || out["message"] != "拒绝来自其他网站的请求" {
				t.Fatalf("%d %v", code, out)
			}
		})
	}
	t.Run("OKSameOrigin", func(t *testing.T) {
		code, out := l.post(t, c, "/api/SettingsApp/Get", []any{}, "Origin", l.ts.URL, "Sec-Fetch-Site", "same-origin")
		if code != 200 {
			t.Fatalf("%d %v", code, out)
		}
	})
	t.Run("SecurityHeaders", func(t *testing.T) {
		resp, err := http.Get(l.ts.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || h.Get("X-Frame-Options") != "DENY" ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Fatalf("headers = %v", h)
		}
	})
}

// TestPasswordsNeverInClear looks for the passwords in every byte the
// program keeps: the database with its WAL, and the log.
func TestPasswordsNeverInClear(t *testing.T) {
	l := newLAN(t)
	l.login(t, "李娜", "wrong-password-典型")
	l.mustLogin(t, "李娜", agentPW)
	if _, err := setPassword(l.st, "王芳", "换过的密码-Secret"); err != nil {
		t.Fatal(err)
	}
	var kept []byte
	for _, p := range []string{l.path, l.path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		kept = append(kept, b...)
	}
	kept = append(kept, l.log.Bytes()...)
	if !bytes.Contains(l.log.Bytes(), []byte("login")) {
		t.Fatal("the log has no login entries: the check below would prove nothing")
	}
	for _, pw := range []string{adminPW, agentPW, superPW, gonePW, "wrong-password-典型", "换过的密码-Secret"} {
		if bytes.Contains(kept, []byte(pw)) {
			t.Errorf("password %q is stored or logged in clear", pw)
		}
	}
	if n := l.count(t, "accounts WHERE password_hash NOT LIKE '$argon2id$v=19$%'"); n != 0 {
		t.Errorf("%d accounts without an argon2id hash", n)
	}
}

// triage counts the requests waiting for triage on the user's work list.
func (l *lan) triage(t *testing.T, c *http.Client) int {
	t.Helper()
	req, _ := http.NewRequest("POST", l.ts.URL+"/api/RequestsApp/MyWork", strings.NewReader("[]"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(server.CallHeader, "1")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var items []request.WorkItem
	if err := json.NewDecoder(resp.Body).Decode(&items); err != nil || resp.StatusCode != 200 {
		t.Fatalf("my work: %d %v", resp.StatusCode, err)
	}
	n := 0
	for _, it := range items {
		if it.Kind == "triage" {
			n++
		}
	}
	return n
}

// A server made without a logger answers logins (good, refused, out)
// instead of panicking at its first log line.
func TestLANWithoutLog(t *testing.T) {
	ctx := context.Background()
	clk := clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC))
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.EnsureSettings(ctx, settings.Defaults("本机用户")); err != nil {
		t.Fatal(err)
	}
	f, hash, err := auth.NewAccount(auth.Fields{Name: "李娜", Roles: []request.Role{request.RoleAgent}}, agentPW)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, command.New(st), command.CreateAccount{Fields: f, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	deps := app.Deps{Store: st, Version: "test"}
	ts := httptest.NewServer(server.New(server.Config{Bind: app.Binder(deps), Assets: fstest.MapFS{},
		Accounts: auth.NewService(st, clk)}).Handler())
	t.Cleanup(ts.Close)
	l := &lan{ts: ts}
	if _, code, out := l.login(t, "李娜", "wrong password 1"); code != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d %v", code, out)
	}
	c := l.mustLogin(t, "李娜", agentPW)
	if code, out := l.post(t, c, "/auth/logout", nil); code != http.StatusOK {
		t.Fatalf("logout: %d %v", code, out)
	}
}
