package command_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/notify"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// notesWorld is a team of three (a supervisor and two agents) with one
// request owned by 李娜.
func notesWorld(t *testing.T) (*store.Store, *command.Service, *clock.Fixed, request.Request) {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	clk := clock.NewFixed(time.Date(2026, 3, 2, 9, 0, 0, 0, cst))
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set := settings.Defaults("王强")
	set.TimeZone = "Asia/Shanghai"
	if err := st.EnsureSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	svc := command.New(st)
	for _, p := range []people.Fields{
		{Name: "王强", Roles: []request.Role{request.RoleSupervisor}, Active: true},
		{Name: "李娜", Roles: []request.Role{request.RoleAgent, request.RoleOwner}, Phone: "13800138000", Active: true},
		{Name: "陈静", Roles: []request.Role{request.RoleAgent}, Active: true},
	} {
		if _, err := command.Run(ctx, svc, command.SavePerson{Fields: p}); err != nil && p.Name != "王强" {
			t.Fatal(err)
		}
	}
	c, err := command.Run(ctx, svc, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138001"}}}})
	if err != nil {
		t.Fatal(err)
	}
	req, err := command.Run(ctx, svc, command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID,
		ContactName: "张伟", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal, Title: "咨询系统对接方案",
		ReceivedAt: clk.Now(), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}
	return st, svc, clk, req
}

// TestNotesAndMentions: a note naming 李娜 reaches her bell (first, unread)
// and not the writer's or 陈静's; an unknown name is refused and writes
// nothing; the note is in the request's history; read and snooze marks are
// hers alone.
func TestNotesAndMentions(t *testing.T) {
	st, svc, clk, req := notesWorld(t)
	ctx := context.Background()
	as := func(name string) context.Context { return audit.WithActor(ctx, name) }

	clk.Set(clk.Now().Add(10 * time.Minute))
	if _, err := command.Run(as("王强"), svc, command.AddNote{RequestID: req.ID, Body: "@张三 看一下"}); fieldOf(err, "body") != "note_mention_unknown" {
		t.Fatalf("unknown name: %v", err)
	}
	if ns, _ := st.Notes(ctx, req.ID); len(ns) != 0 {
		t.Fatalf("a refused note was written: %+v", ns)
	}
	if _, err := command.Run(as("王强"), svc, command.AddNote{RequestID: "nope", Body: "看一下"}); err == nil {
		t.Fatal("a note on no request was accepted")
	}
	n, err := command.Run(as("王强"), svc, command.AddNote{RequestID: req.ID, Body: "@李娜请今天下午回电，客户要求周五前答复"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.Mentions, []string{"李娜"}; len(got) != 1 || got[0] != want[0] || n.Author != "王强" {
		t.Fatalf("note %+v", n)
	}

	mine, err := st.MyNotifications(as("李娜"))
	if err != nil {
		t.Fatal(err)
	}
	if len(mine.Items) == 0 || mine.Items[0].Key != "mention/"+n.ID || mine.Items[0].From != "王强" || mine.Items[0].Read {
		t.Fatalf("李娜's bell: %+v", mine.Items)
	}
	unread := mine.Unread
	for _, who := range []string{"王强", "陈静"} {
		l, err := st.MyNotifications(as(who))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range l.Items {
			if it.Kind == notify.KindMention {
				t.Errorf("%s sees 李娜's mention", who)
			}
		}
	}

	h, err := st.History(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range h {
		found = found || (e.Entity == "note" && e.Actor == "王强")
	}
	if !found {
		t.Error("the note is not in the request's history")
	}

	key := "mention/" + n.ID
	if _, err := command.Run(as("李娜"), svc, command.MarkNotifications{MarkInput: notify.MarkInput{Keys: []string{key}, Action: notify.ActionRead}}); err != nil {
		t.Fatal(err)
	}
	mine, _ = st.MyNotifications(as("李娜"))
	if got, want := mine.Unread, unread-1; got != want {
		t.Errorf("unread after read %d, want %d", got, want)
	}
	if it := mine.Items[len(mine.Items)-1]; it.Key != key || !it.Read {
		t.Errorf("the read mention is not last and read: %+v", mine.Items)
	}
	if _, err := command.Run(as("李娜"), svc, command.MarkNotifications{MarkInput: notify.MarkInput{Keys: []string{key}, Action: notify.ActionSnooze,
		Until: clk.Now().Add(time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	mine, _ = st.MyNotifications(as("李娜"))
	if mine.Snoozed != 1 {
		t.Errorf("snoozed %d, want 1", mine.Snoozed)
	}
	for _, it := range mine.Items {
		if it.Key == key {
			t.Error("a snoozed notification is shown")
		}
	}
	clk.Set(clk.Now().Add(61 * time.Minute))
	if mine, _ = st.MyNotifications(as("李娜")); mine.Snoozed != 0 {
		t.Errorf("the snooze did not end: %d", mine.Snoozed)
	}
	// 王强's bell: the request to triage and its clocks (record, classify)
	// breached by now, breached first.
	wang, err := st.MyNotifications(as("王强"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, it := range wang.Items {
		if it.RequestID == req.ID {
			kinds[it.Kind] = true
		}
	}
	if !kinds[notify.KindAssign] || !kinds[notify.KindBreached] || wang.Items[0].Kind != notify.KindBreached {
		t.Errorf("王强's bell: %+v", wang.Items)
	}
	// Marks are per person: 陈静 marking the key does not touch 李娜's.
	if _, err := command.Run(as("陈静"), svc, command.MarkNotifications{MarkInput: notify.MarkInput{Keys: []string{key}, Action: notify.ActionUnread}}); err != nil {
		t.Fatal(err)
	}
	if marks, _ := st.Marks(ctx, "李娜"); marks[key].ReadAt.IsZero() {
		t.Error("陈静's mark changed 李娜's")
	}
	if _, err := command.Run(as("李娜"), svc, command.MarkNotifications{MarkInput: notify.MarkInput{Keys: []string{key}, Action: notify.ActionSnooze,
		Until: clk.Now().Add(-time.Minute)}}); fieldOf(err, "until") != "snooze_range" {
		t.Errorf("a snooze into the past: %v", err)
	}
}
