package auth_test

import (
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/auth"
)

func TestPasswordHash(t *testing.T) {
	h := auth.HashPassword("正确的密码-123")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "正确的密码") {
		t.Fatalf("hash = %q", h)
	}
	if h2 := auth.HashPassword("正确的密码-123"); h2 == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	tests := []struct {
		name, hash, password string
		want                 bool
	}{
		{"OK", h, "正确的密码-123", true},
		{"ErrWrong", h, "正确的密码-124", false},
		{"ErrEmpty", h, "", false},
		{"ErrMalformed", "$argon2id$v=19$garbage", "正确的密码-123", false},
		{"ErrOtherScheme", strings.Replace(h, "argon2id", "argon2i", 1), "正确的密码-123", false},
		// A tampered row must not make a login take gigabytes.
		{"ErrHugeMemory", strings.Replace(h, "m=19456", "m=4194304", 1), "正确的密码-123", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := auth.VerifyPassword(tt.hash, tt.password); got != tt.want {
				t.Fatalf("VerifyPassword = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name, account, password, want string
	}{
		{"OK", "李娜", "长一点的密码123", ""},
		{"ErrShort", "李娜", "1234567", "密码至少 8 个字符"},
		{"ErrLong", "李娜", strings.Repeat("密", 129), "密码最多 128 个字符"},
		{"ErrSameAsName", "zhang san", "Zhang San", "密码不能与账号名相同"},
		{"ErrNewline", "李娜", "abc\ndefgh", "密码含有无法使用的字符"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := auth.CheckPassword(tt.account, tt.password)
			got := ""
			if err != nil {
				got = strings.TrimPrefix(err.Error(), "invalid: ")
			}
			if got != tt.want {
				t.Fatalf("CheckPassword = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]string{"admin": "admin", "管理员": "admin", "客服主管": "supervisor",
		"General_Manager": "general_manager", "组员": "team"} {
		if got, ok := auth.ParseRole(in); !ok || string(got) != want {
			t.Errorf("ParseRole(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := auth.ParseRole("boss"); ok {
		t.Error("ParseRole accepted boss")
	}
}
