package comm_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
)

func fieldKey(t *testing.T, err error, field string) string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok {
		t.Fatalf("error %v is not an apperr", err)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	t.Fatalf("error %+v does not name %s", e, field)
	return ""
}

func TestCheckScript(t *testing.T) {
	channels := []string{"电话", "在线客服"}
	tests := []struct {
		name  string
		in    comm.ScriptInput
		field string
		key   string
	}{
		{"OK", comm.ScriptInput{Channel: "电话", Topic: "greeting", Title: "电话问候", Body: "{联系人}您好，这里是{公司名称}。"}, "", ""},
		{"OKEveryChannel", comm.ScriptInput{Topic: "closing", Title: "结束", Body: "感谢来电"}, "", ""},
		{"ErrUnknownField", comm.ScriptInput{Topic: "result", Title: "结果", Body: "{客户名称}的{订单号}已处理"}, "body", "script_unknown_field"},
		{"ErrChannel", comm.ScriptInput{Channel: "飞鸽", Topic: "greeting", Title: "t", Body: "b"}, "channel", "not_in_list"},
		{"ErrTopicMissing", comm.ScriptInput{Title: "t", Body: "b"}, "topic", "required"},
		{"ErrTitleNewline", comm.ScriptInput{Topic: "x", Title: "a\nb", Body: "b"}, "title", "single_line"},
		{"ErrChangeWithoutNote", comm.ScriptInput{ID: "s1", Topic: "x", Title: "t", Body: "b"}, "note", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			err := comm.CheckScript(&in, channels)
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if got := fieldKey(t, err, tt.field); got != tt.key {
				t.Errorf("key %s, want %s", got, tt.key)
			}
		})
	}
	// The unknown field is named in the message.
	in := comm.ScriptInput{Topic: "result", Title: "结果", Body: "{订单号}"}
	e, _ := apperr.As(comm.CheckScript(&in, channels))
	if got := e.Fields[0].Params["name"]; got != "订单号" {
		t.Errorf("named %v, want 订单号", got)
	}
}

func TestFill(t *testing.T) {
	zone := time.FixedZone("CST", 8*3600)
	r := request.Request{Number: "XR-2026-007", CustomerName: "华信科技", Fields: request.Fields{ContactName: "张伟",
		Title: "系统对接", ReceivedAt: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC), Owner: "陈静"}}
	vals := comm.Values(comm.Source{Request: r, ExpectedDelivery: "2026-04-30", Company: "远景服务", Now: time.Date(2026, 3, 5, 20, 0, 0, 0, time.UTC), Zone: zone})
	s := comm.Script{ID: "s1", Revision: 3, Body: "{联系人}您好！{客户名称}的需求{需求编号}（{需求标题}）预计{预计完成日期}完成，负责人{负责人}，{当前日期}。"}
	got, err := comm.Fill(s, vals)
	if err != nil {
		t.Fatal(err)
	}
	want := "张伟您好！华信科技的需求XR-2026-007（系统对接）预计2026年4月30日完成，负责人陈静，2026年3月6日。"
	if got.Text != want || got.Revision != 3 || got.ScriptID != "s1" || len(got.Missing) != 0 {
		t.Errorf("got %+v\nwant %s", got, want)
	}
	// Without an expected delivery the field stays and is listed.
	vals["预计完成日期"] = ""
	got, _ = comm.Fill(comm.Script{Body: "预计{预计完成日期}完成"}, vals)
	if got.Text != "预计{预计完成日期}完成" || !slices.Equal(got.Missing, []string{"预计完成日期"}) {
		t.Errorf("got %+v", got)
	}
	if _, err := comm.Fill(comm.Script{Body: "{工单号}"}, vals); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("unknown field: %v", err)
	}
}

