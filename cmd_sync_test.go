package main

import (
	"context"
	"crypto/tls"
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
	"github.com/reqdesk/reqdesk/internal/tlscert"
)

// TestSyncCommands joins a data directory to a team server from the
// command line (password on standard input), syncs once and leaves.
func TestSyncCommands(t *testing.T) {
	ctx := context.Background()
	laptopDir := filepath.Join(t.TempDir(), "laptop")
	url, _, st := cliTeamServer(t, false)
	if _, err := runIn(t, "wrong-password\n", "join", url, "--user", "王强", "--device-code", "A1", "--data", laptopDir); err == nil ||
		!strings.Contains(err.Error(), "密码错误") {
		t.Fatalf("join with a wrong password: %v", err)
	}
	out, err := runIn(t, "password-1\n", "join", url, "--user", "王强", "--device-code", "a1", "--data", laptopDir)
	if err != nil || !strings.Contains(out, "设备代码 A1") {
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
	// An administrator revokes the laptop: its next sync says so plainly.
	if err := st.RevokeDevice(ctx, devs[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err = runIn(t, "", "sync", "--data", laptopDir); err == nil || !strings.Contains(err.Error(), "本机已被移出团队") {
		t.Fatalf("sync of a revoked laptop: %v", err)
	}
	if out, err = runIn(t, "", "leave", "--data", laptopDir); err != nil || !strings.Contains(out, "已退出团队") {
		t.Fatalf("leave: %v\n%s", err, out)
	}
	if _, err = runIn(t, "", "sync", "--data", laptopDir); err == nil || !strings.Contains(err.Error(), "尚未加入团队") {
		t.Fatalf("sync after leaving: %v", err)
	}
}

// TestJoinOverTLS joins a team server that answers over https with a
// self-signed certificate: off a terminal, join says the fingerprint to
// check and joins nothing; given the fingerprint it joins and syncs.
func TestJoinOverTLS(t *testing.T) {
	laptopDir := filepath.Join(t.TempDir(), "laptop")
	url, fp, _ := cliTeamServer(t, true)
	_, err := runIn(t, "password-1\n", "join", url, "--user", "王强", "--device-code", "A1", "--data", laptopDir)
	if err == nil || !strings.Contains(err.Error(), fp) || !strings.Contains(err.Error(), "--fingerprint") {
		t.Fatalf("join over https with no fingerprint: %v, want the fingerprint %s to check", err, fp)
	}
	if _, err = runIn(t, "", "sync", "--data", laptopDir); err == nil || !strings.Contains(err.Error(), "尚未加入团队") {
		t.Fatalf("sync after a join that was not confirmed: %v", err)
	}
	out, err := runIn(t, "password-1\n", "join", url, "--user", "王强", "--device-code", "A1", "--fingerprint", fp, "--data", laptopDir)
	if err != nil || !strings.Contains(out, "已加入团队") {
		t.Fatalf("join with the fingerprint: %v\n%s", err, out)
	}
	if out, err = runIn(t, "", "sync", "--data", laptopDir); err != nil || !strings.Contains(out, "已推送 0 项") {
		t.Fatalf("sync over https: %v\n%s", err, out)
	}
}

// cliTeamServer starts a team server with the account 王强 (password-1),
// over https with a self-signed certificate when secure; it returns its
// address, the certificate's fingerprint and its store.
func cliTeamServer(t *testing.T, secure bool) (string, string, *store.Store) {
	t.Helper()
	ctx := context.Background()
	srvDir := filepath.Join(t.TempDir(), "server")
	if _, err := runIn(t, "password-1\n", "user", "add", "王强", "--role", "supervisor", "--password-stdin", "--data", srvDir); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(srvDir, "reqdesk.db"), clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
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
	hs := httptest.NewUnstartedServer(server.New(server.Config{Bind: app.Binder(app.Deps{Store: st, Commands: cmds}),
		Assets: fstest.MapFS{}, Accounts: accounts, Sync: syncSrv}).Handler())
	fp := ""
	if secure {
		cert, f, err := tlscert.Ensure(t.TempDir(), []string{"127.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		hs.TLS, fp = &tls.Config{Certificates: []tls.Certificate{cert}}, f
		hs.StartTLS()
	} else {
		hs.Start()
	}
	t.Cleanup(hs.Close)
	return hs.URL, fp, st
}
