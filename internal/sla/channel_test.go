package sla_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// atSec reads "2006-01-02 15:04:05" as a Shanghai wall-clock time.
func atSec(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04:05", s, loadZone(t, "Asia/Shanghai"))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEvaluateChannels measures every channel, cross-department and
// complaint clock on the working calendar of 2026 (working hours 9–12 and
// 13:30–18; 国庆 1–7 October off, Sunday 20 September a make-up working
// day), with the due moments computed by hand.
func TestEvaluateChannels(t *testing.T) {
	cal := chinaCalendar(t)
	secs := func(n int, c sla.Clock) sla.Limit { return limit(n, sla.UnitSeconds, c) }
	tests := []struct {
		name       string
		limits     sla.ChannelLimits
		channel    string
		department string
		tl         sla.Timeline
		now        string
		kind       sla.Kind
		wantDue    string
		wantState  sla.State
	}{
		{
			// 17:58 + 3 working minutes: 2 before 18:00 on 30 September, the
			// third after the holiday, at 09:00 on 8 October.
			name:    "ChatOverHoliday",
			limits:  sla.ChannelLimits{Respond: []sla.ChannelLimit{{Channel: "在线客服", Limit: workingMins(3)}}},
			tl:      sla.Timeline{ReceivedAt: at(t, "2026-09-30 17:58"), RespondedAt: at(t, "2026-10-08 09:00")},
			channel: "在线客服", now: "2026-10-08 12:00", kind: sla.KindChannelRespond,
			wantDue: "2026-10-08 09:01:00", wantState: sla.StateMet,
		},
		{
			// Saturday 19 September: the next working time is the make-up
			// Sunday 20 September at 09:00; 2 working hours → 11:00.
			name:    "CommunityOnMakeUpDay",
			limits:  sla.ChannelLimits{Respond: []sla.ChannelLimit{{Channel: "社交媒体", Limit: workingHours(2)}}},
			tl:      sla.Timeline{ReceivedAt: at(t, "2026-09-19 10:00"), RespondedAt: at(t, "2026-09-20 11:30")},
			channel: "社交媒体", now: "2026-09-21 12:00", kind: sla.KindChannelRespond,
			wantDue: "2026-09-20 11:00:00", wantState: sla.StateLate,
		},
		{
			// 24 working hours from 10:00 on 1 October (holiday): 8 October
			// 09:00 on, 7.5 h a day: 8th 7.5, 9th 7.5, 10th (make-up
			// Saturday) 7.5 = 22.5, then 1.5 h on Monday 12th → 10:30.
			name:    "EmailWorkingHours",
			limits:  sla.ChannelLimits{Respond: []sla.ChannelLimit{{Channel: "邮件", Limit: workingHours(24)}}},
			tl:      sla.Timeline{ReceivedAt: at(t, "2026-10-01 10:00")},
			channel: "邮件", now: "2026-10-12 11:00", kind: sla.KindChannelRespond,
			wantDue: "2026-10-12 10:30:00", wantState: sla.StateBreached,
		},
		{
			name:    "Email24x7",
			limits:  sla.ChannelLimits{Respond: []sla.ChannelLimit{{Channel: "邮件", Limit: wallHours(24)}}},
			tl:      sla.Timeline{ReceivedAt: at(t, "2026-10-01 10:00")},
			channel: "邮件", now: "2026-10-01 20:00", kind: sla.KindChannelRespond,
			wantDue: "2026-10-02 10:00:00", wantState: sla.StateOnTrack,
		},
		{
			// A call that rang at 17:59:50 on 30 September with 15 working
			// seconds: 10 before 18:00, 5 after the holiday.
			name:   "PhoneWorkingSeconds",
			limits: sla.ChannelLimits{PhoneAnswer: secs(15, sla.ClockWorking)},
			tl: sla.Timeline{ReceivedAt: at(t, "2026-09-30 17:00"), Calls: []sla.Call{
				{Rang: atSec(t, "2026-09-30 17:59:50"), Answered: atSec(t, "2026-10-08 09:00:04")}}},
			now: "2026-10-08 12:00", kind: sla.KindPhoneAnswer,
			wantDue: "2026-10-08 09:00:05", wantState: sla.StateMet,
		},
		{
			// 20 seconds of waiting against 15: late; only the first call counts.
			name:   "PhoneLate",
			limits: sla.ChannelLimits{PhoneAnswer: secs(15, sla.Clock24x7)},
			tl: sla.Timeline{ReceivedAt: at(t, "2026-10-08 09:00"), Calls: []sla.Call{
				{Rang: atSec(t, "2026-10-08 10:00:00"), Answered: atSec(t, "2026-10-08 10:00:20")},
				{Rang: atSec(t, "2026-10-08 11:00:00"), Answered: atSec(t, "2026-10-08 11:00:01")}}},
			now: "2026-10-08 12:00", kind: sla.KindPhoneAnswer,
			wantDue: "2026-10-08 10:00:15", wantState: sla.StateLate,
		},
		{
			// Outside customer service, received 17:30 before the holiday:
			// 30 minutes that day, 30 on 8 October → 09:30.
			name:       "HandoverWorkingHour",
			limits:     sla.ChannelLimits{ServiceDepartment: "客服部", Handover: workingHours(1)},
			tl:         sla.Timeline{ReceivedAt: at(t, "2026-09-30 17:30"), HandoverAt: at(t, "2026-10-08 09:20")},
			department: "技术支持部", now: "2026-10-08 12:00", kind: sla.KindHandover,
			wantDue: "2026-10-08 09:30:00", wantState: sla.StateMet,
		},
		{
			name:       "HandoverOwedNotDone",
			limits:     sla.ChannelLimits{ServiceDepartment: "客服部", Handover: workingHours(1)},
			tl:         sla.Timeline{ReceivedAt: at(t, "2026-10-09 17:30")},
			department: "技术支持部", now: "2026-10-10 09:40", kind: sla.KindHandover,
			wantDue: "2026-10-10 09:30:00", wantState: sla.StateBreached,
		},
		{
			// The answer clock starts at the hand-over (Friday 9 October
			// 16:00) and runs 8 working hours: 2 on Friday, 6 on the
			// make-up Saturday 10 October → 16:30. A contact before the
			// hand-over does not answer it; the one at 16:00 on the 10th does.
			name:   "HandoverAnswerFromHandover",
			limits: sla.ChannelLimits{ServiceDepartment: "客服部", HandoverAnswer: workingHours(8)},
			tl: sla.Timeline{ReceivedAt: at(t, "2026-10-09 15:00"), HandoverAt: at(t, "2026-10-09 16:00"),
				Updates: []time.Time{at(t, "2026-10-09 15:10"), at(t, "2026-10-10 16:00")}},
			department: "技术支持部", now: "2026-10-12 12:00", kind: sla.KindHandoverAnswer,
			wantDue: "2026-10-10 16:30:00", wantState: sla.StateMet,
		},
		{
			// A complaint on a holiday Sunday: taken up within 1 working
			// hour of 8 October 09:00.
			name:   "ComplaintAcceptOverHoliday",
			limits: sla.ChannelLimits{ComplaintAccept: workingHours(1)},
			tl: sla.Timeline{ReceivedAt: at(t, "2026-09-01 10:00"), ClosedAt: at(t, "2026-09-10 10:00"),
				ComplaintAt: at(t, "2026-10-04 15:00"), ComplaintAcceptedAt: at(t, "2026-10-08 09:45")},
			now: "2026-10-08 12:00", kind: sla.KindComplaintAccept,
			wantDue: "2026-10-08 10:00:00", wantState: sla.StateMet,
		},
		{
			// The answer: 1 working day from 09:45 on 8 October → 09:45 on
			// the 9th; the request closed in September, the clock runs on.
			name:   "ComplaintAnswerAfterClose",
			limits: sla.ChannelLimits{ComplaintAnswer: workingDays(1)},
			tl: sla.Timeline{ReceivedAt: at(t, "2026-09-01 10:00"), ClosedAt: at(t, "2026-09-10 10:00"),
				ComplaintAt: at(t, "2026-10-04 15:00"), ComplaintAcceptedAt: at(t, "2026-10-08 09:45")},
			now: "2026-10-09 10:00", kind: sla.KindComplaintAnswer,
			wantDue: "2026-10-09 09:45:00", wantState: sla.StateBreached,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := cal.EvaluateChannels(tt.limits, tt.channel, tt.department, tt.tl, at(t, tt.now), 25)
			if err != nil {
				t.Fatal(err)
			}
			var got *sla.Measure
			for i := range ms {
				if ms[i].Kind == tt.kind {
					got = &ms[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s clock in %+v", tt.kind, ms)
			}
			if want := atSec(t, tt.wantDue); !got.Due.Equal(want) || got.State != tt.wantState {
				t.Fatalf("%s: due %v state %s, want %v %s", tt.kind, got.Due.In(want.Location()), got.State, want, tt.wantState)
			}
		})
	}
}

// TestEvaluateChannelsApplies: no clock for a channel without a limit, a
// request of customer service never handed over, or a request without a
// complaint; a request handed over all the same gets the hand-over clocks.
func TestEvaluateChannelsApplies(t *testing.T) {
	cal := chinaCalendar(t)
	cl := sla.DefaultChannelLimits()
	tl := sla.Timeline{ReceivedAt: at(t, "2026-10-08 10:00")}
	kinds := func(channel, dept string, tl sla.Timeline) map[sla.Kind]bool {
		ms, err := cal.EvaluateChannels(cl, channel, dept, tl, at(t, "2026-10-08 11:00"), 25)
		if err != nil {
			t.Fatal(err)
		}
		out := map[sla.Kind]bool{}
		for _, m := range ms {
			out[m.Kind] = true
		}
		return out
	}
	if got := kinds("来访/面谈", "客服部", tl); len(got) != 0 {
		t.Fatalf("clocks of a visit to customer service = %v", got)
	}
	if got := kinds("在线客服", "", tl); len(got) != 1 || !got[sla.KindChannelRespond] {
		t.Fatalf("clocks of a chat = %v", got)
	}
	if got := kinds("电话", "技术支持部", tl); len(got) != 1 || !got[sla.KindHandover] {
		t.Fatalf("clocks of a request outside customer service = %v (the answer clock waits for the hand-over)", got)
	}
	tl.HandoverAt = at(t, "2026-10-08 10:30")
	if got := kinds("电话", "客服部", tl); len(got) != 2 || !got[sla.KindHandover] || !got[sla.KindHandoverAnswer] {
		t.Fatalf("clocks of a request handed over = %v", got)
	}
}

func TestChannelLimitsValidate(t *testing.T) {
	lists := vocab.Lists{Channels: []vocab.Item{{Label: "在线客服"}, {Label: "邮件"}, {Label: "社交媒体"}},
		Departments: []vocab.Item{{Label: "客服部"}}}
	if err := sla.DefaultChannelLimits().Validate(lists); err != nil {
		t.Fatalf("defaults refused: %v", err)
	}
	bad := sla.DefaultChannelLimits()
	bad.Respond = append(bad.Respond, sla.ChannelLimit{Channel: "飞鸽", Limit: wallHours(1)},
		sla.ChannelLimit{Channel: "邮件", Limit: wallHours(2)})
	wantField(t, bad.Validate(lists), "respond.3.channel", "not_in_list")
	wantField(t, bad.Validate(lists), "respond.4.channel", "duplicate")
	bad = sla.DefaultChannelLimits()
	bad.PhoneAnswer = limit(-1, sla.UnitSeconds, sla.Clock24x7)
	wantField(t, bad.Validate(lists), "phoneAnswer.amount", "out_of_range")
	bad = sla.DefaultChannelLimits()
	bad.ServiceDepartment = "不存在部"
	wantField(t, bad.Validate(lists), "serviceDepartment", "not_in_list")
	bad = sla.DefaultChannelLimits()
	bad.ComplaintAnswer = sla.Limit{Amount: 1, Unit: "weeks", Clock: sla.ClockWorking}
	wantField(t, bad.Validate(lists), "complaintAnswer.unit", "not_in_list")
}
