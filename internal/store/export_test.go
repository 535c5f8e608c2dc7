package store

import (
	"context"
	"database/sql"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/report"
)

// OpenAtVersion opens a database migrated only up to version, so tests can
// build fixtures of earlier schemas.
func OpenAtVersion(ctx context.Context, path string, clk clock.Clock, version int) (*Store, error) {
	return open(ctx, path, clk, version)
}

// AuditEntries is History of a database of a schema before 0025 (the
// entries of the audit log alone).
func (s *Store) AuditEntries(ctx context.Context, entityID string) ([]audit.Entry, error) {
	return s.history(ctx, s.read, entityID, false)
}

// Exec runs raw SQL on the write connection, for fixtures.
func (s *Store) Exec(ctx context.Context, query string, args ...any) error {
	_, err := s.write.ExecContext(ctx, query, args...)
	return err
}

// Texts runs a query of one text column on the read connection and
// returns its rows.
func (s *Store) Texts(ctx context.Context, query string, args ...any) ([]string, error) {
	return queryIDs(ctx, s.read, query, args...)
}

// KeptSums lists the kept sums as "department from to", in order.
func (s *Store) KeptSums(ctx context.Context) ([]string, error) {
	var out []string
	err := eachRow(ctx, s.read, `SELECT department || ' ' || period_from || ' ' || period_to FROM metric_sums
		ORDER BY department, period_from, period_to`, nil, func(sc *sql.Rows) error {
		var k string
		if err := sc.Scan(&k); err != nil {
			return err
		}
		out = append(out, k)
		return nil
	})
	return out, err
}

// MetricChanges is the count of changes to closed requests' measure rows.
func (s *Store) MetricChanges(ctx context.Context) (int64, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, `SELECT seq FROM metric_changes WHERE id = 1`).Scan(&n)
	return n, err
}

// WriteMetricRow stores a measure row as every change of a request does.
func (s *Store) WriteMetricRow(ctx context.Context, r report.Row) error {
	return s.tx(ctx, func(tx *Tx) error {
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT seq FROM requests WHERE id = ?`, r.RequestID).Scan(&seq); err != nil {
			return err
		}
		return writeMetrics(ctx, tx, seq, r)
	})
}

// KeepSums keeps sums made when the change count was seq.
func (s *Store) KeepSums(ctx context.Context, seq int64, dept string, p report.Period, sums report.Sums) {
	cfg, _ := s.ReportConfig(ctx)
	cfg.Location = p.From.Location()
	s.keepSums(ctx, seq, dept, cfg.Fingerprint(), []keptSum{{p, sums}})
}

// QueryRow runs a query on the reading connections, for checks of what is
// stored.
func (s *Store) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.read.QueryRowContext(ctx, query, args...)
}

// RecordValuesComputed counts the record measures computed (recordMemo).
func (s *Store) RecordValuesComputed() int64 { return s.recordValues.computed.Load() }

// DashboardsComputed counts the dashboards computed rather than taken as
// kept.
func (s *Store) DashboardsComputed() int64 { return s.dashboards.computed.Load() }

// OpenRowsTwice reads the open requests' rows in one transaction as a
// dashboard does (brought up to date by the change log when it can) and
// afresh, and says how many reads so far the change log answered.
func (s *Store) OpenRowsTwice(ctx context.Context, dept string) (kept, fresh []report.Row, deltas int, err error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, 0, err
	}
	defer tx.Rollback()
	if kept, err = s.openRowsIn(ctx, tx, dept, true); err != nil {
		return nil, nil, 0, err
	}
	where, args := "open = 1", []any{}
	if dept != "" {
		where, args = where+" AND department = ?", append(args, dept)
	}
	if fresh, err = s.metricRows(ctx, tx, where, args); err != nil {
		return nil, nil, 0, err
	}
	s.openRows.mu.Lock()
	defer s.openRows.mu.Unlock()
	return kept, fresh, s.openRows.deltas, nil
}

// RederiveMeasureRows runs migration 0019's Go step.
func (s *Store) RederiveMeasureRows(ctx context.Context) error {
	return s.tx(ctx, func(tx *Tx) error { return rederiveMeasureRows(ctx, tx) })
}
