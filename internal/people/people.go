// Package people holds the people who work on requests and the roles they
// play (客服专员, 客服主管, 需求负责人, 方案负责人, 评审人, 总经理, 组员).
// One person may hold several roles; the local profile names who is acting.
package people

import (
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Person is someone in the service company.
type Person struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Department string         `json:"department"`
	Roles      []request.Role `json:"roles"`
	Phone      string         `json:"phone"`
	Email      string         `json:"email"`
	Active     bool           `json:"active"`
	CreatedAt  time.Time      `json:"createdAt"`
	UpdatedAt  time.Time      `json:"updatedAt"`
	Version    int64          `json:"version"`
}

// Fields are a person's editable fields.
type Fields struct {
	Name       string         `json:"name"`
	Department string         `json:"department"`
	Roles      []request.Role `json:"roles"`
	Phone      string         `json:"phone"`
	Email      string         `json:"email"`
	Active     bool           `json:"active"`
}

// Normalize trims the fields and drops repeated roles.
func (f Fields) Normalize() Fields {
	f.Name = strings.Join(strings.Fields(f.Name), " ")
	f.Department = strings.TrimSpace(f.Department)
	f.Phone = customer.NormalizePhone(f.Phone)
	f.Email = strings.TrimSpace(f.Email)
	seen := map[request.Role]bool{}
	roles := []request.Role{}
	for _, r := range f.Roles {
		if !seen[r] {
			seen[r] = true
			roles = append(roles, r)
		}
	}
	f.Roles = roles
	return f
}

// Validate checks normalized fields.
func (f Fields) Validate() error {
	var fe apperr.Fields
	fe.RequiredLine("name", f.Name, 50)
	fe.Line("department", f.Department, 40)
	if f.Phone != "" && !customer.ValidPhone(f.Phone) {
		fe.Add("phone", "phone_invalid")
	}
	if f.Email != "" && !customer.ValidEmail(f.Email) {
		fe.Add("email", "email_invalid")
	}
	for _, r := range f.Roles {
		known := false
		for _, k := range request.Roles {
			known = known || k == r
		}
		if !known {
			fe.Add("roles", "not_in_list")
			break
		}
	}
	return fe.Err()
}

// Check normalizes a person's fields and validates them.
func (f Fields) Check() (Fields, error) {
	f = f.Normalize()
	return f, f.Validate()
}

// DuplicateName is the error for a name another person already has: names
// are how requests refer to people.
func DuplicateName() error {
	return &apperr.Error{Code: apperr.Conflict, Message: "已有同名人员", Key: "person_duplicate",
		Fields: []apperr.FieldError{{Field: "name", Key: "duplicate"}}}
}

// ForProfile is the person the user of this installation becomes on the
// people list when they are not on it: a 客服专员, since a new
// installation's first request is received by its user.
func ForProfile(name string) Fields {
	return Fields{Name: name, Roles: []request.Role{request.RoleAgent}, Active: true}
}

// ForAccount is the person an account holder becomes on the people list
// when they are not on it: they receive, own and review requests under
// their name, in the account's roles that are roles on requests (not, say,
// the administrator's).
func ForAccount(name string, roles []request.Role) Fields {
	f := Fields{Name: name, Roles: []request.Role{}, Active: true}
	for _, r := range roles {
		if slices.Contains(request.Roles, r) {
			f.Roles = append(f.Roles, r)
		}
	}
	return f
}

// StaffOf is the people list as the request rules see it: who may be
// named receiver, owner or reviewer.
func StaffOf(list []Person) request.Staff {
	st := request.Staff{}
	for _, p := range list {
		st[p.Name] = request.StaffMember{Department: p.Department, Roles: p.Roles, Active: p.Active}
	}
	return st
}
