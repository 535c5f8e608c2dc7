// Package auth holds the local user accounts of serve mode on a network:
// who may log in (argon2id password hashes), their sessions (idle and
// absolute expiry), the throttling of failed logins, and which roles may call
// which bound method. On loopback serve mode keeps its one-time token and the
// desktop window needs none of this.
package auth

import (
	"context"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
)

// RoleAdmin administers the installation: settings, word lists, people,
// time-limit policies, imports. It is an account role only; the process
// roles come from request.Roles.
const RoleAdmin request.Role = "admin"

// Roles lists every role an account may hold: the process roles of
// DOMAIN.md and the administrator.
var Roles = append(append([]request.Role{}, request.Roles...), RoleAdmin)

// roleLabels are the Chinese names of the roles, as the process documents
// and the UI use them.
var roleLabels = map[request.Role]string{
	request.RoleAgent:          "客服专员",
	request.RoleSupervisor:     "客服主管",
	request.RoleOwner:          "需求负责人",
	request.RolePlanLead:       "方案负责人",
	request.RoleReviewer:       "评审人",
	request.RoleGeneralManager: "总经理",
	request.RoleTeam:           "组长/组员",
	RoleAdmin:                  "管理员",
}

// RoleLabel returns the Chinese name of r.
func RoleLabel(r request.Role) string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// ParseRole accepts a role by its key (supervisor) or its Chinese name (客服主管).
func ParseRole(s string) (request.Role, bool) {
	s = strings.TrimSpace(s)
	for _, r := range Roles {
		if string(r) == strings.ToLower(s) || roleLabels[r] == s {
			return r, true
		}
	}
	if s == "组长" || s == "组员" {
		return request.RoleTeam, true
	}
	return "", false
}

// Account is a person who may log in. Its password hash never leaves the
// store through this type.
type Account struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Roles       []request.Role `json:"roles"`
	Disabled    bool           `json:"disabled"`
	LastLoginAt time.Time      `json:"lastLoginAt"` // zero when never
	CreatedAt   time.Time      `json:"createdAt"`
	UpdatedAt   time.Time      `json:"updatedAt"`
	Version     int64          `json:"version"`
}

// MaxName is the longest account name accepted, in characters.
const MaxName = 50

// NormalizeName trims name and collapses inner runs of spaces.
func NormalizeName(name string) string {
	return strings.Join(strings.Fields(name), " ")
}

// NameKey is the form in which logins compare names: case does not matter.
func NameKey(name string) string {
	return strings.ToLower(NormalizeName(name))
}

// Fields are what an administrator sets when adding an account.
type Fields struct {
	Name  string
	Roles []request.Role
}

// Normalize trims the name and drops repeated roles.
func (f Fields) Normalize() Fields {
	f.Name = NormalizeName(f.Name)
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
	fe.RequiredLine("name", f.Name, MaxName)
	if len(f.Roles) == 0 {
		fe.Add("roles", "required")
	}
	for _, r := range f.Roles {
		if _, ok := roleLabels[r]; !ok {
			fe.Add("roles", "not_in_list")
			break
		}
	}
	if err := fe.Err(); err != nil {
		e, _ := apperr.As(err)
		e.Message = "账号信息不完整或有误：" + fieldSummary(e.Fields)
		return e
	}
	return nil
}

func fieldSummary(fs []apperr.FieldError) string {
	var parts []string
	for _, f := range fs {
		switch {
		case f.Field == "name" && f.Key == "required":
			parts = append(parts, "请填写账号名")
		case f.Field == "name" && f.Key == "too_long":
			parts = append(parts, "账号名最多 50 个字")
		case f.Field == "name":
			parts = append(parts, "账号名含有无法识别的字符")
		case f.Field == "roles" && f.Key == "required":
			parts = append(parts, "至少指定一个角色")
		case f.Field == "roles":
			parts = append(parts, "角色不在列表中")
		}
	}
	return strings.Join(parts, "；")
}

// User is the person a session belongs to, as calls see them.
type User struct {
	ID    string         `json:"id"`
	Name  string         `json:"name"`
	Roles []request.Role `json:"roles"`
}

// Has reports whether u holds role r.
func (u User) Has(r request.Role) bool {
	for _, x := range u.Roles {
		if x == r {
			return true
		}
	}
	return false
}

type userKey struct{}

// WithUser returns a context in which u is acting: the store records u's
// name as the actor of every change and u's roles guard the lifecycle.
func WithUser(ctx context.Context, u User) context.Context {
	return audit.WithActor(context.WithValue(ctx, userKey{}, u), u.Name)
}

// UserFrom returns the logged-in user of ctx, if there is one.
func UserFrom(ctx context.Context) (User, bool) {
	u, ok := ctx.Value(userKey{}).(User)
	return u, ok
}
