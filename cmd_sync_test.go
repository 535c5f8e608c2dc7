package main

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/teamsync"
)

// TestSyncCommands joins a data directory to a team server from the
// command line (password on standard input), syncs once and leaves.
func TestSyncCommands(t *testing.T) {
	ctx := context.Background()
	srvDir, laptopDir := filepath.Join(t.TempDir(), "server"), filepath.Join(t.TempDir(), "laptop")
	if _, err := runIn(t, "password-1\n", "user", "add", "王强", "--role", "supervisor", "--password-stdin", "--data", srvDir); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(srvDir, "reqdesk.db"), clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cmds := command.New(st)
	set, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.NumberPattern, set.DeviceCode = "XR-{YYYY}-{DEV}-{NNN}", "HQ"
	if _, err := command.Run(ctx, cmds, command.SaveSettings{Settings: set}); err != nil {
		t.Fatal(err)
	}
	accounts := auth.NewService(st, clock.System{})
	syncSrv, err := teamsync.NewServer(ctx, cmds, accounts, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(server.New(server.Config{Bind: app.Binder(app.Deps{Store: st, Commands: cmds}),
		Assets: fstest.MapFS{}, Accounts: accounts, Sync: syncSrv}).Handler())
	defer hs.Close()

	if _, err := runIn(t, "wrong-password\n", "join", hs.URL, "--user", "王强", "--device-code", "A1", "--data", laptopDir); err == nil ||
		!strings.Contains(err.Error(), "密码错误") {
		t.Fatalf("join with a wrong password: %v", err)
	}
	out, err := runIn(t, "password-1\n", "join", hs.URL, "--user", "王强", "--device-code", "a1", "--data", laptopDir)
	if err != nil || !strings.Contains(out, "设备编号 A1") {
		t.Fatalf("join: %v\n%s", err, out)
	}
	out, err = runIn(t, "", "sync", "--data", laptopDir)
	if err != nil || !strings.Contains(out, "已推送 0 项") {
		t.Fatalf("sync: %v\n%s", err, out)
	}
	devs, err := st.Devices(ctx)
	if err != nil || len(devs) != 1 || devs[0].Account != "王强" || devs[0].LastSync == nil {
		t.Fatalf("devices %+v (%v)", devs, err)
	}
	if out, err = runIn(t, "", "leave", "--data", laptopDir); err != nil || !strings.Contains(out, "已退出团队") {
		t.Fatalf("leave: %v\n%s", err, out)
	}
	if _, err = runIn(t, "", "sync", "--data", laptopDir); err == nil || !strings.Contains(err.Error(), "尚未加入团队") {
		t.Fatalf("sync after leaving: %v", err)
	}
}
