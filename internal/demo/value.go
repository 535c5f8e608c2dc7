package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// demoImprovements are what the demo's high-value needs were made into.
var demoImprovements = []struct{ kind, note string }{
	{"product", "接口增加批量对账功能，已在 3.2 版发布"},
	{"service", "开票改为线上自助办理，平均办理时间缩短一半"},
	{"feature", "报表导出需求纳入下季度新功能计划"},
}

// valueAssessments makes the quarterly value assessments (plan 004) of the
// demo's high-value needs for the last three quarters and this one: most
// assessed near the quarter's end, a third of those made into an
// improvement, some buying again; this quarter's half still due.
func valueAssessments(ctx context.Context, st *store.Store, cmds *command.Service, clk *clock.Fixed, now time.Time) error {
	zone, err := st.Zone(ctx)
	if err != nil {
		return err
	}
	cur, err := report.ParseQuarter(request.Quarter(now, zone), zone)
	if err != nil {
		return err
	}
	qs := []report.Period{cur}
	for i := 0; i < 3; i++ {
		qs = append([]report.Period{qs[0].Previous()}, qs...)
	}
	actx := audit.WithActor(ctx, "王强")
	for _, q := range qs {
		dues, err := st.ValueDues(ctx, q.Key, q.To)
		if err != nil {
			return err
		}
		at := q.To.Add(-36 * time.Hour)
		if at.After(now) {
			at = now
		}
		for i, d := range dues {
			if d.Assessment != nil || d.ReceivedAt.After(at) || (q.Key == cur.Key && i%2 == 1) || i%7 == 6 {
				continue
			}
			in := request.ValueInput{Quarter: q.Key, RepeatPurchase: i%3 == 0, CostSaved: float64((i%5)*4000 + 2000)}
			if i%3 == 1 {
				imp := demoImprovements[i%len(demoImprovements)]
				in.Improvement, in.ImprovementNote = imp.kind, imp.note
			}
			clk.Set(at)
			if _, err := command.Run(actx, cmds, command.AssessValue{RequestID: d.RequestID, Input: in}); err != nil {
				return fmt.Errorf("demo value assessment of %s: %w", d.Number, err)
			}
		}
	}
	return nil
}
