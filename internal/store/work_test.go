package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestEveryOpenRequestReachesSomeone walks every open status, with and
// without an owner: each request is in at least one person's 我的工作, and
// each group lists what is due first, with its clock.
func TestEveryOpenRequestReachesSomeone(t *testing.T) {
	ctx := context.Background()
	s, _, path := openStore(t)
	staff := []people.Fields{
		{Name: "陈静", Department: "客服部", Roles: []request.Role{request.RoleSupervisor}, Active: true},
		{Name: "赵总", Department: "运营管理部", Roles: []request.Role{request.RoleGeneralManager}, Active: true},
		{Name: "李娜", Department: "技术支持部", Roles: []request.Role{request.RoleAgent, request.RoleOwner}, Active: true},
		{Name: "王芳", Department: "财务部", Roles: []request.Role{request.RoleReviewer}, Active: true},
	}
	for _, p := range staff {
		mustPerson(t, s, p)
	}
	c := mustCustomer(t, s, "华东科技有限公司")
	type placed struct{ status, owner string }
	want := map[string]placed{}
	for _, st := range request.Statuses {
		if st.Closed() {
			continue
		}
		for _, owner := range []string{"", "李娜"} {
			r := mustRequest(t, s, fields(c, "需求 "+string(st)+" "+owner))
			execSQL(t, path, `UPDATE requests SET status = '`+string(st)+`', owner = '`+owner+`' WHERE id = '`+r.ID+`'`)
			want[r.ID] = placed{string(st), owner}
		}
	}
	seen := map[string][]string{}
	for _, p := range staff {
		items, err := s.MyWork(audit.WithActor(ctx, p.Name))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			seen[it.RequestID] = append(seen[it.RequestID], p.Name+":"+it.Kind)
		}
	}
	for id, w := range want {
		if len(seen[id]) == 0 {
			t.Errorf("request in %s with owner %q is in nobody's work", w.status, w.owner)
		}
	}
}

// TestMyWorkDueFirst: a group lists the request due first first, whatever
// was changed last, and carries each one's most pressing clock.
func TestMyWorkDueFirst(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	mustPerson(t, s, people.Fields{Name: "李娜", Department: "技术支持部",
		Roles: []request.Role{request.RoleSupervisor}, Active: true})
	c := mustCustomer(t, s, "华东科技有限公司")
	old := fields(c, "早收到的")
	old.ReceivedAt = now.Add(-5 * time.Hour)
	first := mustRequest(t, s, old)
	recent := fields(c, "刚收到的")
	recent.ReceivedAt = now.Add(-time.Minute)
	mustRequest(t, s, recent)
	items, err := s.MyWork(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Kind != "triage" {
		t.Fatalf("my work = %+v", items)
	}
	if items[0].RequestID != first.ID {
		t.Errorf("first item %s, want the one received first (%s)", items[0].Number, first.Number)
	}
	for _, it := range items {
		if it.Clock == nil || it.Clock.Due.IsZero() {
			t.Errorf("%s has no clock badge", it.Number)
		}
	}
	if items[0].Clock != nil && items[1].Clock != nil && items[1].Clock.Due.Before(items[0].Clock.Due) {
		t.Errorf("due %v listed before %v", items[0].Clock.Due, items[1].Clock.Due)
	}
}
