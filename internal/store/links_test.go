package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/view"
)

// linkedTo finds the link to other among a request's links.
func linkedTo(t *testing.T, s *store.Store, id, other string) (request.LinkedRequest, bool) {
	t.Helper()
	ls, err := s.LinkedRequests(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.ID == other {
			return l, true
		}
	}
	return request.LinkedRequest{}, false
}

// TestLinksBothWays links two requests, sees the link from both, audited on
// both, refuses the same link again, and removes it.
func TestLinksBothWays(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	a := mustRequest(t, s, fields(c, "对接接口咨询"))
	b := mustRequest(t, s, fields(c, "对接接口二期"))

	l, err := command.Run(ctx, svc, command.LinkRequests{RequestID: b.ID, Input: request.LinkInput{Kind: request.LinkFollows, To: a.Number, Note: "二期"}})
	if err != nil {
		t.Fatal(err)
	}
	fromB, ok := linkedTo(t, s, b.ID, a.ID)
	if !ok || !fromB.Outgoing || fromB.Number != a.Number || fromB.Link.Kind != request.LinkFollows {
		t.Fatalf("from b: %+v %v", fromB, ok)
	}
	fromA, ok := linkedTo(t, s, a.ID, b.ID)
	if !ok || fromA.Outgoing || fromA.Number != b.Number {
		t.Fatalf("from a: %+v %v", fromA, ok)
	}
	for _, id := range []string{a.ID, b.ID} {
		h, err := s.History(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := h[len(h)-1].Action; got != "link" {
			t.Errorf("history of %s ends with %q, want link", id, got)
		}
	}
	// The same link again, from either end, is refused and writes nothing.
	_, audits := counts(t, s, a.ID)
	if _, err := command.Run(ctx, svc, command.LinkRequests{RequestID: b.ID, Input: request.LinkInput{Kind: request.LinkFollows, To: a.ID}}); fieldKeys(err)["to"] != "link_exists" {
		t.Fatalf("twice: %v", err)
	}
	if _, err := command.Run(ctx, svc, command.LinkRequests{RequestID: a.ID, Input: request.LinkInput{Kind: request.LinkFollows, To: b.Number}}); fieldKeys(err)["to"] != "link_loop" {
		t.Fatalf("loop: %v", err)
	}
	if _, got := counts(t, s, a.ID); got != audits {
		t.Fatalf("a refused link audited: %d → %d", audits, got)
	}
	if _, err := command.Run(ctx, svc, command.UnlinkRequests{RequestID: a.ID, LinkID: l.ID}); err != nil {
		t.Fatal(err)
	}
	if _, ok := linkedTo(t, s, b.ID, a.ID); ok {
		t.Fatal("unlinked, still shown")
	}
}

// TestDuplicateCloseLinksKept closes a request as a duplicate of one that is
// itself a duplicate: it points to the request kept, the link shows on both,
// and it cannot be removed while the close stands.
func TestDuplicateCloseLinksKept(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	kept := mustRequest(t, s, fields(c, "打印机驱动问题"))
	first := mustRequest(t, s, fields(c, "打印机驱动问题（重复登记）"))
	second := mustRequest(t, s, fields(c, "打印机又不能用"))
	reject := func(r request.Request, of string) (request.Request, error) {
		return command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version,
			Move: request.Move{Action: request.ActReject, Reason: "重复登记", DuplicateOf: of}})
	}
	first, err := reject(first, kept.Number)
	if err != nil {
		t.Fatal(err)
	}
	second, err = reject(second, first.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := second.State.DuplicateOf, kept.ID; got != want {
		t.Fatalf("duplicate of %q, want the kept %q", got, want)
	}
	l, ok := linkedTo(t, s, second.ID, kept.ID)
	if !ok || !l.Outgoing || l.Link.Kind != request.LinkDuplicate {
		t.Fatalf("second → kept: %+v %v", l, ok)
	}
	if back, ok := linkedTo(t, s, kept.ID, second.ID); !ok || back.Outgoing {
		t.Fatalf("kept ← second: %+v %v", back, ok)
	}
	if _, err := command.Run(ctx, svc, command.UnlinkRequests{RequestID: kept.ID, LinkID: l.Link.ID}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("unlink of a duplicate: %v", err)
	}
	// A duplicate link is not made by hand.
	if _, err := command.Run(ctx, svc, command.LinkRequests{RequestID: kept.ID, Input: request.LinkInput{Kind: request.LinkDuplicate, To: first.Number}}); fieldKeys(err)["kind"] != "link_duplicate_by_reject" {
		t.Fatalf("duplicate by link: %v", err)
	}
	// The kept request cannot become a duplicate of its own duplicate.
	d, err := s.Request(ctx, kept.ID)
	if err != nil {
		t.Fatal(err)
	}
	kept = d.Request
	if _, err := reject(kept, second.Number); fieldKeys(err)["duplicateOf"] != "duplicate_of_own_duplicate" {
		t.Fatalf("own duplicate: %v", err)
	}
	// A close undone takes its duplicate link with it; closed again, the
	// request has one link, to the request now named.
	second, err = command.Run(ctx, svc, command.MoveRequest{ID: second.ID, Version: second.Version,
		Move: request.Move{Action: request.ActRestore, Reason: "并非重复"}})
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := linkedTo(t, s, second.ID, kept.ID); ok {
		t.Fatalf("restored, still linked: %+v", l)
	}
	other := mustRequest(t, s, fields(c, "打印机驱动安装"))
	if second, err = reject(second, other.Number); err != nil {
		t.Fatal(err)
	}
	ls, err := s.LinkedRequests(ctx, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 1 || ls[0].ID != other.ID || ls[0].Link.Kind != request.LinkDuplicate {
		t.Fatalf("closed again as a duplicate, links %+v", ls)
	}
}

// TestFollowUpFromFeedback turns the new need written in a feedback into a
// new request of the same customer and contact, linked to the first.
func TestFollowUpFromFeedback(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	r := mustRequest(t, s, fields(c, "对接接口咨询"))
	body, _ := json.Marshal(request.Feedback{Obtained: true, Timeliness: 5, Effectiveness: 4, Attitude: 5, Overall: 5,
		Solved: true, NewNeeds: "希望增加报表导出", Method: "phone", On: "2024-03-15"})
	fb, err := command.Run(ctx, svc, command.SaveRecord{Input: request.RecordInput{RequestID: r.ID, Kind: request.KindFeedback, Body: body}})
	if err != nil {
		t.Fatal(err)
	}
	n, err := command.Run(ctx, svc, command.FollowUpFeedback{RequestID: r.ID, RecordID: fb.ID})
	if err != nil {
		t.Fatal(err)
	}
	if n.Fields.CustomerID != c.Customer.ID || n.Fields.ContactID != c.Contacts[0].ID || n.Fields.Title != "希望增加报表导出" || n.Status != request.StatusRegistered {
		t.Fatalf("follow-up %+v", n)
	}
	if l, ok := linkedTo(t, s, r.ID, n.ID); !ok || l.Outgoing || l.Link.Kind != request.LinkFollows {
		t.Fatalf("link %+v %v", l, ok)
	}
}

// TestCustomerHistory: the request page lists the customer's other requests
// open first, then the latest, at most MaxCustomerRequests of however many,
// with the contact's latest communication; the customer page pages through
// all of them with their satisfaction.
func TestCustomerHistory(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	other := mustCustomer(t, s, "远航物流")
	mustRequest(t, s, fields(other, "别家的需求"))
	var all []request.Request
	for i := 0; i < 14; i++ {
		f := fields(c, fmt.Sprintf("需求 %02d", i))
		f.ReceivedAt = now.Add(-time.Duration(20-i) * time.Hour)
		all = append(all, mustRequest(t, s, f))
	}
	// The four newest are closed; the oldest carries satisfaction.
	for _, r := range all[10:] {
		if _, err := command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version,
			Move: request.Move{Action: request.ActCancel, Reason: "客户撤回"}}); err != nil {
			t.Fatal(err)
		}
	}
	body, _ := json.Marshal(request.Feedback{Obtained: true, Timeliness: 4, Effectiveness: 4, Attitude: 4, Overall: 4, Solved: true, Method: "phone", On: "2024-03-15"})
	if _, err := command.Run(ctx, svc, command.SaveRecord{Input: request.RecordInput{RequestID: all[0].ID, Kind: request.KindFeedback, Body: body}}); err != nil {
		t.Fatal(err)
	}
	comm, _ := json.Marshal(request.Communication{At: now.Add(-10 * time.Minute), Channel: "电话", With: "张伟", Summary: "约好周五上门"})
	if _, err := command.Run(ctx, svc, command.SaveRecord{Input: request.RecordInput{RequestID: all[2].ID, Kind: request.KindCommunication, Body: comm}}); err != nil {
		t.Fatal(err)
	}

	h, err := s.RequestHistory(ctx, all[13].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(h.Others), store.MaxCustomerRequests; got != want {
		t.Fatalf("%d others, want the bound %d", got, want)
	}
	if h.OthersTotal != 13 || h.OpenTotal != 10 {
		t.Errorf("totals %d / %d open, want 13 / 10", h.OthersTotal, h.OpenTotal)
	}
	// Open first, newest first: 需求 09 … 需求 00.
	for i, o := range h.Others {
		if want := fmt.Sprintf("需求 %02d", 9-i); o.Title != want || !o.Open {
			t.Errorf("others[%d] = %s open %v, want %s open", i, o.Title, o.Open, want)
		}
	}
	if len(h.Comms) != 1 || h.Comms[0].Summary != "约好周五上门" || h.Comms[0].Number != all[2].Number {
		t.Errorf("contact comms %+v", h.Comms)
	}

	p, err := s.CustomerHistory(ctx, c.Customer.ID, 8, 4)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 14 || p.Open != 10 || p.Rated != 1 || p.AvgSatisfaction != 4 {
		t.Errorf("page counts %+v", p)
	}
	// Items 8..11: the last two open (需求 01, 需求 00), then the newest closed (需求 13, 需求 12).
	var got []string
	for _, it := range p.Items {
		got = append(got, it.Title)
	}
	if want := []string{"需求 01", "需求 00", "需求 13", "需求 12"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("page %v, want %v", got, want)
	}
	if p.Items[1].Satisfaction != 4 || p.Items[2].Status != request.StatusCancelled {
		t.Errorf("items %+v", p.Items)
	}
}

