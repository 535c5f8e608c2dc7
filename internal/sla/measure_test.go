package sla_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

func policy(t *testing.T, urgency string) sla.Policy {
	t.Helper()
	p, ok := sla.Pick(sla.DefaultPolicies(), urgency, "技术咨询", "电话")
	if !ok {
		t.Fatalf("no default policy for %s", urgency)
	}
	return p
}

func find(ms []sla.Measure, k sla.Kind) (sla.Measure, bool) {
	for _, m := range ms {
		if m.Kind == k {
			return m, true
		}
	}
	return sla.Measure{}, false
}

func TestEvaluate(t *testing.T) {
	cal := chinaCalendar(t)
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, cal.Location())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// A routine (一般) request received on Friday 2026-11-20 at 17:30.
	received := at("2026-11-20 17:30")
	base := sla.Timeline{ReceivedAt: received, RecordedAt: at("2026-11-20 17:33"), ClassifiedAt: at("2026-11-20 18:10"),
		AssignedAt: at("2026-11-23 09:10"), StartedAt: at("2026-11-23 10:00"), RespondedAt: at("2026-11-23 09:30")}
	tests := []struct {
		name      string
		urgency   string
		tl        func() sla.Timeline
		now       string
		kind      sla.Kind
		wantState sla.State
		wantDue   string
	}{
		{"RecordMet", "normal", func() sla.Timeline { return base }, "2026-11-24 10:00", sla.KindRecord, sla.StateMet, "2026-11-20 17:35"},
		{"ClassifyLate", "normal", func() sla.Timeline { return base }, "2026-11-24 10:00", sla.KindClassify, sla.StateLate, "2026-11-20 18:00"},
		{"RespondInWorkingHours", "normal", func() sla.Timeline { return base }, "2026-11-24 10:00", sla.KindRespond, sla.StateMet, "2026-11-23 18:00"},
		{"StartMet", "normal", func() sla.Timeline { return base }, "2026-11-24 10:00", sla.KindStart, sla.StateMet, "2026-11-23 11:10"},
		{"ResolveOnTrack", "normal", func() sla.Timeline { return base }, "2026-11-24 10:00", sla.KindResolve, sla.StateOnTrack, "2026-11-25 17:30"},
		{"ResolveDueSoon", "normal", func() sla.Timeline { return base }, "2026-11-25 16:00", sla.KindResolve, sla.StateDueSoon, "2026-11-25 17:30"},
		{"ResolveBreached", "normal", func() sla.Timeline { return base }, "2026-11-25 17:31", sla.KindResolve, sla.StateBreached, "2026-11-25 17:30"},
		{"ResolvePausedWhileWaiting", "normal", func() sla.Timeline {
			tl := base
			tl.Waiting = []sla.Pause{{From: at("2026-11-24 09:00"), To: at("2026-11-24 12:00")}}
			return tl
		}, "2026-11-25 17:31", sla.KindResolve, sla.StateDueSoon, "2026-11-26 11:30"},
		{"ResolveOpenPause", "normal", func() sla.Timeline {
			tl := base
			tl.Waiting = []sla.Pause{{From: at("2026-11-24 09:00")}}
			return tl
		}, "2026-11-30 09:00", sla.KindResolve, sla.StatePaused, ""},
		{"UrgentResolveOn24x7", "urgent", func() sla.Timeline { return base }, "2026-11-20 21:00", sla.KindResolve, sla.StateDueSoon, "2026-11-20 21:30"},
		{"ProgressOwed", "normal", func() sla.Timeline { return base }, "2026-11-24 11:00", sla.KindProgress, sla.StateBreached, "2026-11-24 10:00"},
		{"ProgressAfterUpdate", "normal", func() sla.Timeline {
			tl := base
			tl.Updates = []time.Time{at("2026-11-24 09:00")}
			return tl
		}, "2026-11-24 11:00", sla.KindProgress, sla.StateOnTrack, "2026-11-25 09:00"},
		{"ResultFeedbackMet", "normal", func() sla.Timeline {
			tl := base
			tl.ResolvedAt, tl.ResultGivenAt = at("2026-11-24 15:00"), at("2026-11-24 16:30")
			return tl
		}, "2026-11-24 17:00", sla.KindResultFeedback, sla.StateMet, "2026-11-24 17:00"},
		{"SurveyInWorkingDays", "normal", func() sla.Timeline {
			tl := base
			tl.ResolvedAt, tl.ResultGivenAt, tl.HandedOverAt = at("2026-11-24 15:00"), at("2026-11-24 16:30"), at("2026-11-24 16:30")
			return tl
		}, "2026-11-25 09:00", sla.KindSurvey, sla.StateOnTrack, "2026-11-27 16:30"},
		// Cancelled on Monday at 09:00 and restored at 12:00: the first
		// response, owed within 8 working hours, gets the morning back.
		{"RespondAfterRestore", "normal", func() sla.Timeline {
			tl := base
			tl.RespondedAt = time.Time{}
			tl.Stopped = []sla.Pause{{From: at("2026-11-23 09:00"), To: at("2026-11-23 12:00")}}
			return tl
		}, "2026-11-23 17:00", sla.KindRespond, sla.StateOnTrack, "2026-11-24 12:00"},
		{"StoppedWhenCancelled", "normal", func() sla.Timeline {
			tl := base
			tl.ClosedAt = at("2026-11-24 09:00")
			return tl
		}, "2026-12-20 09:00", sla.KindResolve, sla.StateStopped, "2026-11-25 17:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := cal.Evaluate(policy(t, tt.urgency), tt.tl(), at(tt.now), 25)
			if err != nil {
				t.Fatal(err)
			}
			m, ok := find(ms, tt.kind)
			if !ok {
				t.Fatalf("no %s clock in %+v", tt.kind, ms)
			}
			if m.State != tt.wantState {
				t.Errorf("state = %s, want %s (%+v)", m.State, tt.wantState, m)
			}
			got := ""
			if !m.Due.IsZero() {
				got = m.Due.In(cal.Location()).Format("2006-01-02 15:04")
			}
			if got != tt.wantDue {
				t.Errorf("due = %q, want %q", got, tt.wantDue)
			}
		})
	}
}

