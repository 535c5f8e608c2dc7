package command_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

func fieldOf(err error, field string) string {
	e, ok := apperr.As(err)
	if !ok {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

// TestCommunicationQuality walks one week: a script written and revised,
// communication records using it or not, a weekly check drawn, scored,
// failed, its 整改 closed; the measures are checked against hand-computed
// answers at each point.
func TestCommunicationQuality(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, cst) }
	clk := clock.NewFixed(at(2, 9))
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	st, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	set := settings.Defaults("王强")
	set.TimeZone = "Asia/Shanghai"
	if err := st.EnsureSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	svc := command.New(st)
	as := func(name string) context.Context { return audit.WithActor(ctx, name) }
	for _, p := range []people.Fields{
		{Name: "王强", Roles: []request.Role{request.RoleSupervisor}, Active: true},
		{Name: "李娜", Roles: []request.Role{request.RoleAgent}, Active: true},
		{Name: "陈静", Roles: []request.Role{request.RoleAgent}, Active: true},
	} {
		if _, err := command.Run(ctx, svc, command.SavePerson{Fields: p}); err != nil && p.Name != "王强" {
			t.Fatal(err)
		}
	}
	c, err := command.Run(ctx, svc, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	if err != nil {
		t.Fatal(err)
	}
	req, err := command.Run(ctx, svc, command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID,
		ContactName: "张伟", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal, Title: "咨询系统对接方案",
		ReceivedAt: at(2, 9), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}

	// A script with an unknown field is refused and writes nothing.
	clk.Set(at(2, 10))
	_, err = command.Run(as("王强"), svc, command.SaveScript{Input: comm.ScriptInput{Topic: "greeting", Title: "问候",
		Body: "{联系人}您好，您的{订单号}", Active: true}})
	if fieldOf(err, "body") != "script_unknown_field" {
		t.Fatalf("unknown field: %v", err)
	}
	if n := rowsIn(t, path, "comm_scripts"); n != 0 {
		t.Fatalf("%d scripts after a refusal", n)
	}
	s, err := command.Run(as("王强"), svc, command.SaveScript{Input: comm.ScriptInput{Topic: "greeting", Title: "问候",
		Body: "{联系人}您好，{客户名称}的需求{需求编号}已收到。", Active: true}})
	if err != nil {
		t.Fatal(err)
	}
	src, err := st.ScriptSource(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	filled, err := comm.Fill(s, comm.Values(src))
	if want := "张伟您好，华信科技有限公司的需求" + req.Number + "已收到。"; err != nil || filled.Text != want || filled.Revision != 1 {
		t.Fatalf("filled %+v %v, want %s", filled, err, want)
	}

	record := func(who string, hour, day int, channel string, rev int) request.Record {
		t.Helper()
		clk.Set(at(day, hour))
		body := request.Communication{At: at(day, hour), Channel: channel, With: "张伟", Summary: "沟通 " + who}
		if rev > 0 {
			body.ScriptUse = request.ScriptUse{ScriptID: s.ID, ScriptRevision: rev}
		}
		raw, _ := json.Marshal(body)
		rec, err := command.Run(as(who), svc, command.SaveRecord{Input: request.RecordInput{RequestID: req.ID, Kind: request.KindCommunication, Body: raw}})
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	record("李娜", 11, 2, "电话", 1) // c1: the current revision
	record("陈静", 12, 2, "电话", 0) // c2: no script
	clk.Set(at(3, 9))
	_, err = command.Run(as("王强"), svc, command.SaveScript{Input: comm.ScriptInput{ID: s.ID, Version: s.Version, Topic: "greeting",
		Title: "问候", Body: "{联系人}您好！{客户名称}的需求{需求编号}已收到，我们会尽快处理。", Active: true}})
	if fieldOf(err, "note") != "required" {
		t.Fatalf("a revision without a note: %v", err)
	}
	s2, err := command.Run(as("王强"), svc, command.SaveScript{Input: comm.ScriptInput{ID: s.ID, Version: s.Version, Topic: "greeting",
		Title: "问候", Body: "{联系人}您好！{客户名称}的需求{需求编号}已收到，我们会尽快处理。", Active: true, Note: "月度复盘：补充处理承诺"}})
	if err != nil || s2.Revision != 2 {
		t.Fatalf("revision: %+v %v", s2, err)
	}
	record("李娜", 10, 3, "电话", 1) // c3: revision 1 no longer current
	record("陈静", 11, 3, "邮件", 2) // c4: current
	record("王强", 12, 3, "邮件", 0) // c5: no script
	// A record naming a revision the library does not have is refused.
	clk.Set(at(3, 13))
	raw, _ := json.Marshal(request.Communication{At: at(3, 13), Summary: "x", ScriptUse: request.ScriptUse{ScriptID: s.ID, ScriptRevision: 9}})
	if _, err := command.Run(as("李娜"), svc, command.SaveRecord{Input: request.RecordInput{RequestID: req.ID, Kind: request.KindCommunication, Body: raw}}); fieldOf(err, "scriptId") != "not_found" {
		t.Fatalf("unknown revision: %v", err)
	}
	revs, err := st.ScriptRevisions(ctx, s.ID)
	if err != nil || len(revs) != 2 || revs[0].Note != "月度复盘：补充处理承诺" || revs[0].ChangedBy != "王强" {
		t.Fatalf("revisions %+v %v", revs, err)
	}

	measures := func() map[comm.MeasureID]comm.Result {
		t.Helper()
		rs, err := st.CommMeasures(ctx, at(2, 0), at(9, 0))
		if err != nil {
			t.Fatal(err)
		}
		out := map[comm.MeasureID]comm.Result{}
		for _, r := range rs {
			out[r.Def.ID] = r
		}
		return out
	}
	show := func(r comm.Result) string {
		if r.Value == nil {
			return fmt.Sprintf("%d/%d —", r.Num, r.Den)
		}
		return fmt.Sprintf("%d/%d %.1f", r.Num, r.Den, *r.Value)
	}
	m := measures()
	// c1 and c4 of c1…c5 used the script in force: 2/5 = 40%.
	if got := show(m[comm.ScriptFitRate]); got != "2/5 40.0" {
		t.Errorf("话术适配率 %s, want 2/5 40.0", got)
	}
	if got := show(m[comm.CheckPassRate]); got != "0/0 —" {
		t.Errorf("抽检合格率 %s before any check", got)
	}

	// The week's checks. 电话 is sampled 2 a week, 邮件 3 (the default).
	clk.Set(at(4, 10))
	cfg, err := st.CheckConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cfg.ChannelSizes = map[string]int{"电话": 2}
	if _, err := command.Run(as("王强"), svc, command.SaveCheckConfig{Config: cfg}); err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(as("王强"), svc, command.DrawCheck{Week: "2026-W11"}); fieldOf(err, "week") != "in_future" {
		t.Errorf("next week: %v", err)
	}
	chk, err := command.Run(as("王强"), svc, command.DrawCheck{Week: "2026-W10", Seed: "7"})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, it := range chk.Items {
		if it.Agent == "王强" {
			t.Errorf("王强's own record drawn for his check")
		}
		per[it.Channel]++
	}
	// 电话: c1, c2, c3 → 2 drawn; 邮件: c4 (c5 is 王强's) → 1.
	if per["电话"] != 2 || per["邮件"] != 1 || chk.Seed != "7" {
		t.Errorf("sample %v seed %s", per, chk.Seed)
	}
	if _, err := command.Run(as("王强"), svc, command.DrawCheck{Week: "2026-W10"}); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("drawn twice: %v", err)
	}
	// 李娜's check leaves her c1 and c3 out: 电话 c2; 邮件 c4, c5.
	own, err := command.Run(as("李娜"), svc, command.DrawCheck{Week: "2026-W10", Seed: "7"})
	if err != nil || len(own.Items) != 3 {
		t.Fatalf("李娜's check: %+v %v", own, err)
	}
	for _, it := range own.Items {
		if it.Agent == "李娜" {
			t.Errorf("李娜's own record drawn for her check")
		}
	}

	if list, err := st.QualityChecks(ctx); err != nil || len(list) != 2 || list[0].Size != 3 || list[1].Size != 3 {
		t.Errorf("checks listed %+v %v", list, err)
	}
	all := func(v int) map[string]int {
		return map[string]int{"chk-greeting": v, "chk-timely": v, "chk-complete": v, "chk-correct": v, "chk-tone": v, "chk-confirm": v}
	}
	var mine, other store.CheckItem
	for _, it := range chk.Items {
		if it.Agent == "陈静" && mine.ID == "" {
			mine = it
		} else if it.Agent != "陈静" && other.ID == "" {
			other = it
		}
	}
	if mine.ID == "" || other.ID == "" {
		t.Fatalf("sample %+v", chk.Items)
	}
	if _, err := command.Run(as("陈静"), svc, command.ScoreCheckItem{ID: mine.ID, Version: mine.Version, Scores: all(5)}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("陈静 scored her own record: %v", err)
	}
	bad := all(5)
	bad["chk-tone"] = 6
	if _, err := command.Run(as("王强"), svc, command.ScoreCheckItem{ID: mine.ID, Version: mine.Version, Scores: bad}); fieldOf(err, "score.chk-tone") != "out_of_range" {
		t.Errorf("score 6 of 5: %v", err)
	}
	scored, err := command.Run(as("王强"), svc, command.ScoreCheckItem{ID: mine.ID, Version: mine.Version, Scores: all(5)})
	if err != nil || scored.Passed == nil || !*scored.Passed || scored.Total != 30 {
		t.Fatalf("30/30: %+v %v", scored, err)
	}
	if _, err := command.Run(as("王强"), svc, command.ScoreCheckItem{ID: mine.ID, Version: scored.Version, Scores: all(1)}); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("scored again: %v", err)
	}
	// 12/30 = 40% < 80%: fails, and needs its 整改 item.
	if _, err := command.Run(as("王强"), svc, command.ScoreCheckItem{ID: other.ID, Version: other.Version, Scores: all(2)}); fieldOf(err, "owner") != "required" {
		t.Errorf("failed without a 整改 owner: %v", err)
	}
	failed, err := command.Run(as("王强"), svc, command.ScoreCheckItem{ID: other.ID, Version: other.Version, Scores: all(2),
		Comment: "未确认客户诉求", Rect: command.RectInput{Owner: other.Agent, Due: "2026-03-10", Problem: "结束前未与客户确认"}})
	if err != nil || failed.Passed == nil || *failed.Passed || failed.Rect == nil || failed.Rect.Status != "open" {
		t.Fatalf("failed: %+v %v", failed, err)
	}
	m = measures()
	if got := show(m[comm.CheckPassRate]); got != "1/2 50.0" {
		t.Errorf("抽检合格率 %s, want 1/2 50.0", got)
	}
	if got := show(m[comm.RectificationRate]); got != "0/1 0.0" {
		t.Errorf("整改率 %s, want 0/1 0.0", got)
	}
	rect := *failed.Rect
	before := rowsIn(t, path, "audit_log")
	if _, err := command.Run(as(other.Agent), svc, command.CloseRectification{ID: rect.ID, Version: rect.Version, ActionTaken: "  "}); fieldOf(err, "actionTaken") != "required" {
		t.Errorf("closed without what was done: %v", err)
	}
	if rowsIn(t, path, "audit_log") != before {
		t.Errorf("a refused close wrote")
	}
	closed, err := command.Run(as(other.Agent), svc, command.CloseRectification{ID: rect.ID, Version: rect.Version, ActionTaken: "已重新学习结束语话术并回访客户确认"})
	if err != nil || closed.Status != "closed" || closed.ClosedBy != other.Agent {
		t.Fatalf("closed %+v %v", closed, err)
	}
	m = measures()
	if got := show(m[comm.RectificationRate]); got != "1/1 100.0" || !*m[comm.RectificationRate].Met {
		t.Errorf("整改率 %s, want 1/1 100.0 and met", got)
	}
	if got := show(m[comm.ScriptFitRate]); got != "2/5 40.0" {
		t.Errorf("话术适配率 moved to %s", got)
	}
}
