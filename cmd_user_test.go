package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn runs the command line with stdin.
func runIn(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := rootCommand()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestUserCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	t.Run("ErrServeOnNetworkWithoutAccounts", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cmd := rootCommand()
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs([]string{"serve", "--data", dir, "--addr", "0.0.0.0:0"})
		err := cmd.ExecuteContext(ctx)
		if err == nil || !strings.Contains(err.Error(), "reqdesk user add") || strings.Contains(out.String(), "http://") {
			t.Fatalf("serve on 0.0.0.0 without accounts: %v\n%s", err, out.String())
		}
	})
	t.Run("ErrNoRole", func(t *testing.T) {
		_, err := runIn(t, "password-1\n", "user", "add", "王芳", "--password-stdin", "--data", dir)
		if err == nil || !strings.Contains(err.Error(), "--role") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrUnknownRole", func(t *testing.T) {
		_, err := runIn(t, "password-1\n", "user", "add", "王芳", "--role", "boss", "--password-stdin", "--data", dir)
		if err == nil || !strings.Contains(err.Error(), "没有这个角色：boss") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrShortPassword", func(t *testing.T) {
		_, err := runIn(t, "short\n", "user", "add", "王芳", "--role", "admin", "--password-stdin", "--data", dir)
		if err == nil || err.Error() != "密码至少 8 个字符" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrPasswordNotOnTerminal", func(t *testing.T) {
		// Without --password-stdin the password must come from a terminal,
		// never from a pipe a script forgot about, and never from argv.
		_, err := runIn(t, "", "user", "add", "王芳", "--role", "admin", "--data", dir)
		if err == nil || !strings.Contains(err.Error(), "--password-stdin") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Add", func(t *testing.T) {
		out, err := runIn(t, "admin-password\n", "user", "add", "王芳", "--role", "admin,客服主管", "--password-stdin", "--data", dir)
		if err != nil || !strings.Contains(out, "已创建账号 王芳（管理员、客服主管）") {
			t.Fatalf("%v\n%s", err, out)
		}
		if _, err := runIn(t, "agent-password\n", "user", "add", "李娜", "--role", "agent", "--password-stdin", "--data", dir); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		_, err := runIn(t, "other-password\n", "user", "add", "王芳", "--role", "agent", "--password-stdin", "--data", dir)
		if err == nil || !strings.Contains(err.Error(), "已有同名账号") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("DisableAndList", func(t *testing.T) {
		if out, err := runIn(t, "", "user", "disable", "李娜", "--data", dir); err != nil || !strings.Contains(out, "已停用账号 李娜") {
			t.Fatalf("%v %s", err, out)
		}
		out, err := runIn(t, "", "user", "list", "--data", dir)
		if err != nil || !strings.Contains(out, "王芳") || !strings.Contains(out, "已停用") || !strings.Contains(out, "从未登录") {
			t.Fatalf("%v\n%s", err, out)
		}
	})
	t.Run("ErrPasswdUnknown", func(t *testing.T) {
		_, err := runIn(t, "new-password-1\n", "user", "passwd", "无此人", "--password-stdin", "--data", dir)
		if err == nil || !strings.Contains(err.Error(), "账号不存在") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Passwd", func(t *testing.T) {
		out, err := runIn(t, "new-password-1\n", "user", "passwd", "王芳", "--password-stdin", "--data", dir)
		if err != nil || !strings.Contains(out, "已修改 王芳 的密码") {
			t.Fatalf("%v %s", err, out)
		}
	})
	t.Run("PasswordsNotInTheDatabase", func(t *testing.T) {
		for _, name := range []string{"reqdesk.db", "reqdesk.db-wal", "reqdesk.log"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			for _, pw := range []string{"admin-password", "agent-password", "new-password-1"} {
				if bytes.Contains(b, []byte(pw)) {
					t.Errorf("%s holds the password %q", name, pw)
				}
			}
		}
	})
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:0": true, "localhost:8080": true, "[::1]:80": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.10:80": false, "[::]:80": false} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
