package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"modernc.org/sqlite"

	"github.com/reqdesk/reqdesk/internal/request"
)

// LoadSnapshot replaces this machine's shared tables with those of the
// team's snapshot at path (SyncSnapshot), together with what else fn
// writes, in one step: a load cut short at any point leaves the database
// as it was. The settings and tables that stay on each machine stay; the
// derived data (records' kept columns and dependencies, the search index,
// clocks and measure rows) is made from what arrived.
//
// A snapshot of this machine's schema becomes the database itself
// (adoptSnapshot); another is copied row by row into the live database
// (copySnapshot).
func (s *Store) LoadSnapshot(ctx context.Context, path string, fn func(*Tx) error) error {
	if s.readOnly.Load() {
		return ErrReadOnly
	}
	ok, err := s.adoptable(ctx, path)
	if err != nil {
		return err
	}
	defer s.changes.reset()
	defer s.recordValues.reset()
	if !ok {
		return s.copySnapshot(ctx, path, fn)
	}
	defer s.forgetLimits()
	return s.adoptSnapshot(ctx, path, fn)
}

// loadStop, for tests, ends adoptSnapshot with its error at a named step,
// as a failure (a full disk, a killed program) there would.
var loadStop func(step string) error

func loadStep(step string) error {
	if loadStop != nil {
		return loadStop(step)
	}
	return nil
}

// derivedTables hold what is made again from the shared rows; a joining
// machine neither keeps nor copies theirs. sync_changes, the change log,
// starts empty.
var derivedTables = []string{"request_clocks", "request_metrics", "metric_sums", "request_record_deps", "request_fts",
	"sync_changes"}

// schemaObject is one entry of sqlite_schema.
type schemaObject struct {
	typ, name, table, sql string
}

// liveSchema lists the tables, indexes, triggers and views of this
// database that a statement made (not SQLite's own, nor the shadow tables
// of a full-text index, which its virtual table makes), in the order they
// were made.
func (s *Store) liveSchema(ctx context.Context) ([]schemaObject, error) {
	shadow, err := queryIDs(ctx, s.read, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'`)
	if err != nil {
		return nil, err
	}
	var out []schemaObject
	err = eachRow(ctx, s.read, `SELECT type, name, tbl_name, sql FROM main.sqlite_schema
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY rowid`, nil, func(rows *sql.Rows) error {
		var o schemaObject
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return err
		}
		if !slices.Contains(shadow, o.name) {
			out = append(out, o)
		}
		return nil
	})
	return out, err
}

// adoptable tells whether the snapshot at path holds exactly the shared
// tables (and the list of migrations) of this database's schema, made by
// the same statements, in pages of the same size, and nothing else: a
// file this machine can take as its database. A file that is no database
// is an error.
func (s *Store) adoptable(ctx context.Context, path string) (bool, error) {
	snap, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return false, err
	}
	defer snap.Close()
	var snapPage, livePage int
	if err := snap.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&snapPage); err != nil {
		return false, fmt.Errorf("team snapshot: %w", err)
	}
	if err := s.read.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&livePage); err != nil {
		return false, err
	}
	if snapPage != livePage {
		return false, nil
	}
	ddl := func(q queryer) (map[string]string, error) {
		out := map[string]string{}
		err := eachRow(ctx, q, `SELECT type || ' ' || name, sql FROM main.sqlite_schema WHERE sql IS NOT NULL
			AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`, nil, func(rows *sql.Rows) error {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			out[k] = v
			return nil
		})
		return out, err
	}
	got, err := ddl(snap)
	if err != nil {
		return false, fmt.Errorf("team snapshot: %w", err)
	}
	live, err := ddl(s.read)
	if err != nil {
		return false, err
	}
	want := append([]string{"schema_migrations"}, SharedTables()...)
	for _, t := range want {
		if g, ok := got["table "+t]; !ok || g != live["table "+t] {
			return false, nil
		}
	}
	// Beyond the tables, only indexes of this schema (those the snapshot
	// lacks are built here).
	if len(got) > len(want) {
		var idx int
		if err := snap.QueryRowContext(ctx, `SELECT count(*) FROM main.sqlite_schema WHERE type = 'index'
			AND sql IS NOT NULL`).Scan(&idx); err != nil {
			return false, fmt.Errorf("team snapshot: %w", err)
		}
		if len(got) != len(want)+idx {
			return false, nil
		}
		for k, v := range got {
			if strings.HasPrefix(k, "index ") && live[k] != v {
				return false, nil
			}
		}
	}
	versions := func(q queryer) (string, error) {
		var v sql.NullString
		err := q.QueryRowContext(ctx, `SELECT group_concat(version, ',') FROM (SELECT version FROM schema_migrations
			ORDER BY version)`).Scan(&v)
		return v.String, err
	}
	gv, err := versions(snap)
	if err != nil {
		return false, fmt.Errorf("team snapshot: %w", err)
	}
	lv, err := versions(s.read)
	if err != nil {
		return false, err
	}
	return gv == lv, nil
}

