package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
)

// counts is how many records and audit entries the database holds: a
// refused change must leave both as they were.
func counts(t *testing.T, s *store.Store, reqID string) (int, int) {
	t.Helper()
	ctx := context.Background()
	d, err := s.Request(ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.History(ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	return len(d.Records), len(h)
}

func measuredClock(t *testing.T, s *store.Store, reqID string, k sla.Kind) sla.Measure {
	t.Helper()
	ms, err := s.Clocks(context.Background(), reqID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Kind == k {
			return m
		}
	}
	t.Fatalf("no %s clock in %+v", k, ms)
	return sla.Measure{}
}

// TestComplaintLifecycle registers a complaint against a request, takes it
// through investigation, answer and closing, with its clocks on the working
// calendar (Friday 15 March 2024, hours 9–12 and 13:30–18), refuses bad
// input without writing anything, and counts it in 投诉率.
func TestComplaintLifecycle(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	r := mustRequest(t, s, fields(c, "对接接口咨询"))
	other := mustRequest(t, s, fields(c, "报表导出咨询"))

	// Bad input: refused naming each field, nothing written.
	recs, audits := counts(t, s, r.ID)
	_, err := command.Run(ctx, svc, command.RegisterComplaint{RequestID: r.ID, Input: request.ComplaintInput{
		ReceivedAt: now.Add(time.Hour), Cause: "weather", Content: " "}})
	got := fieldKeys(err)
	if got["receivedAt"] != "in_future" || got["cause"] != "not_in_list" || got["content"] != "required" || got["complainant"] != "required" {
		t.Fatalf("bad complaint: %v %v", got, err)
	}
	if a, b := counts(t, s, r.ID); a != recs || b != audits {
		t.Fatalf("a refused complaint wrote: records %d→%d, audit %d→%d", recs, a, audits, b)
	}
	// A complaint never goes in through the generic record form.
	if _, err := command.Run(ctx, svc, command.SaveRecord{Input: request.RecordInput{RequestID: r.ID,
		Kind: request.KindComplaint, Body: json.RawMessage(`{"content":"x"}`)}}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("complaint as a record: %v", err)
	}

	rec, err := command.Run(ctx, svc, command.RegisterComplaint{RequestID: r.ID, Input: request.ComplaintInput{
		ReceivedAt: now.Add(-30 * time.Minute), Channel: "电话", Complainant: "张伟", Cause: "timeliness",
		Content: "答复拖了两天，没人告知进度"}})
	if err != nil {
		t.Fatal(err)
	}
	// 09:30 + 1 working hour = 10:30; at 10:00 half of it is left.
	acc := measuredClock(t, s, r.ID, sla.KindComplaintAccept)
	if !acc.Due.Equal(now.Add(30*time.Minute)) || acc.State != sla.StateOnTrack {
		t.Fatalf("accept clock = %+v", acc)
	}

	step := func(action string, in request.ComplaintInput) (request.Record, error) {
		return command.Run(ctx, svc, command.StepComplaint{ID: rec.ID, Version: rec.Version, Action: action, Input: in})
	}
	if _, err := step(request.ComplaintAnswer, request.ComplaintInput{}); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("answer before investigation: %v", err)
	}
	if _, err := step(request.ComplaintAccept, request.ComplaintInput{Investigator: "路人甲"}); fieldKeys(err)["investigator"] != "not_a_person" {
		t.Fatalf("unknown investigator: %v", err)
	}
	clk.Set(now.Add(20 * time.Minute)) // 10:20
	if rec, err = step(request.ComplaintAccept, request.ComplaintInput{Investigator: "王强"}); err != nil {
		t.Fatal(err)
	}
	if acc := measuredClock(t, s, r.ID, sla.KindComplaintAccept); acc.State != sla.StateMet {
		t.Fatalf("accept clock after taking it up = %+v", acc)
	}
	// The answer: 24 hours on the 24x7 clock from 10:20.
	ans := measuredClock(t, s, r.ID, sla.KindComplaintAnswer)
	if !ans.Due.Equal(now.Add(24*time.Hour+20*time.Minute)) || ans.State != sla.StateOnTrack {
		t.Fatalf("answer clock = %+v", ans)
	}
	recs, audits = counts(t, s, r.ID)
	if _, err := step(request.ComplaintAnswer, request.ComplaintInput{Answer: "已致歉"}); fieldKeys(err)["findings"] != "required" ||
		fieldKeys(err)["responsible"] != "required" || fieldKeys(err)["measures"] != "required" {
		t.Fatalf("answer without findings: %v", err)
	}
	if a, b := counts(t, s, r.ID); a != recs || b != audits {
		t.Fatal("a refused answer wrote")
	}
	clk.Set(now.Add(2 * time.Hour))
	if rec, err = step(request.ComplaintAnswer, request.ComplaintInput{Findings: "负责人出差，未交接", Responsible: "赵磊",
		Measures: "建立出差交接制度", Answer: "已致歉并说明改进措施"}); err != nil {
		t.Fatal(err)
	}
	if ans := measuredClock(t, s, r.ID, sla.KindComplaintAnswer); ans.State != sla.StateMet {
		t.Fatalf("answer clock after answering = %+v", ans)
	}
	if _, err := step(request.ComplaintClose, request.ComplaintInput{Accepted: new(bool)}); fieldKeys(err)["note"] != "required" {
		t.Fatalf("closing unaccepted without a note: %v", err)
	}
	yes := true
	if rec, err = step(request.ComplaintClose, request.ComplaintInput{Accepted: &yes}); err != nil {
		t.Fatal(err)
	}
	body, _ := request.BodyOf[request.Complaint](rec)
	if body.Status != request.ComplaintClosed || body.Investigator != "王强" || body.AnsweredBy == "" {
		t.Fatalf("closed complaint = %+v", body)
	}
	if _, err := command.Run(ctx, svc, command.DeleteRecord{ID: rec.ID, Version: rec.Version}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("complaint deleted: %v", err)
	}

	// The list: every complaint, the open ones (none now).
	all, err := s.Complaints(ctx, store.ComplaintFilter{})
	if err != nil || len(all) != 1 || all[0].Number != r.Number || all[0].Complaint.Cause != "timeliness" {
		t.Fatalf("complaints = %+v, %v", all, err)
	}
	if open, err := s.Complaints(ctx, store.ComplaintFilter{Status: "open"}); err != nil || len(open) != 0 {
		t.Fatalf("open complaints = %+v, %v", open, err)
	}

	// 投诉率: one of the two requests received was complained about (the
	// type 技术咨询 is not a complaint type): 50%.
	rows, err := s.MetricRows(ctx, now.Add(-24*time.Hour), now.Add(24*time.Hour), "")
	if err != nil {
		t.Fatal(err)
	}
	def, _ := report.Lookup(report.ComplaintRate)
	cfg := report.DefaultConfig()
	v := def.Compute(rows, &report.Context{Now: clk.Now(), Config: cfg})
	if v.N != 2 || v.Hits != 1 || v.Value == nil || *v.Value != 50 {
		t.Fatalf("complaint rate = %+v over %d rows (other %s)", v, len(rows), other.Number)
	}
	onTime, _ := report.Lookup(report.OnTimeComplaintAnswer)
	if v := onTime.Compute(rows, &report.Context{Now: clk.Now(), Config: cfg}); v.N != 1 || v.Hits != 1 {
		t.Fatalf("complaints answered on time = %+v", v)
	}
}

// TestComplaintOnClosedRequest: a request cancelled is still complained
// about; the complaint's clocks run on after the request closed, are
// escalated when breached, and recomputed when the limits change.
func TestComplaintOnClosedRequest(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	r := mustRequest(t, s, fields(c, "对接接口咨询"))
	if _, err := command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version,
		Move: request.Move{Action: request.ActCancel, Reason: "客户撤回"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, svc, command.RegisterComplaint{RequestID: r.ID, Input: request.ComplaintInput{
		ReceivedAt: now, Complainant: "张伟", Cause: "attitude", Content: "取消时态度生硬"}}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Supervisor = "王强"
	if _, err := command.Run(ctx, svc, command.SaveSettings{Settings: st}); err != nil {
		t.Fatal(err)
	}
	// 10:00 + 1 working hour = 11:00; at 11:30 it is breached and escalated.
	clk.Set(now.Add(90 * time.Minute))
	if acc := measuredClock(t, s, r.ID, sla.KindComplaintAccept); acc.State != sla.StateBreached {
		t.Fatalf("accept clock of a cancelled request's complaint = %+v", acc)
	}
	made, err := command.Run(ctx, svc, command.Escalate{})
	if err != nil {
		t.Fatal(err)
	}
	if len(made) != 1 || made[0].Clock != string(sla.KindComplaintAccept) || made[0].Recipient != "王强" {
		t.Fatalf("escalations = %+v", made)
	}
	alerts, err := s.Alerts(ctx, store.AllAlerts)
	if err != nil || alerts.Breached != 1 {
		t.Fatalf("alerts = %+v, %v", alerts, err)
	}
	// Two working hours instead: the stored clock follows (due 12:00), and
	// the bell no longer counts it.
	lim := sla.DefaultChannelLimits()
	lim.ComplaintAccept.Amount = 2
	if _, err := command.Run(ctx, svc, command.SaveChannelLimits{Limits: lim}); err != nil {
		t.Fatal(err)
	}
	// At 11:30 a quarter of the two hours is left: not yet due soon (under 25%).
	alerts, err = s.Alerts(ctx, store.AllAlerts)
	if err != nil || alerts.Breached != 0 || alerts.DueSoon != 0 {
		t.Fatalf("alerts after the limit changed = %+v, %v", alerts, err)
	}
	if acc := measuredClock(t, s, r.ID, sla.KindComplaintAccept); !acc.Due.Equal(now.Add(2*time.Hour)) || acc.State != sla.StateOnTrack {
		t.Fatalf("accept clock after the limit changed = %+v", acc)
	}
	// A channel that is not on the list is refused, and nothing changes.
	bad := lim
	bad.Respond = append([]sla.ChannelLimit{}, bad.Respond...)
	bad.Respond[0].Channel = "飞鸽传书"
	if _, err := command.Run(ctx, svc, command.SaveChannelLimits{Limits: bad}); fieldKeys(err)["respond.0.channel"] != "not_in_list" {
		t.Fatalf("unknown channel: %v", err)
	}
	set, err := s.SLASettings(ctx)
	if err != nil || set.Channels.Respond[0].Channel != "在线客服" || set.Channels.ComplaintAccept.Amount != 2 {
		t.Fatalf("settings after a refused change = %+v, %v", set.Channels, err)
	}
}

// TestChannelClocks: a chat's first response (3 working minutes), a
// call's pick-up from its recorded wait (15 seconds), and a request of
// another department handed over (1 working hour) and answered after it.
func TestChannelClocks(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "在线咨询")
	f.Channel, f.ReceivedAt = "在线客服", now.Add(-10*time.Minute) // 09:50
	chat := mustRequest(t, s, f)
	if m := measuredClock(t, s, chat.ID, sla.KindChannelRespond); !m.Due.Equal(now.Add(-7*time.Minute)) || m.State != sla.StateBreached {
		t.Fatalf("chat clock = %+v", m)
	}

	call := mustRequest(t, s, fields(c, "电话咨询")) // received 09:00
	save := func(kind request.RecordKind, body string) error {
		_, err := command.Run(ctx, svc, command.SaveRecord{Input: request.RecordInput{RequestID: call.ID, Kind: kind,
			Body: json.RawMessage(body)}})
		return err
	}
	at := now.Add(-50 * time.Minute).Format(time.RFC3339) // 09:10
	if err := save(request.KindCommunication, `{"at":"`+at+`","channel":"电话","summary":"来电","waitSeconds":-3}`); fieldKeys(err)["waitSeconds"] != "out_of_range" {
		t.Fatalf("negative wait: %v", err)
	}
	if err := save(request.KindCommunication, `{"at":"`+at+`","channel":"电话","summary":"来电","waitSeconds":20}`); err != nil {
		t.Fatal(err)
	}
	if m := measuredClock(t, s, call.ID, sla.KindPhoneAnswer); m.State != sla.StateLate || m.Allowance != 15 {
		t.Fatalf("phone clock = %+v", m)
	}
	ho := now.Add(-20 * time.Minute).Format(time.RFC3339) // 09:40
	if err := save(request.KindHandover, `{"department":"技术支持部","receiver":"赵磊"}`); fieldKeys(err)["at"] != "required" {
		t.Fatalf("hand-over without a time: %v", err)
	}
	if err := save(request.KindHandover, `{"at":"`+ho+`","department":"技术支持部","receiver":"赵磊"}`); err != nil {
		t.Fatal(err)
	}
	// Received 09:00, due 10:00, handed over at 09:40: met; the answer is
	// owed by 09:40 the next day, and the call at 09:10 does not count.
	if m := measuredClock(t, s, call.ID, sla.KindHandover); m.State != sla.StateMet || !m.Due.Equal(now) {
		t.Fatalf("hand-over clock = %+v", m)
	}
	if m := measuredClock(t, s, call.ID, sla.KindHandoverAnswer); m.State != sla.StateOnTrack || !m.Due.Equal(now.Add(23*time.Hour+40*time.Minute)) {
		t.Fatalf("answer clock = %+v", m)
	}
}
