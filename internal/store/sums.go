package store

import (
	"context"
	"database/sql"
	"log/slog"
	"slices"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
)

// keptSum is the sums of the closed requests received in one period.
type keptSum struct {
	period report.Period
	sums   report.Sums
}

// reportInput reads what a dashboard or report of period p needs, in one
// read transaction so that every part is of the same moment: the period's
// rows, the open requests, and for each period p is compared with the kept
// sums of its closed requests. Sums missing or made with another
// fingerprint are made from the closed rows and kept for next time.
func (s *Store) reportInput(ctx context.Context, p report.Period, dept string) (report.Input, error) {
	return s.reportInputAt(ctx, p, dept, s.clock.Now())
}

// reportInputAt reads what reportInput does, as of now.
func (s *Store) reportInputAt(ctx context.Context, p report.Period, dept string, now time.Time) (report.Input, error) {
	in := report.Input{Period: p, Department: dept, Now: now, Closed: map[string]report.Sums{}}
	if t, ok := ctx.Value(writingKey{}).(*Tx); ok {
		in.Now = t.Now() // a report issued is as of its change's time
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return in, err
	}
	defer tx.Rollback()
	if in.Config, err = s.reportConfig(ctx, tx); err != nil {
		return in, err
	}
	in.Config.Location = p.From.Location()
	fingerprint := in.Config.Fingerprint()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT seq FROM metric_changes WHERE id = 1`).Scan(&seq); err != nil {
		return in, err
	}
	if in.Rows, err = s.metricRowsIn(ctx, tx, p.From, p.To, dept, false); err != nil {
		return in, err
	}
	if in.Open, err = s.openRowsIn(ctx, tx, dept, true); err != nil {
		return in, err
	}
	compared := report.Compared(p, in.Now)
	if len(compared) == 0 {
		return in, nil
	}
	from, to := spanOf(compared)
	if err := eachRow(ctx, tx, `SELECT period_from, period_to, data FROM metric_sums
		WHERE department = ? AND period_from >= ? AND period_to <= ? AND fingerprint = ?`,
		[]any{dept, from.Unix(), to.Unix(), fingerprint}, func(sc *sql.Rows) error {
			var f, t int64
			var data string
			if err := sc.Scan(&f, &t, &data); err != nil {
				return err
			}
			for _, q := range compared {
				if q.From.Unix() == f && q.To.Unix() == t {
					if sums, err := report.UnmarshalSums([]byte(data)); err == nil {
						in.Closed[q.Key] = sums
					}
				}
			}
			return nil
		}); err != nil {
		return in, err
	}
	var missing []report.Period
	for _, q := range compared {
		if _, ok := in.Closed[q.Key]; !ok {
			missing = append(missing, q)
		}
	}
	if len(missing) == 0 {
		return in, nil
	}
	// Missing periods far apart (a few days of last month and of a year
	// earlier, while a month is in progress) are read apart, not with the
	// year between them.
	c := &report.Context{Now: in.Now, Config: in.Config}
	made := make([]keptSum, 0, len(missing))
	for _, group := range touching(missing) {
		from, to := spanOf(group)
		closed, err := s.metricRowsIn(ctx, tx, from, to, dept, true)
		if err != nil {
			return in, err
		}
		for _, q := range group {
			k := keptSum{q, report.Summarize(report.In(closed, q), c)}
			made = append(made, k)
			in.Closed[q.Key] = k.sums
		}
	}
	_ = tx.Rollback()
	s.keepSums(ctx, seq, dept, fingerprint, made)
	return in, nil
}

// touching groups periods whose stretches overlap or meet, in order of
// their start.
func touching(ps []report.Period) [][]report.Period {
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b report.Period) int { return a.From.Compare(b.From) })
	var out [][]report.Period
	var end time.Time
	for _, q := range sorted {
		if len(out) > 0 && !q.From.After(end) {
			out[len(out)-1] = append(out[len(out)-1], q)
		} else {
			out = append(out, []report.Period{q})
		}
		if q.To.After(end) {
			end = q.To
		}
	}
	return out
}

// spanOf is the stretch from the earliest start to the latest end of ps.
func spanOf(ps []report.Period) (from, to time.Time) {
	from, to = ps[0].From, ps[0].To
	for _, q := range ps[1:] {
		if q.From.Before(from) {
			from = q.From
		}
		if q.To.After(to) {
			to = q.To
		}
	}
	return from, to
}

// keepSums stores sums made from rows read when the change count was seq,
// unless a measure row has changed since: a trigger may already have
// dropped the sums such a change falls in, and the rows they were made from
// are no longer the database's. Keeping them is only a saving, so a failure
// is logged, not returned.
func (s *Store) keepSums(ctx context.Context, seq int64, dept, fingerprint string, made []keptSum) {
	if _, writing := ctx.Value(writingKey{}).(*Tx); s.readOnly.Load() || len(made) == 0 || writing {
		return // a later read keeps them
	}
	err := s.tx(ctx, func(tx *Tx) error {
		var now int64
		if err := tx.QueryRowContext(ctx, `SELECT seq FROM metric_changes WHERE id = 1`).Scan(&now); err != nil || now != seq {
			return err
		}
		for _, k := range made {
			data, err := report.MarshalSums(k.sums)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO metric_sums (department, period_from, period_to, fingerprint, data)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (department, period_from, period_to)
				DO UPDATE SET fingerprint = excluded.fingerprint, data = excluded.data`,
				dept, k.period.From.Unix(), k.period.To.Unix(), fingerprint, string(data)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		slog.Warn("keeping the measures' sums", "err", err)
	}
}
