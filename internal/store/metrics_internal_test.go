package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"

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
				// A kind and calendars without a code are written by name.
				{Kind: "night_watch", Due: at("2026-10-01 23:00"), Allowance: 600, Calendar: "night"},
				{Kind: sla.KindSurvey, Allowance: 60, Calendar: ""},
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
	broken := strings.Replace(enc, "~D:", "~D-", 1)
	if got, err := decodeMetric(broken); err != nil || len(got.Clocks) != 3 || got.Clocks[0].Kind != sla.KindResolve {
		t.Fatalf("row with a broken clock = %+v, %v", got.Clocks, err)
	}
}

// TestMetricClocksRecoded: a row written before 0033, its clocks' times in
// Unix seconds, and one written before 0035, its clocks' kinds and
// calendars by name, read as the same row as one written now (the times
// after the receipt, the names by their codes, shorter), and the upgrade
// writes every such row anew, copying a row of an older width and one that
// cannot be read as they were, with the table's triggers and index made
// again.
func TestMetricClocksRecoded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	clk := clock.NewFixed(time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC))
	s, err := open(ctx, path, clk, 32)
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	row := report.Row{RequestID: "r1", Number: "XR-2026-001", Title: "咨询系统对接方案", Received: received,
		Status: request.StatusHandling, Clocks: []report.Clock{
			{Kind: sla.KindRecord, Due: received.Add(5 * time.Minute), Done: received, Allowance: 300, Calendar: sla.Clock24x7},
			{Kind: sla.KindRespond, Due: received.Add(-time.Hour), Done: received.Add(2 * time.Hour), Allowance: 3600, Calendar: sla.ClockWorking},
			{Kind: sla.KindResolve, Allowance: 14400, Calendar: sla.ClockWorking},
		}}
	now := encodeMetric(row)
	coded := "\t~A:300:0:300:;D:-3600:7200:3600:W;E:::14400:W\t"
	named := strings.Replace(now, coded, "\t+record:300:0:300:24x7;respond:-3600:7200:3600:working;resolve:::14400:working\t", 1)
	before := strings.Replace(now, coded,
		fmt.Sprintf("\trecord:%d:%d:300:24x7;respond:%d:%d:3600:working;resolve:0:0:14400:working\t",
			received.Unix()+300, received.Unix(), received.Unix()-3600, received.Unix()+7200), 1)
	if before == now || named == now {
		t.Fatalf("the clocks are not written after the receipt by their codes: %q", now)
	}
	if len(before)-len(named) < 25 || len(named)-len(now) < 30 {
		t.Errorf("the clocks take %d and %d bytes less, want 25 and 30 or more", len(before)-len(named), len(named)-len(now))
	}
	for form, data := range map[string]string{"0033": before, "0035": named} {
		if got, err := decodeMetric(data); err != nil || !reflect.DeepEqual(got, row) {
			t.Fatalf("a row of before %s reads\n%+v, %v\nwant\n%+v", form, got, err, row)
		}
	}
	short := strings.Join(strings.Split(before, "\t")[:plan004Fields+1], "\t")
	if _, err := s.write.ExecContext(ctx, `INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES ('c1', '华信', '华信', '', '');
		INSERT INTO requests (id, number, status, customer_id, channel, type, urgency, title, received_at, received_by,
			created_at, updated_at) SELECT 'r' || n, 'XR-2026-00' || n, 'handling', 'c1', '电话', '咨询', 'normal', '', '', '', '', ''
			FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5)`); err != nil {
		t.Fatal(err)
	}
	old := time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC) // received before 1970, in a workbook's date
	for _, q := range []struct {
		id, data string
		open     int
		received time.Time
	}{{"r1", before, 1, received}, {"r2", short, 0, received}, {"r3", "damaged", 0, received}, {"r4", "damaged", 0, old},
		{"r5", "r5" + strings.TrimPrefix(named, "r1"), 0, received}} {
		if _, err := s.write.ExecContext(ctx, `INSERT INTO request_metrics (received, request_id, department, open, data)
			VALUES (?, ?, '', ?, ?)`, q.received.Unix(), q.id, q.open, q.data); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	// What the start-up's rebuild would do with the damaged row is not
	// this test's: the upgrade alone (up to the latest version).
	if s, err = open(ctx, path, clk, LatestSchema()); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, want := range map[string]string{"r1": now, "r2": short, "r3": "damaged", "r4": "damaged",
		"r5": "r5" + strings.TrimPrefix(now, "r1")} {
		var got string
		if err := s.write.QueryRowContext(ctx, `SELECT data FROM request_metrics WHERE req = (SELECT seq FROM requests WHERE id = ?)`, id).Scan(&got); err != nil || got != want {
			t.Errorf("row %s after 0033: %q (%v), want %q", id, got, err, want)
		}
	}
	var n int
	if err := s.write.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'request_metrics'
		AND name IN ('request_metrics_open', 'request_metrics_sums_insert', 'request_metrics_sums_update', 'request_metrics_sums_delete')`).
		Scan(&n); err != nil || n != 4 {
		t.Errorf("%d of the index and three triggers after 0033 (%v)", n, err)
	}
	if err := s.write.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'request_metrics_old'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the old table is still there (%d, %v)", n, err)
	}
}

// TestClockCodes: the letters of the clocks' kinds and calendars are the
// ones released (rows and stored clocks carry them), 0036 converts by the
// same, and SQL reads a stored kind's name back (kindNameSQL).
func TestClockCodes(t *testing.T) {
	released := map[sla.Kind]string{sla.KindRecord: "A", sla.KindClassify: "B", sla.KindStart: "C", sla.KindRespond: "D",
		sla.KindResolve: "E", sla.KindResultFeedback: "F", sla.KindProgress: "G", sla.KindSurvey: "H",
		sla.KindChannelRespond: "I", sla.KindPhoneAnswer: "J", sla.KindHandover: "K", sla.KindHandoverAnswer: "L",
		sla.KindComplaintAccept: "M", sla.KindComplaintAnswer: "N"}
	if !maps.Equal(released, clockKindCodes) {
		t.Errorf("kind codes %v, released %v", clockKindCodes, released)
	}
	if want := map[sla.Clock]string{sla.Clock24x7: "", sla.ClockWorking: "W", "": "-"}; !maps.Equal(want, calendarCodes) {
		t.Errorf("calendar codes %v, released %v", calendarCodes, want)
	}
	ddl, err := migrationFiles.ReadFile("migrations/0036_clock_codes.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for k, c := range clockKindCodes {
		if !strings.Contains(string(ddl), "WHEN '"+string(k)+"' THEN '"+c+"'") {
			t.Errorf("0036 does not convert %s to %s", k, c)
		}
		if kindOf(kindCode(k)) != k {
			t.Errorf("%s reads back as %s", k, kindOf(kindCode(k)))
		}
	}
	for code, want := range map[string]string{"E": "resolve", "N": "complaint_answer", "night_watch": "night_watch"} {
		var got string
		if err := db.QueryRow(`SELECT `+kindNameSQL("?1"), code).Scan(&got); err != nil || got != want {
			t.Errorf("kind %s in SQL: %q, %v, want %s", code, got, err, want)
		}
	}
}