func TestCurrentAtAndScriptFit(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	revs := map[string][]comm.Revision{
		"a": {{ScriptID: "a", Revision: 1, Active: true, ChangedAt: day(1)}, {ScriptID: "a", Revision: 2, Active: true, ChangedAt: day(10)}},
		"b": {{ScriptID: "b", Revision: 1, Active: true, ChangedAt: day(1)}, {ScriptID: "b", Revision: 2, Active: false, ChangedAt: day(5)}},
	}
	uses := []comm.Use{
		{Ref: comm.Ref{RecordID: "r1", At: day(3)}, ScriptID: "a", Revision: 1},  // current then: counts
		{Ref: comm.Ref{RecordID: "r2", At: day(12)}, ScriptID: "a", Revision: 1}, // revision 2 was in force
		{Ref: comm.Ref{RecordID: "r3", At: day(12)}, ScriptID: "a", Revision: 2}, // counts
		{Ref: comm.Ref{RecordID: "r4", At: day(6)}, ScriptID: "b", Revision: 1},  // b retired on the 5th
		{Ref: comm.Ref{RecordID: "r5", At: day(6)}},                              // no script
		{Ref: comm.Ref{RecordID: "r6", At: day(6)}, ScriptID: "zz", Revision: 1}, // unknown script
		{Ref: comm.Ref{RecordID: "r7", At: day(2)}, ScriptID: "b", Revision: 1},  // counts
	}
	r := comm.ScriptFit(uses, revs)
	// 3 of 7 = 42.857…%
	if r.Num != 3 || r.Den != 7 || r.Value == nil || fmt.Sprintf("%.2f", *r.Value) != "42.86" || *r.Met {
		t.Errorf("got %d/%d %v", r.Num, r.Den, r.Value)
	}
	var counted []string
	for _, ref := range r.Refs {
		if ref.Counted {
			counted = append(counted, ref.RecordID)
		}
	}
	if !slices.Equal(counted, []string{"r1", "r3", "r7"}) {
		t.Errorf("counted %v", counted)
	}
	if r := comm.ScriptFit(nil, revs); r.Value != nil || r.Met != nil {
		t.Errorf("empty: %+v", r)
	}
}

func TestSample(t *testing.T) {
	var cands []comm.Candidate
	for i := range 30 {
		ch := []string{"电话", "邮件", "在线客服"}[i%3]
		agent := []string{"李娜", "王芳", "陈静", "赵磊"}[i%4]
		cands = append(cands, comm.Candidate{RecordID: fmt.Sprintf("r%02d", i), Channel: ch, Agent: agent,
			At: time.Date(2026, 3, 2, i, 0, 0, 0, time.UTC)})
	}
	cfg := comm.Config{SampleSize: 3, ChannelSizes: map[string]int{"邮件": 1, "在线客服": 20}}
	a := comm.Sample(cands, 42, cfg, "王芳")
	// Reversed input, same seed: the same sample.
	rev := slices.Clone(cands)
	slices.Reverse(rev)
	b := comm.Sample(rev, 42, cfg, "王芳")
	ids := func(cs []comm.Candidate) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.RecordID)
		}
		return out
	}
	if !slices.Equal(ids(a), ids(b)) {
		t.Errorf("not reproducible: %v vs %v", ids(a), ids(b))
	}
	per := map[string]int{}
	for _, c := range a {
		if c.Agent == "王芳" {
			t.Errorf("the checker's own record %s was drawn", c.RecordID)
		}
		per[c.Channel]++
	}
	// 10 records a channel, of which 王芳 wrote those with i%4 == 1: 电话
	// (i%3==0) i=9,21 → 8 left; 在线客服 (i%3==2) i=5,17,29 → 7 left.
	if per["电话"] != 3 || per["邮件"] != 1 || per["在线客服"] != 7 {
		t.Errorf("per channel %v", per)
	}
	if c := comm.Sample(cands, 43, cfg, "王芳"); slices.Equal(ids(c), ids(a)) {
		t.Errorf("another seed drew the same sample")
	}
}

func TestJudge(t *testing.T) {
	items := []comm.ChecklistItem{{ID: "a", Label: "问候", MaxScore: 5, Active: true}, {ID: "b", Label: "准确", MaxScore: 10, Active: true},
		{ID: "old", Label: "旧", MaxScore: 5}}
	v, err := comm.Judge(items, map[string]int{"a": 4, "b": 8}, 80)
	if err != nil || v.Total != 12 || v.Max != 15 || !v.Passed {
		t.Errorf("12/15 = 80%% passes: %+v %v", v, err)
	}
	v, err = comm.Judge(items, map[string]int{"a": 3, "b": 8}, 80)
	if err != nil || v.Passed {
		t.Errorf("11/15 fails: %+v %v", v, err)
	}
	for _, tt := range []struct {
		name   string
		scores map[string]int
		field  string
		key    string
	}{
		{"ErrAbove", map[string]int{"a": 6, "b": 1}, "score.a", "out_of_range"},
		{"ErrNegative", map[string]int{"a": 1, "b": -1}, "score.b", "out_of_range"},
		{"ErrMissing", map[string]int{"a": 1}, "score.b", "required"},
		{"ErrRetired", map[string]int{"a": 1, "b": 1, "old": 1}, "score.old", "check_item_unknown"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := comm.Judge(items, tt.scores, 80)
			if got := fieldKey(t, err, tt.field); got != tt.key {
				t.Errorf("key %s, want %s", got, tt.key)
			}
		})
	}
	if err := comm.CheckScorer("李娜", "李娜"); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("own record: %v", err)
	}
}

