package auth_test

import (
	"reflect"
	"sort"
	"testing"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/server"
)

// TestEveryBoundMethodIsListed keeps the access table and the bindings in
// step: a new bound method without an entry would be refused to everyone
// on a network, and this test names it; an entry for a method that no
// longer exists is named too.
func TestEveryBoundMethodIsListed(t *testing.T) {
	bound := map[string]bool{}
	for _, b := range app.Bindings(app.Deps{}) {
		v := reflect.TypeOf(b)
		for i := 0; i < v.NumMethod(); i++ {
			bound[server.MethodName(b, v.Method(i).Name)] = true
		}
	}
	if len(bound) < 50 {
		t.Fatalf("only %d bound methods found: the enumeration is broken", len(bound))
	}
	var missing, stale []string
	for m := range bound {
		if !auth.Listed(m) {
			missing = append(missing, m)
		}
	}
	for _, m := range auth.Methods() {
		if !bound[m] {
			stale = append(stale, m)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing) > 0 {
		t.Errorf("bound methods without an access entry (internal/auth/access.go): %v", missing)
	}
	if len(stale) > 0 {
		t.Errorf("access entries for methods that are not bound: %v", stale)
	}
}

func TestAllow(t *testing.T) {
	user := func(roles ...request.Role) auth.User { return auth.User{Name: "李娜", Roles: roles} }
	tests := []struct {
		name   string
		user   auth.User
		method string
		want   string // "" allowed, else the code
	}{
		{"OKAnyoneReads", user(request.RoleTeam), "RequestsApp.List", ""},
		{"OKAgentRegisters", user(request.RoleAgent), "RequestsApp.Create", ""},
		{"OKAdminSettings", user(auth.RoleAdmin), "SettingsApp.Save", ""},
		{"OKSupervisorPeople", user(request.RoleAgent, request.RoleSupervisor), "SettingsApp.SavePerson", ""},
		{"ErrAgentSettings", user(request.RoleAgent), "SettingsApp.Save", apperr.Forbidden},
		{"OKSupervisorMergesCustomers", user(request.RoleSupervisor), "CustomersApp.Merge", ""},
		{"OKAdminDismissesDuplicate", user(auth.RoleAdmin), "CustomersApp.DismissDuplicate", ""},
		{"ErrAgentMergesCustomers", user(request.RoleAgent, request.RoleOwner), "CustomersApp.Merge", apperr.Forbidden},
		{"ErrManagerMergesCustomers", user(request.RoleGeneralManager), "CustomersApp.Merge", apperr.Forbidden},
		{"ErrAgentDismissesDuplicate", user(request.RoleAgent), "CustomersApp.DismissDuplicate", apperr.Forbidden},
		{"ErrGMPolicies", user(request.RoleGeneralManager), "TimeLimitsApp.SavePolicy", apperr.Forbidden},
		{"ErrAgentImport", user(request.RoleAgent), "ExcelApp.Import", apperr.Forbidden},
		{"ErrNoRoles", user(), "SettingsApp.Save", apperr.Forbidden},
		{"ErrUnlisted", user(auth.RoleAdmin), "SettingsApp.DropEverything", apperr.Forbidden},
		{"ErrDesktopOnly", user(auth.RoleAdmin), "SystemApp.SaveFile", apperr.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := auth.Allow(tt.user, tt.method)
			got := ""
			if err != nil {
				got = apperr.CodeOf(err)
			}
			if got != tt.want {
				t.Fatalf("Allow = %v, want code %q", err, tt.want)
			}
		})
	}
	t.Run("MessageNamesTheRoles", func(t *testing.T) {
		err := auth.Allow(user(request.RoleAgent), "SettingsApp.AddVocabItem")
		if e, _ := apperr.As(err); e == nil || e.Message != "无权执行此操作：需要以下角色之一：管理员、客服主管" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("MessageNamesTheOneRole", func(t *testing.T) {
		err := auth.Allow(user(request.RoleAgent), "SettingsApp.Save")
		e, _ := apperr.As(err)
		if e == nil || e.Message != "无权执行此操作：需要「管理员」角色" || e.Key != "forbidden_role_one" {
			t.Fatalf("err = %v", err)
		}
		if role, ok := e.Params["role"].(apperr.Term); !ok || role.Kind != "auth.roles" || role.Code != string(auth.RoleAdmin) {
			t.Fatalf("role = %#v, want the administrator's role as a term", e.Params["role"])
		}
	})
}
