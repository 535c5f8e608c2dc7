package people_test

import (
	"reflect"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		in    people.Fields
		want  people.Fields
		field string // the field refused, "" when none
	}{
		{"OK", people.Fields{Name: " 王  芳 ", Roles: []request.Role{request.RoleOwner, request.RoleOwner}},
			people.Fields{Name: "王 芳", Roles: []request.Role{request.RoleOwner}}, ""},
		{"ErrNameMissing", people.Fields{Name: "  "}, people.Fields{}, "name"},
		{"ErrUnknownRole", people.Fields{Name: "王芳", Roles: []request.Role{"boss"}}, people.Fields{}, "roles"},
		{"ErrPhone", people.Fields{Name: "王芳", Phone: "abc"}, people.Fields{}, "phone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Check()
			if tt.field == "" {
				if err != nil || !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("Check = %+v, %v; want %+v", got, err, tt.want)
				}
				return
			}
			if e, ok := apperr.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
				t.Fatalf("error = %v, want one on %s", err, tt.field)
			}
		})
	}
}

func TestDuplicateName(t *testing.T) {
	e, ok := apperr.As(people.DuplicateName())
	if !ok || e.Code != apperr.Conflict || e.Key != "person_duplicate" || e.Fields[0].Field != "name" {
		t.Fatalf("error = %#v", e)
	}
}

func TestForAccount(t *testing.T) {
	tests := []struct {
		name  string
		roles []request.Role
		want  []request.Role
	}{
		{"RequestRolesKept", []request.Role{request.RoleOwner, request.RoleReviewer}, []request.Role{request.RoleOwner, request.RoleReviewer}},
		{"AdminDropped", []request.Role{"admin", request.RoleAgent}, []request.Role{request.RoleAgent}},
		{"NoneLeft", []request.Role{"admin"}, []request.Role{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := people.ForAccount("陈静", tt.roles)
			if got.Name != "陈静" || !got.Active || !reflect.DeepEqual(got.Roles, tt.want) {
				t.Fatalf("ForAccount = %+v, want roles %v", got, tt.want)
			}
		})
	}
}

func TestForProfile(t *testing.T) {
	got := people.ForProfile("李娜")
	if got.Name != "李娜" || !got.Active || !reflect.DeepEqual(got.Roles, []request.Role{request.RoleAgent}) {
		t.Fatalf("ForProfile = %+v", got)
	}
}
