package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

func TestMetricRowRoundTrip(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	rows := []report.Row{
		{RequestID: "r1", Number: "XR-2026-001", Title: "咨询系统对接方案", Received: at("2026-10-01 09:00"),
			Type: "咨询", Channel: "电话", Category: "软件", Urgency: request.UrgencyNormal, Department: "客服部", Owner: "李娜",
			Status: request.StatusArchived, Path: request.PathShort, Assigned: at("2026-10-01 09:10"),
			Responded: at("2026-10-01 09:30"), Resolved: at("2026-10-01 11:00"), ResultGiven: at("2026-10-01 11:10"),
			HandedOver: at("2026-10-01 11:10"), Delivered: at("2026-10-02 11:10"), Promised: "2026-10-03", Contacts: 2,
			Reopens: 1, Surveyed: true, Implemented: true, CustomerValue: 4, BusinessValue: 5, CostDays: 2.5,
			Feedback: &report.Scores{Timeliness: 5, Effectiveness: 4, Attitude: 3, Overall: 2, Solved: true},
			Clocks: []report.Clock{
				{Kind: sla.KindRespond, Due: at("2026-10-01 10:00"), Done: at("2026-10-01 09:30"), Allowance: 3600, Calendar: sla.Clock24x7},
				{Kind: sla.KindResolve, Due: at("2026-10-01 13:00"), Allowance: 14400, Calendar: sla.ClockWorking},
			}},
		{RequestID: "r2", Title: "", Received: at("2026-10-02 09:00"), Status: request.StatusRegistered},
	}
	for _, r := range rows {
		got, err := decodeMetric(encodeMetric(r))
		if err != nil || !reflect.DeepEqual(got, r) {
			t.Fatalf("round trip of %s:\n got %+v, %v\nwant %+v", r.RequestID, got, err, r)
		}
	}
	// Tabs and line breaks in a title become spaces rather than fields.
	r := rows[1]
	r.Title = "第一行\t第二\n行"
	if got, err := decodeMetric(encodeMetric(r)); err != nil || got.Title != "第一行 第二 行" {
		t.Fatalf("title with tabs = %q, %v", got.Title, err)
	}
	enc := encodeMetric(rows[0])
	for _, bad := range []string{"", enc + "\textra", enc[:strings.LastIndex(enc, "\t")]} {
		if _, err := decodeMetric(bad); err == nil {
			t.Errorf("a row with %d fields was read", strings.Count(bad, "\t")+1)
		}
	}
	// A clock entry without its five parts is left out, the others kept.
	broken := strings.Replace(enc, "respond:", "respond-", 1)
	if got, err := decodeMetric(broken); err != nil || len(got.Clocks) != 1 || got.Clocks[0].Kind != sla.KindResolve {
		t.Fatalf("row with a broken clock = %+v, %v", got.Clocks, err)
	}
}