// TestSavedViews saves a team view as a supervisor and refuses one to a
// consultant logged in over the network; counts follow the data.
func TestSavedViews(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	urgent := fields(c, "生产线停机")
	urgent.Urgency = request.UrgencyUrgent
	mustRequest(t, s, urgent)
	mustRequest(t, s, fields(c, "报表咨询"))

	in := view.Input{Name: "紧急队列", Columns: []string{"number", "title", "urgency"},
		Query: request.Query{Urgencies: []request.Urgency{request.UrgencyUrgent}}}
	consultant := auth.WithUser(ctx, auth.User{ID: "u2", Name: "赵磊", Roles: []request.Role{request.RoleAgent, request.RoleOwner}})
	if _, err := command.Run(consultant, svc, command.SaveTeamView{Input: in}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("consultant's team view: %v", err)
	}
	supervisor := auth.WithUser(ctx, auth.User{ID: "u1", Name: "王强", Roles: []request.Role{request.RoleSupervisor}})
	team, err := command.Run(supervisor, svc, command.SaveTeamView{Input: in})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(consultant, svc, command.SaveMyView{Input: view.Input{Name: "我的", Columns: []string{"number"}}}); err != nil {
		t.Fatal(err)
	}
	vs, err := s.Views(consultant)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].ID != team.ID || vs[0].Count != 1 || vs[1].Scope != view.ScopeMine || vs[1].Count != 2 {
		t.Fatalf("views %+v", vs)
	}
	// Another person sees the team's view, not the consultant's own.
	if vs, err = s.Views(supervisor); err != nil || len(vs) != 1 {
		t.Fatalf("supervisor's views %+v %v", vs, err)
	}
	mustRequest(t, s, urgent)
	if vs, err = s.Views(supervisor); err != nil || vs[0].Count != 2 {
		t.Fatalf("count after a change %+v %v", vs, err)
	}
	// The same name again is refused.
	if _, err := command.Run(supervisor, svc, command.SaveTeamView{Input: in}); fieldKeys(err)["name"] != "view_name_taken" {
		t.Fatalf("same name: %v", err)
	}
}
