package app_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/teamsync"
)

// syncNow is the time of the sync test.
var syncNow = time.Date(2024, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// TestSyncApp joins a laptop to a team server through SyncApp, registers a
// request offline (pending, unsynced), syncs it, and sees the server's
// administrator revoke the laptop: its next round fails with the reason
// kept, its new change still waiting.
func TestSyncApp(t *testing.T) {
	ctx := context.Background()
	srv, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(syncNow))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if err := srv.EnsureSettings(ctx, settings.Defaults("管理员")); err != nil {
		t.Fatal(err)
	}
	srvCmds := command.New(srv)
	f, hash, err := auth.NewAccount(auth.Fields{Name: "李娜", Roles: []request.Role{request.RoleAgent}}, "password-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, srvCmds, command.CreateAccount{Fields: f, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	c, err := command.Run(ctx, srvCmds, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"}}})
	if err != nil {
		t.Fatal(err)
	}
	accounts := auth.NewService(srv, clock.NewFixed(syncNow))
	syncSrv, err := teamsync.NewServer(ctx, srvCmds, accounts, nil)
	if err != nil {
		t.Fatal(err)
	}
	srvDeps := app.Deps{Store: srv, Commands: srvCmds}
	hs := httptest.NewServer(server.New(server.Config{Bind: app.Binder(srvDeps), Assets: fstest.MapFS{},
		Accounts: accounts, Sync: syncSrv}).Handler())
	defer hs.Close()

	lap, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(syncNow))
	if err != nil {
		t.Fatal(err)
	}
	defer lap.Close()
	if err := lap.EnsureSettings(ctx, settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	cmds := command.New(lap)
	s := app.NewSync(cmds, nil)
	var mu sync.Mutex
	var events []app.SyncStatus
	s.OnStatus(func(st app.SyncStatus) {
		mu.Lock()
		events = append(events, st)
		mu.Unlock()
	})
	d := app.Deps{Store: lap, Commands: cmds, Sync: s}
	var sa *app.SyncApp
	var ra *app.RequestsApp
	for _, b := range app.Bindings(d) {
		switch x := b.(type) {
		case *app.SyncApp:
			sa = x
		case *app.RequestsApp:
			ra = x
		}
	}
	st, err := sa.Status()
	if err != nil || st.Joined {
		t.Fatalf("before joining: %+v (%v)", st, err)
	}
	join := app.JoinInput{Server: hs.URL, User: "李娜", Password: "password-1", DeviceCode: "A1", DeviceName: "笔记本"}
	if _, err := sa.Join(join); err == nil || !strings.Contains(err.Error(), "sync_pattern_needs_device") {
		t.Fatalf("joining a team whose numbers lack the device code: %v", err)
	}
	set, err := srv.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.NumberPattern, set.DeviceCode = "XR-{YYYY}-{DEV}-{NNN}", "HQ"
	if _, err := command.Run(ctx, srvCmds, command.SaveSettings{Settings: set}); err != nil {
		t.Fatal(err)
	}
	st, err = sa.Join(join)
	if err != nil || !st.Joined || st.Account != "李娜" || st.DeviceCode != "A1" || !st.Online {
		t.Fatalf("joined: %+v (%v)", st, err)
	}
	r, err := ra.Create(request.Fields{CustomerID: c.Customer.ID, ContactName: "张伟", Channel: "电话", Type: "技术咨询",
		Urgency: request.UrgencyNormal, Title: "接口规范咨询", ReceivedAt: syncNow.Add(-10 * time.Minute), ReceivedBy: "李娜"})
	if err != nil {
		t.Fatal(err)
	}
	st, _ = sa.Status()
	ids, _ := sa.Unsynced()
	if st.Pending != 1 || len(ids) != 1 || ids[0] != r.ID {
		t.Fatalf("after a change offline: pending %d, unsynced %v", st.Pending, ids)
	}
	st, err = sa.SyncNow()
	if err != nil || st.Pending != 0 || st.LastSync == nil || st.LastError != nil {
		t.Fatalf("after syncing: %+v (%v)", st, err)
	}
	if _, err := srv.Request(ctx, r.ID); err != nil {
		t.Fatalf("the request is not on the server: %v", err)
	}
	mu.Lock()
	n := len(events)
	mu.Unlock()
	if n == 0 {
		t.Error("no sync:status event was sent")
	}

	var srvApp *app.SyncApp
	for _, b := range app.Bindings(srvDeps) {
		if x, ok := b.(*app.SyncApp); ok {
			srvApp = x
		}
	}
	devs, err := srvApp.Devices()
	if err != nil || len(devs) != 1 || devs[0].Account != "李娜" || devs[0].LastSync == nil {
		t.Fatalf("devices: %+v (%v)", devs, err)
	}
	if devs, err = srvApp.RevokeDevice(devs[0].ID); err != nil || !devs[0].Revoked {
		t.Fatalf("revoked: %+v (%v)", devs, err)
	}
	if _, err := ra.Create(request.Fields{CustomerID: c.Customer.ID, ContactName: "张伟", Channel: "电话", Type: "技术咨询",
		Urgency: request.UrgencyNormal, Title: "第二条", ReceivedAt: syncNow.Add(-5 * time.Minute), ReceivedBy: "李娜"}); err != nil {
		t.Fatal(err)
	}
	st, err = sa.SyncNow()
	if err != nil || st.LastError == nil || st.LastError.Key != "sync_device_revoked" || st.Pending != 1 {
		t.Fatalf("after being revoked: %+v (%v)", st, err)
	}
	if st, err = sa.Leave(); err != nil || st.Joined || st.Pending != 1 {
		t.Fatalf("after leaving: %+v (%v)", st, err)
	}
}