func TestPick(t *testing.T) {
	ps := sla.DefaultPolicies()
	special := ps[2]
	special.Type = "投诉"
	special.Resolve = sla.Limit{Amount: 1, Unit: sla.UnitDays, Clock: sla.ClockWorking}
	ps = append(ps, special)
	got, _ := sla.Pick(ps, "normal", "投诉", "电话")
	if got.Resolve.Amount != 1 {
		t.Fatalf("picked %+v, want the 投诉 policy", got.Resolve)
	}
	got, _ = sla.Pick(ps, "normal", "咨询", "电话")
	if got.Resolve.Amount != 3 {
		t.Fatalf("picked %+v, want the general policy", got.Resolve)
	}
	if _, ok := sla.Pick(ps, "unknown", "", ""); ok {
		t.Fatal("picked a policy for an unknown urgency")
	}
}

func TestPolicyValidate(t *testing.T) {
	urgencies := []string{"urgent", "important", "normal", "potential"}
	lists := vocab.Lists{Types: []vocab.Item{{Label: "咨询", Active: true}}, Channels: []vocab.Item{{Label: "电话", Active: true}}}
	p := sla.DefaultPolicies()[0]
	p.Type, p.Channel = "咨询", "电话"
	if err := p.Validate(urgencies, lists); err != nil {
		t.Fatal(err)
	}
	p.Resolve.Unit = "weeks"
	p.ProgressEvery.Amount = 0
	if err := p.Validate(urgencies, lists); err == nil {
		t.Fatal("bad limits accepted")
	}
	for _, tt := range []struct {
		name, field string
		edit        func(*sla.Policy)
	}{
		{"ErrUrgency", "urgency", func(p *sla.Policy) { p.Urgency = "whenever" }},
		{"ErrType", "type", func(p *sla.Policy) { p.Type = "不存在的类型" }},
		{"ErrChannel", "channel", func(p *sla.Policy) { p.Channel = "飞鸽传书" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := sla.DefaultPolicies()[0]
			tt.edit(&p)
			wantField(t, p.Validate(urgencies, lists), tt.field, "not_in_list")
		})
	}
}
