package teamsync_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestCommQualitySyncs: a script written on the supervisor's laptop, used
// offline in a record on the consultant's, a weekly check drawn and
// failed on the supervisor's and its 整改 closed on the consultant's reach
// every machine alike.
func TestCommQualitySyncs(t *testing.T) {
	tm := newTeam(t)
	ctx := tm.ctx
	a, b := tm.join("李娜", "A1"), tm.join("王强", "B2")
	s, err := command.Run(ctx, b.cmds, command.SaveScript{Input: comm.ScriptInput{Topic: "greeting", Title: "问候", Body: "{联系人}您好", Active: true}})
	must(t, err)
	tm.tick(time.Minute)
	tm.round(b)
	tm.round(a)
	r := a.create(t, tm, "咨询对接")
	tm.tick(time.Minute)
	a.record(t, r.ID, request.KindCommunication, "", request.Communication{At: tm.clocks[0].Now(), Channel: "电话", Summary: "张伟您好",
		ScriptUse: request.ScriptUse{ScriptID: s.ID, ScriptRevision: 1}})
	tm.tick(time.Minute)
	tm.round(a)
	tm.round(b)
	chk, err := command.Run(ctx, b.cmds, command.DrawCheck{Week: comm.WeekKey(tm.clocks[0].Now().In(time.FixedZone("CST", 8*3600)))})
	must(t, err)
	if len(chk.Items) != 1 || chk.Items[0].Agent != "李娜" {
		t.Fatalf("sample %+v", chk.Items)
	}
	it := chk.Items[0]
	low := map[string]int{"chk-greeting": 1, "chk-timely": 1, "chk-complete": 1, "chk-correct": 1, "chk-tone": 1, "chk-confirm": 1}
	failed, err := command.Run(ctx, b.cmds, command.ScoreCheckItem{ID: it.ID, Version: it.Version, Scores: low,
		Rect: command.RectInput{Owner: "李娜", Due: tm.clocks[0].Now().AddDate(0, 0, 7).Format("2006-01-02"), Problem: "未确认"}})
	must(t, err)
	tm.tick(time.Minute)
	tm.round(b)
	tm.round(a)
	if _, err := command.Run(ctx, a.cmds, command.CloseRectification{ID: failed.Rect.ID, Version: failed.Rect.Version, ActionTaken: "已回访确认"}); err != nil {
		t.Fatal(err)
	}
	tm.tick(time.Minute)
	for _, l := range []*laptop{a, b} {
		if rep := tm.round(l); rep.Conflicts != 0 {
			t.Fatalf("%s: %+v", l.name, rep)
		}
	}
	tm.same(a, b)
	got, err := tm.srv.QualityCheck(ctx, chk.ID)
	must(t, err)
	if got.Items[0].Rect == nil || got.Items[0].Rect.Status != "closed" || got.Items[0].Rect.ClosedBy != "李娜" {
		t.Errorf("the server's 整改 %+v", got.Items[0].Rect)
	}
}
