package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
)

// dashboards keeps the dashboards computed at the database's current
// version, so that the people opening the home screen of a team server at
// once, or again while nothing changed, share one computation (a hundred
// milliseconds of CPU over 100k requests) instead of each making their own.
//
// The version is SQLite's data_version as one connection of its own sees
// it. That connection never writes, so its number changes when any other
// connection commits — this store's writer, a sync push, another program
// on the file — and only then. A dashboard is kept under the version read
// before the transaction it was computed in began, so it holds every change
// committed before that; a caller that reads the same version afterwards
// knows that nothing was committed in between, and takes it. A change is
// therefore seen by the next call, whichever way it was written. A
// dashboard also depends on the time (running clocks, a period in
// progress): it is computed as of the current second and kept for that
// second only.
type dashboards struct {
	// vmu guards the version connection; db is its pool of one, conn the
	// connection itself (data_version is per connection: the numbers of
	// two are not comparable, so each connection opened is an epoch).
	vmu   sync.Mutex
	db    *sql.DB
	conn  *sql.Conn
	epoch int64

	mu      sync.Mutex
	entries map[dashKey]*dashEntry
	// computed counts the dashboards computed (tests).
	computed atomic.Int64
}

// dashKey is what a dashboard is computed from besides the data.
type dashKey struct {
	epoch, version int64
	now            int64 // Unix seconds
	period         report.Period
	dept           string
}

// dashEntry is a dashboard being computed (done open) or computed.
type dashEntry struct {
	done chan struct{}
	d    report.Dashboard
	err  error
}

func (d *dashboards) close() error {
	d.vmu.Lock()
	defer d.vmu.Unlock()
	if d.conn != nil {
		d.conn.Close()
		d.conn = nil
	}
	if d.db == nil {
		return nil
	}
	err := d.db.Close()
	d.db = nil
	return err
}

// dataVersion reads the database's version on the version connection,
// opening it first when needed.
func (s *Store) dataVersion(ctx context.Context) (epoch, version int64, err error) {
	d := &s.dashboards
	d.vmu.Lock()
	defer d.vmu.Unlock()
	if d.conn == nil {
		if d.db == nil {
			db, err := sql.Open("sqlite", s.readDSN)
			if err != nil {
				return 0, 0, err
			}
			db.SetMaxOpenConns(1)
			d.db = db
		}
		conn, err := d.db.Conn(ctx)
		if err != nil {
			return 0, 0, err
		}
		d.conn = conn
		d.epoch++
	}
	if err := d.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&version); err != nil {
		// The next call opens another connection, of a new epoch.
		d.conn.Close()
		d.conn = nil
		return 0, 0, err
	}
	return d.epoch, version, nil
}

// Dashboard computes the home screen's numbers for a period and
// department, as of the current second: the one kept for the current data
// version and second when there is one, otherwise computed once for every
// caller asking meanwhile (see dashboards). The result is shared: read it,
// never change it.
func (s *Store) Dashboard(ctx context.Context, p report.Period, dept string) (report.Dashboard, error) {
	now := s.clock.Now().Truncate(time.Second)
	epoch, version, err := s.dataVersion(ctx)
	if err != nil {
		// Without a version nothing can be shared.
		s.dashboards.computed.Add(1)
		return s.dashboard(ctx, p, dept, now)
	}
	k := dashKey{epoch: epoch, version: version, now: now.Unix(), period: p, dept: dept}
	d := &s.dashboards
	d.mu.Lock()
	e, ok := d.entries[k]
	if !ok {
		// Those of another version or second are of no more use.
		for old := range d.entries {
			if old.epoch != k.epoch || old.version != k.version || old.now != k.now {
				delete(d.entries, old)
			}
		}
		if d.entries == nil {
			d.entries = map[dashKey]*dashEntry{}
		}
		e = &dashEntry{done: make(chan struct{})}
		d.entries[k] = e
	}
	d.mu.Unlock()
	if !ok {
		// Computed to the end for those waiting, even if this caller
		// gives up.
		d.computed.Add(1)
		e.d, e.err = s.dashboard(context.WithoutCancel(ctx), p, dept, now)
		if e.err != nil {
			d.mu.Lock()
			if d.entries[k] == e {
				delete(d.entries, k)
			}
			d.mu.Unlock()
		}
		close(e.done)
		return e.d, e.err
	}
	select {
	case <-e.done:
	case <-ctx.Done():
		return report.Dashboard{}, ctx.Err()
	}
	if e.err != nil {
		d.computed.Add(1)
		return s.dashboard(ctx, p, dept, now)
	}
	return e.d, nil
}

// dashboard computes the home screen's numbers for a period and
// department as of now.
func (s *Store) dashboard(ctx context.Context, p report.Period, dept string, now time.Time) (report.Dashboard, error) {
	// The record measures of the period and the one it is compared with
	// read the records (about 40 ms at 100k requests), the rest the
	// measure rows: on connections of their own, at the same time.
	prevP, _ := p.Comparisons(now)
	type values struct {
		v   map[report.MeasureID]report.Value
		err error
	}
	cur, prev := make(chan values, 1), make(chan values, 1)
	for _, w := range []struct {
		p   report.Period
		out chan values
	}{{p, cur}, {prevP, prev}} {
		go func() {
			v, err := s.RecordValues(ctx, w.p.From, w.p.To)
			w.out <- values{v, err}
		}()
	}
	in, err := s.reportInputAt(ctx, p, dept, now)
	c, pv := <-cur, <-prev
	if err != nil {
		return report.Dashboard{}, err
	}
	d := report.Build(in)
	// The same periods as read above: a dashboard is never made inside a
	// change, the only case where its input is as of another time
	// (reportInputAt).
	if err := errors.Join(c.err, pv.err); err != nil {
		return d, err
	}
	report.FillRecords(d.Plan004, c.v, pv.v, in.Config)
	d.Risks, d.Breached, d.DueSoon, err = s.risksOf(ctx, in.Open, report.MaxRisks, now)
	return d, err
}
