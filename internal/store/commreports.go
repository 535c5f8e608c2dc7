package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
)

// The two reports of plan 004 (《客户沟通现状诊断报告》, 《年度效果评估报告》)
// read, besides the requests' rows, the communication records, quality
// checks and complaints of their period.

// commReport reports whether kind is one of plan 004's reports, which cover
// the whole company: a department given is refused.
func commReport(kind, dept string) (bool, error) {
	return report.WholeCompany(kind), report.CheckDepartment(kind, dept)
}

// commFacts reads the complaints registered, the communication records
// written and the sampled records scored in [from, to), with the channel
// limits and the communication-quality measures of internal/comm.
func (s *Store) commFacts(ctx context.Context, from, to time.Time) (report.CommInput, error) {
	in, err := s.commRecords(ctx, from, to)
	if err != nil {
		return in, err
	}
	in.Quality, err = s.qualityValues(ctx, from, to)
	return in, err
}

// commRecords is commFacts without the quality measures.
func (s *Store) commRecords(ctx context.Context, from, to time.Time) (report.CommInput, error) {
	var in report.CommInput
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return in, err
	}
	in.Limits = lim.channels
	f, t := s.ts(from), s.ts(to)
	err = eachRow(ctx, s.read, `SELECT `+uuidText("k.id")+`, r.id, k.kind, k.body, r.number FROM request_records k
		JOIN requests r ON r.seq = k.req
		WHERE k.kind IN (?, ?) AND k.created_at >= ? AND k.created_at < ? ORDER BY k.created_at, k.id`,
		[]any{request.KindComplaint, request.KindCommunication, millis(from), millis(to)}, func(rows *sql.Rows) error {
			var rec request.Record
			var body []byte
			var number string
			if err := rows.Scan(&rec.ID, &rec.RequestID, &rec.Kind, &body, &number); err != nil {
				return err
			}
			rec.Body = recordBody(body)
			if rec.Kind == request.KindComplaint {
				c, err := request.BodyOf[request.Complaint](rec)
				if err != nil {
					return err
				}
				in.Complaints = append(in.Complaints, report.ComplaintFact{RequestID: rec.RequestID, Number: number,
					ReceivedAt: c.ReceivedAt, Channel: c.Channel, Cause: c.Cause, Status: c.Status})
				return nil
			}
			c, err := request.BodyOf[request.Communication](rec)
			if err != nil {
				return err
			}
			filled := func(s string) bool { return strings.TrimSpace(s) != "" }
			in.Records = append(in.Records, report.RecordFact{Channel: c.Channel, With: filled(c.With),
				Summary: filled(c.Summary), NextStep: filled(c.NextStep)})
			return nil
		})
	if err != nil {
		return in, err
	}
	items, err := s.checkItems(ctx, s.read, `i.passed IS NOT NULL AND i.scored_at >= ? AND i.scored_at < ?`, f, t)
	if err != nil {
		return in, err
	}
	for _, it := range items {
		ck := report.CheckFact{Channel: it.Channel, Passed: it.Passed != nil && *it.Passed}
		for _, sc := range it.Scores {
			ck.Scores = append(ck.Scores, report.PointScore{Label: sc.Label, Max: sc.Max, Score: sc.Score})
		}
		if it.Rect != nil {
			ck.Rect = it.Rect.Status
		}
		in.Checks = append(in.Checks, ck)
	}
	return in, nil
}

// qualityValues are internal/comm's measures (话术适配率, 抽检合格率, 整改率)
// over [from, to), without the records behind them.
func (s *Store) qualityValues(ctx context.Context, from, to time.Time) ([]report.QualityValue, error) {
	rs, err := s.CommMeasures(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]report.QualityValue, 0, len(rs))
	for _, r := range rs {
		out = append(out, qualityValue(r))
	}
	return out, nil
}

func qualityValue(r comm.Result) report.QualityValue {
	return report.QualityValue{ID: string(r.Def.ID), Name: r.Def.Label, Definition: r.Def.Definition, Target: r.Def.Target,
		Num: r.Num, Den: r.Den, Value: r.Value, Met: r.Met}
}

// diagnosis computes the communication diagnosis of period p.
func (s *Store) diagnosis(ctx context.Context, p report.Period, texts report.Texts) (report.Diagnosis, error) {
	in, err := s.reportInput(ctx, p, "")
	if err != nil {
		return report.Diagnosis{}, err
	}
	cm, err := s.commFacts(ctx, p.From, p.To)
	if err != nil {
		return report.Diagnosis{}, err
	}
	return report.BuildDiagnosis(in, cm, texts), nil
}

// annual computes the annual evaluation of year y.
func (s *Store) annual(ctx context.Context, y report.Period, texts report.Texts) (report.Annual, error) {
	in := report.AnnualInput{Input: report.Input{Period: y, Now: s.clock.Now()}, Quality: map[string][]report.QualityValue{}}
	if t, ok := ctx.Value(writingKey{}).(*Tx); ok {
		in.Now = t.Now() // a report issued is as of its change's time
	}
	var err error
	if in.Config, err = s.reportConfig(ctx, s.read); err != nil {
		return report.Annual{}, err
	}
	in.Config.Location = y.From.Location()
	if in.Rows, err = s.MetricRows(ctx, y.Previous().From, y.To, ""); err != nil {
		return report.Annual{}, err
	}
	// The record measures month by month; a stage's and the year's are
	// their months' counts added up (each record falls in one month), so
	// the records are read once.
	months := y.Months(12)
	for _, m := range months {
		if in.Quality[m.Key], err = s.qualityValues(ctx, m.From, m.To); err != nil {
			return report.Annual{}, err
		}
	}
	spans := []report.Period{y}
	for _, ph := range report.Phases(y) {
		spans = append(spans, ph.Period)
	}
	for _, p := range spans {
		var parts [][]report.QualityValue
		for _, m := range months {
			if !m.From.Before(p.From) && !m.To.After(p.To) {
				parts = append(parts, in.Quality[m.Key])
			}
		}
		in.Quality[p.Key] = report.AddQuality(parts...)
	}
	if in.Comm, err = s.commRecords(ctx, y.From, y.To); err != nil {
		return report.Annual{}, err
	}
	return report.BuildAnnual(in, texts), nil
}
