package teamsync_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/notify"
)

// TestNotesAndMarksSync: a note 王强 writes on his laptop naming 李娜 reaches
// the server and 李娜's laptop, whose bell shows it; she marks it read there,
// and her second laptop, joined afterwards, and the server (her browser)
// show it read too. 王强's marks are his own.
func TestNotesAndMarksSync(t *testing.T) {
	tm := newTeam(t)
	ctx := tm.ctx
	a, b := tm.join("李娜", "A1"), tm.join("王强", "B2")
	r := a.create(t, tm, "咨询对接")
	tm.tick(time.Minute)
	tm.round(a)
	tm.round(b)
	n, err := command.Run(ctx, b.cmds, command.AddNote{RequestID: r.ID, Body: "@李娜 客户要求周五前答复"})
	must(t, err)
	if n.Author != "王强" {
		t.Fatalf("the note's author is %q, want the joined account 王强", n.Author)
	}
	tm.tick(time.Minute)
	tm.round(b)
	tm.round(a)
	key := "mention/" + n.ID
	mine, err := a.st.MyNotifications(ctx)
	must(t, err)
	if mine.Person != "李娜" || len(mine.Items) == 0 || mine.Items[0].Key != key || mine.Items[0].Read {
		t.Fatalf("李娜's bell on her laptop: %+v", mine)
	}
	_, err = command.Run(ctx, a.cmds, command.MarkNotifications{MarkInput: notify.MarkInput{Keys: []string{key}, Action: notify.ActionRead}})
	must(t, err)
	tm.tick(time.Minute)
	for _, l := range []*laptop{a, b} {
		if rep := tm.round(l); rep.Conflicts != 0 {
			t.Fatalf("%s: %+v", l.name, rep)
		}
	}
	tm.same(a, b)
	c := tm.join("李娜", "C3")
	tm.round(c)
	marks, err := c.st.Marks(ctx, "李娜")
	must(t, err)
	if marks[key].ReadAt.IsZero() {
		t.Error("her second laptop does not have the read mark")
	}
	if marks, _ := tm.srv.Marks(ctx, "李娜"); marks[key].ReadAt.IsZero() {
		t.Error("the server does not have the read mark")
	}
	if marks, _ := b.st.Marks(ctx, "王强"); len(marks) != 0 {
		t.Errorf("王强 has marks %v", marks)
	}
	ns, err := c.st.Notes(ctx, r.ID)
	must(t, err)
	if len(ns) != 1 || ns[0].Body != "@李娜 客户要求周五前答复" || len(ns[0].Mentions) != 1 {
		t.Errorf("notes on her second laptop: %+v", ns)
	}
}