// adoptSnapshot makes the snapshot file at path this machine's database.
// The file is worked on as it is, without a journal (were it cut short, it
// is thrown away): the tables of this machine's schema it lacks are made,
// the shared tables' indexes built, the derived rows computed, and, holding
// the store's only writing connection so that nothing changes meanwhile,
// the rows that stay on this machine copied in, the triggers made and fn
// run. Then SQLite's backup copies the file's pages over the live
// database's in one transaction: readers see the database as it was until
// it commits, and a machine stopped before leaves it as it was.
func (s *Store) adoptSnapshot(ctx context.Context, path string, fn func(*Tx) error) error {
	objects, err := s.liveSchema(ctx)
	if err != nil {
		return err
	}
	shared := map[string]bool{"schema_migrations": true}
	for _, t := range syncTables {
		shared[t.name] = true
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA journal_mode = OFF`, `PRAGMA synchronous = OFF`, `PRAGMA temp_store = MEMORY`,
		`PRAGMA cache_size = -262144`, `PRAGMA threads = 2`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("team snapshot: %s: %w", q, err)
		}
	}
	run := func(ddls []string) func(*Tx) error {
		return func(tx *Tx) error {
			for _, q := range ddls {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("team snapshot: %s: %w", q, err)
				}
			}
			return nil
		}
	}
	inTx := func(fn func(*Tx) error) error {
		sqlTx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer sqlTx.Rollback()
		if err := fn(&Tx{Tx: sqlTx, s: s, now: s.clock.Now(), ids: newID}); err != nil {
			return err
		}
		return sqlTx.Commit()
	}
	have, err := queryIDs(ctx, db, `SELECT name FROM main.sqlite_schema WHERE type = 'index'`)
	if err != nil {
		return fmt.Errorf("team snapshot: %w", err)
	}
	var tables, sharedIndexes, otherIndexes, triggers []string
	for _, o := range objects {
		switch {
		case o.typ == "table" && !shared[o.name]:
			tables = append(tables, o.sql)
		case o.typ == "index" && slices.Contains(have, o.name):
			// copied with its table on the server
		case o.typ == "index" && shared[o.table]:
			sharedIndexes = append(sharedIndexes, o.sql)
		case o.typ == "index":
			otherIndexes = append(otherIndexes, o.sql)
		case o.typ == "trigger" || o.typ == "view":
			triggers = append(triggers, o.sql)
		}
	}
	// The tables, and the shared tables' indexes the derivation reads by.
	if err := inTx(run(append(tables, sharedIndexes...))); err != nil {
		return err
	}
	if err := loadStep("tables"); err != nil {
		return err
	}
	// What is derived, with the team's own time limits.
	if err := inTx(func(tx *Tx) error { return s.deriveAll(ctx, tx) }); err != nil {
		return err
	}
	// The planner's statistics, sampled (see Optimize): the live
	// database's are of its tables before the join.
	if err := inTx(run(append(otherIndexes, `PRAGMA analysis_limit = 1000`, `ANALYZE`))); err != nil {
		return err
	}
	if err := loadStep("derived"); err != nil {
		return err
	}
	// From here to the end of the backup no write reaches the live
	// database: the rows copied from it are its last.
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := inTx(func(tx *Tx) error {
		if err := s.copyLocalRows(ctx, tx, objects, shared); err != nil {
			return err
		}
		if err := run(triggers)(tx); err != nil {
			return err
		}
		if fn != nil {
			return fn(tx)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := loadStep("staged"); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	if err := conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver cannot copy a database")
		}
		bk, err := r.NewRestore("file:" + path)
		if err != nil {
			return fmt.Errorf("team snapshot into the database: %w", err)
		}
		if err := loadStep("restoring"); err != nil {
			bk.Finish()
			return err
		}
		_, err = bk.Step(-1)
		if ferr := bk.Finish(); err == nil {
			err = ferr
		}
		if err != nil {
			return fmt.Errorf("team snapshot into the database: %w", err)
		}
		return nil
	}); err != nil {
		return err
	}
	// The people and word lists the rules keep (see lookups) changed
	// without a row written through this connection.
	var marks int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM temp.sqlite_schema WHERE name = 'lookup_marks'`).Scan(&marks); err != nil {
		return err
	}
	if marks > 0 {
		if _, err := conn.ExecContext(ctx, `UPDATE temp.lookup_marks SET token = random()`); err != nil {
			return err
		}
	}
	// The log holds the whole database now: fold it in while nobody
	// writes, rather than in the first edit made after the join.
	_, err = conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// copyLocalRows copies into the database tx writes, from the live one,
// the rows of the tables that stay on this machine (neither shared nor
// derived), the settings the team does not share, and the counters of
// AUTOINCREMENT keys; the search index's version and the change counter of
// the kept sums are set for what was built.
func (s *Store) copyLocalRows(ctx context.Context, tx *Tx, objects []schemaObject, shared map[string]bool) error {
	if _, err := tx.ExecContext(ctx, `ATTACH DATABASE '`+strings.ReplaceAll(s.path, "'", "''")+`' AS live`); err != nil {
		return err
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE live`)
	var local []string
	for _, o := range objects {
		if o.typ == "table" && !shared[o.name] && !slices.Contains(derivedTables, o.name) &&
			!strings.HasPrefix(o.sql, "CREATE VIRTUAL") {
			local = append(local, o.name)
		}
	}
	qs := []string{}
	for _, t := range local {
		qs = append(qs, `INSERT INTO main.`+t+` SELECT * FROM live.`+t)
	}
	set, _ := syncTableNamed("settings")
	// A VACUUM still owed to the live file (reclaimPendingKey) is not the
	// new one's, which is written dense.
	qs = append(qs, `INSERT INTO main.settings SELECT * FROM live.settings WHERE NOT (`+set.when+`) AND key <> '`+
		reclaimPendingKey+`'`)
	var seqs int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM main.sqlite_schema WHERE name = 'sqlite_sequence'`).Scan(&seqs); err != nil {
		return err
	}
	if seqs > 0 && len(local) > 0 {
		qs = append(qs, `DELETE FROM main.sqlite_sequence WHERE name IN ('`+strings.Join(local, `', '`)+`')`,
			`INSERT INTO main.sqlite_sequence SELECT * FROM live.sqlite_sequence WHERE name IN ('`+strings.Join(local, `', '`)+`')`)
	}
	qs = append(qs, `UPDATE main.metric_changes SET seq = seq + 1 WHERE id = 1`)
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("team snapshot: %s: %w", q, err)
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE main.search_index SET version = ? WHERE id = 1`, searchIndexVersion)
	return err
}

