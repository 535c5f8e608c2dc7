package report

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// plan004Rows are five November 2026 requests whose plan 004 measures are
// worked out by hand in TestPlan004ByHand.
func plan004Rows() []Row {
	return []Row{
		{ // P1: online chat, satisfied (5); handed over 09:00, answered 11:00 (2 h);
			// analysed, reclassified after; key need, solved; fully collected;
			// archived on the short path with all documents; high value, converted.
			RequestID: "p1", Received: at("2026-11-02 09:00"), Channel: "在线客服", Urgency: request.UrgencyUrgent,
			Status: request.StatusArchived, Resolved: at("2026-11-02 12:00"),
			Feedback:   &Scores{Overall: 5, Solved: true},
			HandoverAt: at("2026-11-02 09:00"), HandoverAnswered: at("2026-11-02 11:00"),
			Started: true, Reclassified: true, Collected: true, HighValue: true, Assessments: 1, Converted: true,
		},
		{ // P2: email, 3 points; handed over, answered 6 h later; started, stood;
			// important, the customer said not solved; one offline call, complete;
			// archived missing two documents; high value, assessed, not converted.
			RequestID: "p2", Received: at("2026-11-03 10:00"), Channel: "邮件", Urgency: request.UrgencyImportant,
			Status: request.StatusArchived, Resolved: at("2026-11-04 10:00"),
			Feedback:   &Scores{Overall: 3, Solved: false},
			HandoverAt: at("2026-11-03 10:00"), HandoverAnswered: at("2026-11-03 16:00"),
			Started: true, OfflineComms: 1, ArchiveMissing: 2, HighValue: true, Assessments: 1,
		},
		{ // P3: a visit, 4 points (offline: not in online satisfaction); two
			// offline records, one lacking its next step; started, stood; normal
			// urgency; collected.
			RequestID: "p3", Received: at("2026-11-05 10:00"), Channel: "来访/面谈", Urgency: request.UrgencyNormal,
			Status: request.StatusFeedback, Resolved: at("2026-11-06 10:00"), Feedback: &Scores{Overall: 4, Solved: true},
			Started: true, OfflineComms: 2, OfflineIncomplete: 1, Collected: true,
		},
		{ // P4: a phone request, urgent, reopened once, in analysis again;
			// handed over but not answered yet; high value never assessed.
			RequestID: "p4", Received: at("2026-11-06 10:00"), Channel: "电话", Urgency: request.UrgencyUrgent,
			Status: request.StatusAnalysis, Reopens: 1, Started: true, OfflineComms: 1,
			HandoverAt: at("2026-11-06 11:00"), HighValue: true,
		},
		{ // P5: screened out as invalid: counts in none of the rates on valid requests.
			RequestID: "p5", Received: at("2026-11-07 10:00"), Channel: "在线表单", Urgency: request.UrgencyUrgent,
			Status: request.StatusRejected, Started: true, Reclassified: true, Collected: true,
		},
	}
}

func TestPlan004ByHand(t *testing.T) {
	c := testContext()
	c.Now = at("2026-11-30 12:00")
	rows := plan004Rows()
	want := []struct {
		id      MeasureID
		value   string
		n, hits int
	}{
		// Online with a score: P1 (5) and P2 (3); satisfied P1: 1/2.
		{OnlineSatisfaction, "50", 2, 1},
		// Offline records: P2 (complete), P3 (one incomplete), P4 (complete): 2/3.
		{OfflineRecordRate, "66.7", 3, 2},
		// Handed over and answered: P1 2 h, P2 6 h: (2 + 6) / 2.
		{CrossDeptHours, "4", 2, 0},
		// Valid and started: P1-P4; reclassified P1: 3/4.
		{IdentifyAccuracy, "75", 4, 3},
		// Key needs with a result: P1 (solved), P2 (not solved), P4 (reopened): 2/3 missed.
		{KeyNeedMissRate, "66.7", 3, 2},
		// Valid P1-P4; collected P1, P3: 2/4.
		{CollectionCoverage, "50", 4, 2},
		// Archived P1 (complete), P2 (two missing): 1/2.
		{ArchiveCompleteness, "50", 2, 1},
		// High value and assessed: P1 (converted), P2; P4 never assessed: 1/2.
		{ConversionRate, "50", 2, 1},
	}
	for _, w := range want {
		d, ok := Lookup(w.id)
		if !ok {
			t.Fatalf("no measure %s", w.id)
		}
		got := d.Compute(rows, c)
		if show(got.Value) != w.value || got.N != w.n || got.Hits != w.hits {
			t.Errorf("%s (%s) = %s over %d with %d hits, want %s over %d with %d", w.id, d.Name, show(got.Value), got.N, got.Hits, w.value, w.n, w.hits)
		}
	}
	// On the dashboard, with their targets: 50% < 90% misses 线上沟通满意度,
	// 66.7% > 5% misses 关键需求遗漏率, 50% ≥ 30% meets 需求转化率; the
	// record measures are filled by the store: 4/5 = 80% < 90% misses.
	d := Build(Input{Period: Month(2026, time.November, time.UTC), Rows: rows, Open: openOf(rows), Now: c.Now, Config: c.Config})
	if len(d.Plan004) != len(Plan004) {
		t.Fatalf("dashboard has %d plan 004 measures, want %d", len(d.Plan004), len(Plan004))
	}
	FillRecords(d.Plan004, map[MeasureID]Value{CheckPassRate: RecordValue(CheckPassRate, 4, 5)}, nil, c.Config)
	verdicts := map[MeasureID]string{}
	for _, r := range d.Plan004 {
		verdicts[r.ID] = r.Attainment.Verdict()
	}
	for id, v := range map[MeasureID]string{OnlineSatisfaction: VerdictMissed, KeyNeedMissRate: VerdictMissed,
		ConversionRate: VerdictMet, CheckPassRate: VerdictMissed, ScriptFitRate: VerdictUnknown,
		CrossDeptHours: VerdictUnknown /* nothing a year earlier */} {
		if verdicts[id] != v {
			t.Errorf("%s: %q, want %q", id, verdicts[id], v)
		}
	}
}

func TestOnlineChannels(t *testing.T) {
	for ch, want := range map[string]bool{"在线客服": true, "邮件": true, "社交媒体": true, "在线客服/电话回访": true,
		"电话": false, "来访/面谈": false, "合作伙伴转达": false, "": false} {
		if Online(ch) != want {
			t.Errorf("Online(%q) = %v", ch, !want)
		}
	}
}

func TestPlan004TargetsForOldConfig(t *testing.T) {
	// Saved before plan 004's measures: it gets their defaults.
	old := Config{Targets: map[MeasureID]Target{OnTimeDelivery: {Op: ">=", Value: 80}}}.WithPlan004Targets()
	if got := old.Targets[ArchiveCompleteness]; got != (Target{Op: ">=", Value: 98}) {
		t.Errorf("归档完整性 target of an old config = %+v", got)
	}
	if old.Targets[OnTimeDelivery].Value != 80 {
		t.Error("a target set before was replaced")
	}
	// Saved since, without a target for 整改率: it stays without.
	c := DefaultConfig()
	delete(c.Targets, RectificationRate)
	if _, ok := c.WithPlan004Targets().Targets[RectificationRate]; ok {
		t.Error("a target removed on purpose came back")
	}
}
