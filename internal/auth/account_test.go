package auth_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/request"
)

func TestNewAccount(t *testing.T) {
	tests := []struct {
		name     string
		f        auth.Fields
		password string
		want     string // the error's key, "" for none; "fields" for a field error
	}{
		{"OK", auth.Fields{Name: " 王芳 ", Roles: []request.Role{auth.RoleAdmin}}, "管理员的密码-2024", ""},
		{"ErrNoRole", auth.Fields{Name: "王芳"}, "管理员的密码-2024", "fields"},
		{"ErrShortPassword", auth.Fields{Name: "王芳", Roles: []request.Role{auth.RoleAdmin}}, "短", "password_too_short"},
		{"ErrPasswordIsName", auth.Fields{Name: "wangfang", Roles: []request.Role{auth.RoleAdmin}}, "WangFang", "password_is_name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, hash, err := auth.NewAccount(tt.f, tt.password)
			if tt.want == "" {
				if err != nil || f.Name != "王芳" || auth.CheckHash(hash) != nil || !auth.VerifyPassword(hash, tt.password) {
					t.Fatalf("NewAccount = %+v, %q, %v", f, hash, err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid || hash != "" || (tt.want == "fields") != (len(e.Fields) > 0) ||
				tt.want != "fields" && e.Key != tt.want {
				t.Fatalf("error = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestNewPassword(t *testing.T) {
	hash, err := auth.NewPassword("李娜", "新的密码-2024")
	if err != nil || !auth.VerifyPassword(hash, "新的密码-2024") {
		t.Fatalf("NewPassword = %q, %v", hash, err)
	}
	if _, err := auth.NewPassword("李娜", "李娜"); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("password equal to the name: %v", err)
	}
}

func TestCheckHash(t *testing.T) {
	for _, bad := range []string{"", "secret", "$argon2id$v=19$m=1,t=1,p=1$c2FsdA$a2V5"} {
		if auth.CheckHash(bad) == nil {
			t.Fatalf("CheckHash(%q) accepted", bad)
		}
	}
}

func TestDuplicateName(t *testing.T) {
	e, ok := apperr.As(auth.DuplicateName("王芳"))
	if !ok || e.Code != apperr.Conflict || e.Key != "account_duplicate" || e.Fields[0].Field != "name" {
		t.Fatalf("error = %#v", e)
	}
}
