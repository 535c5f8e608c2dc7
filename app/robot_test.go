package app_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/notify"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// fakeRobot is a local stand-in for a 钉钉 group robot: it checks each post's
// signature as DingTalk does and keeps what was posted; failNext makes it
// answer the next posts with an error, as a robot over its rate limit does.
type fakeRobot struct {
	t        *testing.T
	secret   string
	mu       sync.Mutex
	posts    []map[string]any
	failNext int
}

func (f *fakeRobot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ts, sign := r.URL.Query().Get("timestamp"), r.URL.Query().Get("sign")
	mac := hmac.New(sha256.New, []byte(f.secret))
	mac.Write([]byte(ts + "\n" + f.secret))
	if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); sign != want || r.URL.Query().Get("access_token") != "tok" {
		f.t.Errorf("signature %q (timestamp %s), want %q", sign, ts, want)
		_, _ = io.WriteString(w, `{"errcode":310000,"errmsg":"sign not match"}`)
		return
	}
	if _, err := strconv.ParseInt(ts, 10, 64); err != nil || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		f.t.Errorf("timestamp %q, content type %q", ts, r.Header.Get("Content-Type"))
	}
	if f.failNext > 0 {
		f.failNext--
		_, _ = io.WriteString(w, `{"errcode":130101,"errmsg":"send too fast"}`)
		return
	}
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.t.Errorf("body: %v", err)
	}
	f.posts = append(f.posts, body)
	_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
}

func (f *fakeRobot) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.posts)
}

// TestRobotPosts: the team server posts a new mention to the group robot
// once, signed, naming the colleague's phone; nothing is posted again in a
// later round nor after a restart; a failed post waits its backoff and is
// then retried, and the robot never posts what arose before it was set.
func TestRobotPosts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	clk := clock.NewFixed(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	st, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureSettings(ctx, settings.Defaults("王强")); err != nil {
		t.Fatal(err)
	}
	svc := command.New(st)
	for _, p := range []people.Fields{
		{Name: "王强", Roles: []request.Role{request.RoleSupervisor}, Active: true},
		{Name: "李娜", Roles: []request.Role{request.RoleAgent}, Phone: "13800138000", Active: true},
	} {
		if _, err := command.Run(ctx, svc, command.SavePerson{Fields: p}); err != nil && p.Name != "王强" {
			t.Fatal(err)
		}
	}
	c, err := command.Run(ctx, svc, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138001"}}}})
	if err != nil {
		t.Fatal(err)
	}
	req, err := command.Run(ctx, svc, command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID,
		Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal, Title: "咨询系统对接方案", ReceivedAt: clk.Now(), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}
	wang := audit.WithActor(ctx, "王强")
	if _, err := command.Run(wang, svc, command.AddNote{RequestID: req.ID, Body: "@李娜 这是设置机器人之前的备注"}); err != nil {
		t.Fatal(err)
	}

	fake := &fakeRobot{t: t, secret: "SECtest"}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	clk.Set(clk.Now().Add(time.Minute))
	if _, err := command.Run(wang, svc, command.SaveRobot{Robot: notify.Robot{Kind: notify.RobotDingTalk,
		URL: srv.URL + "/robot/send?access_token=tok", Secret: "SECtest", Enabled: true}}); err != nil {
		t.Fatal(err)
	}
	// The audit log travels to every laptop: the robot's token and secret
	// stay out of it.
	hist, err := st.History(ctx, "robot")
	if err != nil || len(hist) == 0 {
		t.Fatalf("the robot's history: %v, %d entries", err, len(hist))
	}
	if b, _ := json.Marshal(hist); strings.Contains(string(b), "access_token") || strings.Contains(string(b), "SECtest") {
		t.Errorf("the audit entry carries the robot's token or secret: %s", b)
	}
	clk.Set(clk.Now().Add(time.Minute))
	if _, err := command.Run(wang, svc, command.AddNote{RequestID: req.ID, Body: "@李娜请今天回电"}); err != nil {
		t.Fatal(err)
	}
	if err := app.RobotRound(ctx, st, srv.Client()); err != nil {
		t.Fatal(err)
	}
	if got, want := fake.count(), 1; got != want {
		t.Fatalf("%d posts, want %d (the note before the robot was set is not posted)", got, want)
	}
	post := fake.posts[0]
	text := post["text"].(map[string]any)["content"]
	if want := "【需求管家】王强 在 " + req.Number + " 咨询系统对接方案 的内部备注中提到了 @李娜 ：@李娜请今天回电"; post["msgtype"] != "text" || text != want {
		t.Errorf("posted %v, want %q", post, want)
	}
	if at := post["at"].(map[string]any)["atMobiles"].([]any); len(at) != 1 || at[0] != "13800138000" {
		t.Errorf("at %v", at)
	}
	if err := app.RobotRound(ctx, st, srv.Client()); err != nil || fake.count() != 1 {
		t.Fatalf("a second round posted again: %d posts, %v", fake.count(), err)
	}

	// A restart: the same database, a new process; nothing is posted again.
	st.Close()
	if st, err = store.Open(ctx, path, clk); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc = command.New(st)
	if err := app.RobotRound(ctx, st, srv.Client()); err != nil || fake.count() != 1 {
		t.Fatalf("after a restart: %d posts, %v", fake.count(), err)
	}

	// A failure is recorded and retried after its backoff, not before.
	fake.failNext = 1
	if _, err := command.Run(wang, svc, command.AddNote{RequestID: req.ID, Body: "@李娜 客户又来电了"}); err != nil {
		t.Fatal(err)
	}
	if err := app.RobotRound(ctx, st, srv.Client()); err == nil {
		t.Fatal("a refused post was not reported")
	}
	clk.Set(clk.Now().Add(10 * time.Second))
	if err := app.RobotRound(ctx, st, srv.Client()); err != nil || fake.count() != 1 {
		t.Fatalf("retried before its backoff: %d posts, %v", fake.count(), err)
	}
	clk.Set(clk.Now().Add(notify.Backoff(1)))
	if err := app.RobotRound(ctx, st, srv.Client()); err != nil || fake.count() != 2 {
		t.Fatalf("not retried after its backoff: %d posts, %v", fake.count(), err)
	}

	// A robot that does not answer at all does not hold the round up
	// beyond the client's timeout, and is tried again later.
	srv.Close()
	if _, err := command.Run(wang, svc, command.AddNote{RequestID: req.ID, Body: "@李娜 第三条"}); err != nil {
		t.Fatal(err)
	}
	if err := app.RobotRound(ctx, st, &http.Client{Timeout: time.Second}); err == nil {
		t.Fatal("a post to a closed robot was not reported")
	}
}