// deriveAll makes the derived rows of a database that has none: the
// records' kept columns and dependencies, the search index, every
// request's clocks and measure row (the time limits read in it, not the
// cached ones of the live database). The clocks and measure rows of a
// batch of requests are computed on a goroutine of their own while the
// connection reads the next batch and writes the one before (pipeline).
func (s *Store) deriveAll(ctx context.Context, tx *Tx) error {
	if err := indexLoadedRecords(ctx, tx); err != nil {
		return err
	}
	if err := indexAll(ctx, tx); err != nil {
		return err
	}
	lim, err := s.loadLimits(ctx, tx)
	if err != nil {
		return err
	}
	ids, err := queryIDs(ctx, tx, `SELECT id FROM requests ORDER BY seq`)
	if err != nil {
		return err
	}
	w := s.newDerivedWith(tx, lim)
	defer w.close()
	type batch struct {
		reqs           []request.Request
		seqs           []int64
		trs            [][]request.Transition
		recs           [][]request.Record
		clocks, metric [][]any
	}
	now := tx.Now()
	err = pipeline(func() (*batch, error) {
		if len(ids) == 0 {
			return nil, nil
		}
		n := min(deriveBatch, len(ids))
		b := &batch{}
		var err error
		if b.reqs, b.seqs, err = requestsIn(ctx, tx, ids[:n]); err != nil {
			return nil, err
		}
		ids = ids[n:]
		b.trs, b.recs, err = history(ctx, tx, b.reqs)
		return b, err
	}, func(b *batch) error {
		for i, r := range b.reqs {
			ms, row, err := lim.derive(r, b.trs[i], b.recs[i], now)
			if err != nil {
				return err
			}
			for _, m := range ms {
				b.clocks = append(b.clocks, s.clockArgs(b.seqs[i], m))
			}
			b.metric = append(b.metric, metricArgs(b.seqs[i], row))
		}
		return nil
	}, func(b *batch) error {
		for _, args := range b.clocks {
			if err := w.clocks.add(ctx, args...); err != nil {
				return err
			}
		}
		for _, args := range b.metric {
			if err := w.metrics.add(ctx, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return w.flush(ctx)
}

// pipeline takes batches from read until it returns nil, passes each to
// compute on a goroutine of its own and then, in order, to write: read
// and write run on the caller's goroutine (the one that may use the
// connection), so computing one batch overlaps reading the next and
// writing the one before.
func pipeline[B any](read func() (*B, error), compute func(*B) error, write func(*B) error) error {
	type done struct {
		b   *B
		err error
	}
	in, out := make(chan *B, 1), make(chan done, 1)
	go func() {
		defer close(out)
		for b := range in {
			out <- done{b, compute(b)}
		}
	}()
	finish := func(err error) error {
		close(in)
		for range out { // the goroutine ends with what it holds
		}
		return err
	}
	pending := 0
	for {
		b, err := read()
		if err != nil {
			return finish(err)
		}
		if b == nil {
			break
		}
		in <- b
		if pending++; pending < 2 {
			continue
		}
		d := <-out
		pending--
		if d.err == nil {
			d.err = write(d.b)
		}
		if d.err != nil {
			return finish(d.err)
		}
	}
	close(in)
	for d := range out {
		if d.err == nil {
			d.err = write(d.b)
		}
		if d.err != nil {
			for range out {
			}
			return d.err
		}
	}
	return nil
}