func TestRectification(t *testing.T) {
	people := []string{"李娜", "王芳"}
	ok := comm.Rectification{Owner: "李娜", Due: "2026-03-10", Problem: "未确认"}
	if err := comm.CheckRectification(&ok, people, "2026-03-06"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		r     comm.Rectification
		field string
		key   string
	}{
		{"ErrOwnerUnknown", comm.Rectification{Owner: "路人", Due: "2026-03-10", Problem: "p"}, "owner", "not_a_person"},
		{"ErrDuePast", comm.Rectification{Owner: "李娜", Due: "2026-03-01", Problem: "p"}, "due", "in_past"},
		{"ErrDueBad", comm.Rectification{Owner: "李娜", Due: "3月10日", Problem: "p"}, "due", "date_invalid"},
		{"ErrDueFar", comm.Rectification{Owner: "李娜", Due: "2027-04-01", Problem: "p"}, "due", "due_too_far"},
		{"ErrProblem", comm.Rectification{Owner: "李娜", Due: "2026-03-10"}, "problem", "required"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			if got := fieldKey(t, comm.CheckRectification(&r, people, "2026-03-06"), tt.field); got != tt.key {
				t.Errorf("key %s, want %s", got, tt.key)
			}
		})
	}
	if _, err := comm.Close(comm.Rectification{Status: "open"}, "  "); fieldKey(t, err, "actionTaken") != "required" {
		t.Errorf("closed without what was done")
	}
	if _, err := comm.Close(comm.Rectification{Status: "closed"}, "x"); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("closed twice: %v", err)
	}
}

func TestRatesAndWeeks(t *testing.T) {
	p := comm.PassRate([]comm.CheckedItem{{Passed: true}, {Passed: true}, {Passed: false}, {Passed: true}})
	if p.Num != 3 || p.Den != 4 || *p.Value != 75 || *p.Met {
		t.Errorf("pass rate %+v", p)
	}
	r := comm.RectRate([]comm.OpenedRectification{{Closed: true}, {Closed: true}})
	if *r.Value != 100 || !*r.Met {
		t.Errorf("rect rate %+v", r)
	}
	zone := time.FixedZone("CST", 8*3600)
	w, err := comm.ParseWeek("week", "2026-W01", zone)
	if err != nil || !w.Start.Equal(time.Date(2025, 12, 29, 0, 0, 0, 0, zone)) || !w.End.Equal(time.Date(2026, 1, 5, 0, 0, 0, 0, zone)) {
		t.Errorf("2026-W01 = %+v %v", w, err)
	}
	for _, bad := range []string{"2026-W54", "2025-W53", "2026W1", "", "1999-W01"} {
		if _, err := comm.ParseWeek("week", bad, zone); fieldKey(t, err, "week") != "check_week_invalid" {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := comm.WeekKey(time.Date(2026, 12, 4, 0, 0, 0, 0, zone)); got != "2026-W49" {
		t.Errorf("week key %s", got)
	}
}

func TestMissingTopics(t *testing.T) {
	terms := []report.Term{{Term: "对接", Count: 5}, {Term: "登录", Count: 3}, {Term: "发票", Count: 2}}
	scripts := []comm.Script{{Topic: "登录", Title: "登录问题答复", Active: true}, {Topic: "发票", Title: "x", Active: false}}
	got := comm.MissingTopics(terms, scripts)
	if len(got) != 2 || got[0].Term != "对接" || got[1].Term != "发票" {
		t.Errorf("got %+v", got)
	}
}
