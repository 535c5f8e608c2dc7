package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/search"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// BulkRequest is one generated request with its whole history, ready to be
// written as it stands: Created is the request as registered (for its create
// audit entry), Final as it ends up after the transitions and records, and
// Kept what each transition keeps of its step's audit entry (StepRest).
type BulkRequest struct {
	Created     request.Request
	Final       request.Request
	Records     []request.Record
	Transitions []request.Transition
	Kept        []any

	prep *bulkPrep // see Prepare
}

// BulkCounts says how many rows a bulk load wrote, per table.
type BulkCounts struct {
	Customers, Contacts, Requests, SearchRows, Records, Transitions, Clocks, Audit int
}

// Total is the number of rows written.
func (c BulkCounts) Total() int {
	return c.Customers + c.Contacts + c.Requests + c.SearchRows + c.Records + c.Transitions + c.Clocks + c.Audit
}

// BulkLoader writes a generated data set (internal/demo) into an empty
// database without going through the per-row store methods: rows go in
// prepared multi-row INSERTs inside one transaction, so a load either
// completes or leaves the database empty. The secondary indexes of the
// tables it fills are dropped at the start and built again, from sorted
// data, at the end of that transaction: the same indexes, made in a fraction
// of the time that keeping them up to date row by row takes, and the load
// writes through a rollback journal rather than the write-ahead log. Numbers come
// from the configured pattern, search text from search.Index, clocks from
// the same time limits the store applies to every write. Only for empty
// databases: the per-request checks of the normal path are the generator's
// business.
type BulkLoader struct {
	s       *Store
	tx      *Tx
	lim     *timeLimits
	num     *numberer
	lists   vocab.Lists
	rng     *rand.Rand // audit entry ids, so a seed gives the same database
	indexes []string   // CREATE INDEX statements to run again at the end
	journal string     // the journal mode during the load
	seq     int64
	pending int
	now     time.Time
	counts  BulkCounts

	requests, fts, records, deps, moves, clocks, metrics, auditRows, customers, contacts *rowBuffer
}

// bulkTables are the tables a bulk load fills.
var bulkTables = []string{"customers", "contacts", "requests", "request_records", "request_record_deps", "request_transitions", "request_clocks", "request_metrics", "audit_log"}

const bulkRequestColumns = `seq, id, number, status, customer_id, contact_id, contact_name, contact_info, channel, type,
	category, urgency, impact_scope, title, description, background, expected_outcome, time_requirement, scene, product,
	received_at, received_by, owner, department, path, green_channel, held_from, follow_up_on, status_reason,
	reopen_count, created_at, updated_at, version`

// BeginBulk starts a bulk load; it refuses a database that already holds
// requests or customers. The seed makes the ids of the audit entries the
// loader writes, so one seed gives one database.
func (s *Store) BeginBulk(ctx context.Context, seed int64) (*BulkLoader, error) {
	var n int
	if err := s.write.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM customers)`).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, apperr.Errorf(apperr.Conflict, "数据库中已有数据；批量演示数据只填入空数据库（可用 --data 指定新目录）")
	}
	l := &BulkLoader{s: s, now: s.clock.Now(), rng: rand.New(rand.NewPCG(uint64(seed), 0xa0d17))}
	var err error
	if l.lists, err = s.vocabularies(ctx, s.write); err != nil {
		return nil, err
	}
	if err := l.begin(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// Lists are the word lists the generated requests are checked against:
// the types' default paths, the departments triage names.
func (l *BulkLoader) Lists() vocab.Lists { return l.lists }

func (l *BulkLoader) begin(ctx context.Context) error {
	if l.s.readOnly.Load() {
		return ErrReadOnly
	}
	// Statement journals and the sorting that builds the indexes stay in
	// memory instead of temporary files (the pragma cannot change inside
	// a transaction; the store's only writing connection gets it back
	// when the load ends).
	if _, err := l.s.write.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return err
	}
	// Building an index may sort on more than one core.
	if _, err := l.s.write.ExecContext(ctx, `PRAGMA threads = 2`); err != nil {
		return err
	}
	// In WAL mode every page would be written twice, to the log and then
	// to the database by the checkpoint. A rollback journal writes the new
	// pages once and journals only the few that existed before the load,
	// which is as crash-safe (synchronous stays FULL). Leaving WAL mode needs
	// the only connection, so the idle readers close first; if another
	// connection is busy, the load stays in WAL mode, only slower.
	l.s.read.SetMaxIdleConns(0)
	if err := l.s.write.QueryRowContext(ctx, `PRAGMA journal_mode = TRUNCATE`).Scan(&l.journal); err != nil {
		return err
	}
	sqlTx, err := l.s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &Tx{Tx: sqlTx, s: l.s, now: l.now, ids: newID}
	l.tx = tx
	// A big batch touches more pages than the default cache holds.
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
		return l.fail(err)
	}
	if err := l.dropIndexes(ctx); err != nil {
		return l.fail(err)
	}
	// The search index is merged once at the end rather than as it grows.
	if _, err := tx.ExecContext(ctx, `INSERT INTO request_fts (request_fts, rank) VALUES ('automerge', 0)`); err != nil {
		return l.fail(err)
	}
	if l.lim, err = l.s.limits(ctx, tx); err != nil {
		return l.fail(err)
	}
	if l.num, err = l.s.newNumberer(ctx, tx, nil); err != nil {
		return l.fail(err)
	}
	if err := l.num.prepare(ctx, tx); err != nil {
		return l.fail(err)
	}
	l.requests = newRowBuffer(tx, "requests", bulkRequestColumns, 33)
	l.fts = newRowBuffer(tx, "request_fts", "rowid, bi, uni", 3)
	l.records = newRowBuffer(tx, "request_records", "id, req, kind, parent_id, body, created_by, created_at, updated_at, version, owner, status, due", 12)
	l.deps = newRowBuffer(tx, "request_record_deps", "record_id, depends_on", 2)
	l.moves = newRowBuffer(tx, "request_transitions", "id, req, at, actor, action, from_status, to_status, comment, changes", 9)
	l.clocks = newRowBuffer(tx, "request_clocks", clockColumns, clockWidth)
	l.metrics = newRowBuffer(tx, "request_metrics", metricColumns, 5)
	l.auditRows = newRowBuffer(tx, "audit_log", auditColumns, auditValuesWidth)
	l.auditRows.row = auditValues
	l.customers = newRowBuffer(tx, "customers", "id, name, name_key, industry, address, notes, created_at, updated_at, version", 9)
	l.contacts = newRowBuffer(tx, "contacts", "id, customer_id, name, title, phone, email, created_at, updated_at, version", 9)
	return nil
}

// dropIndexes drops the secondary indexes (those made by CREATE INDEX,
// not the ones that enforce a PRIMARY KEY or UNIQUE column) of the tables
// the load fills, remembering how to make them again.
func (l *BulkLoader) dropIndexes(ctx context.Context) error {
	// The counters of changes to the records (0029) are bumped once at the
	// end rather than once a row: their triggers go with the indexes.
	rows, err := l.tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
		WHERE (type = 'index' AND sql IS NOT NULL OR type = 'trigger' AND name LIKE 'record_changes_%')
		AND tbl_name IN (`+placeholders(len(bulkTables))+`) ORDER BY type, name`,
		anySlice(bulkTables)...)
	if err != nil {
		return err
	}
	var drops []string
	for rows.Next() {
		var kind, name, ddl string
		if err := rows.Scan(&kind, &name, &ddl); err != nil {
			rows.Close()
			return err
		}
		drops, l.indexes = append(drops, `DROP `+strings.ToUpper(kind)+` "`+name+`"`), append(l.indexes, ddl)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, q := range drops {
		if _, err := l.tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// createIndexes makes the dropped indexes and triggers again, as they were
// declared, and counts the load as a change of the records.
func (l *BulkLoader) createIndexes(ctx context.Context) error {
	for _, ddl := range l.indexes {
		if _, err := l.tx.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("bulk: %s: %w", ddl, err)
		}
	}
	_, err := l.tx.ExecContext(ctx, `UPDATE record_changes SET seq = seq + 1 WHERE id = 1`)
	return err
}

func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// all lists the buffers in the order their rows must reach the database.
func (l *BulkLoader) all() []*rowBuffer {
	return []*rowBuffer{l.customers, l.contacts, l.requests, l.fts, l.records, l.deps, l.moves, l.clocks, l.metrics, l.auditRows}
}

// flush writes every buffered row, parents before children, so the
// foreign keys hold at each statement.
func (l *BulkLoader) flush(ctx context.Context) error {
	for _, b := range l.all() {
		if err := b.flush(ctx); err != nil {
			return l.fail(fmt.Errorf("bulk %s: %w", b.table, err))
		}
	}
	return nil
}

// commit flushes the buffers, builds the indexes and commits.
func (l *BulkLoader) commit(ctx context.Context) error {
	if err := l.flush(ctx); err != nil {
		return err
	}
	l.close()
	if _, err := l.tx.ExecContext(ctx, `INSERT INTO request_fts (request_fts) VALUES ('optimize')`); err != nil {
		return l.fail(err)
	}
	if _, err := l.tx.ExecContext(ctx, `INSERT INTO request_fts (request_fts, rank) VALUES ('automerge', 4)`); err != nil {
		return l.fail(err)
	}
	if err := l.createIndexes(ctx); err != nil {
		return l.fail(err)
	}
	if _, err := l.tx.ExecContext(ctx, `PRAGMA cache_size = -2000`); err != nil {
		return l.fail(err)
	}
	err := l.tx.Commit()
	l.tx = nil
	return errors.Join(err, l.endPragmas(ctx))
}

func (l *BulkLoader) close() {
	for _, b := range l.all() {
		b.close()
	}
	l.num.close()
}

func (l *BulkLoader) fail(err error) error {
	if l.tx != nil {
		if l.num != nil {
			l.close()
		}
		_ = l.tx.Rollback()
		l.tx = nil
		_ = l.endPragmas(context.Background())
	}
	return err
}

// endPragmas gives the writing connection back its usual settings.
func (l *BulkLoader) endPragmas(ctx context.Context) error {
	_, err := l.s.write.ExecContext(ctx, `PRAGMA temp_store = DEFAULT`)
	if err == nil {
		_, err = l.s.write.ExecContext(ctx, `PRAGMA threads = 0`)
	}
	if err == nil && l.journal != "wal" {
		var mode string
		err = l.s.write.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil && mode != "wal" {
			err = fmt.Errorf("bulk: journal mode %s after the load, want wal", mode)
		}
	}
	// database/sql's default, which the store keeps.
	l.s.read.SetMaxIdleConns(2)
	return err
}

// Rollback abandons what has not been committed yet.
func (l *BulkLoader) Rollback() {
	_ = l.fail(nil)
}

// Finish writes what is buffered, commits and says what was written.
func (l *BulkLoader) Finish(ctx context.Context) (BulkCounts, error) {
	if l.tx == nil {
		return l.counts, fmt.Errorf("bulk load already finished or failed")
	}
	if err := l.commit(ctx); err != nil {
		return l.counts, err
	}
	// The planner needs statistics about the tables it just grew.
	return l.counts, l.s.Optimize(ctx)
}

func (l *BulkLoader) audit(ctx context.Context, at time.Time, actor, entity, entityID, action string, before, after any) error {
	args, err := l.s.auditArgs(l.tx.NewID(), l.now, actor, entity, entityID, action, before, after)
	if err != nil {
		return l.fail(err)
	}
	args[0], args[1] = idKey(l.id(at)), millis(at)
	l.counts.Audit++
	return l.auditRows.add(ctx, args...)
}

// Customer writes a customer and its contacts with their create entries.
func (l *BulkLoader) Customer(ctx context.Context, actor string, d customer.Detail) error {
	c := d.Customer
	at := l.s.ts(c.CreatedAt)
	if err := l.customers.add(ctx, c.ID, c.Name, nameKey(c.Name), c.Industry, c.Address, c.Notes, at, at, 1); err != nil {
		return l.fail(err)
	}
	l.counts.Customers++
	c.ContactCount = 0
	if err := l.audit(ctx, c.CreatedAt, actor, audit.EntityCustomer, c.ID, audit.ActionCreate, nil, c); err != nil {
		return err
	}
	for _, k := range d.Contacts {
		kt := l.s.ts(k.CreatedAt)
		if err := l.contacts.add(ctx, k.ID, c.ID, k.Name, k.Title, k.Phone, k.Email, kt, kt, 1); err != nil {
			return l.fail(err)
		}
		l.counts.Contacts++
		if err := l.audit(ctx, k.CreatedAt, actor, audit.EntityContact, k.ID, audit.ActionCreate, nil, k); err != nil {
			return err
		}
	}
	return nil
}

// bulkPrep is the part of writing a request that needs neither the
// database nor the request's number: rows of its records, transitions
// (with their steps' audit entries), clocks, its search text without the
// number. Prepare makes it on the generator's goroutines.
type bulkPrep struct {
	doc                    search.Doc
	records, moves, clocks []any
	deps                   []any // of request_record_deps
	nClocks                int
	metric                 report.Row // numbered in Request
}

// Prepare does the part of writing br that needs neither the database nor
// the order of writing; it may be called from several goroutines at once,
// before Request. Request prepares what was not prepared.
func (l *BulkLoader) Prepare(br *BulkRequest) error {
	r := br.Final
	p := &bulkPrep{doc: search.Index(searchTexts(r.Fields, r.CustomerName)...)}
	p.records = make([]any, 0, 12*len(br.Records))
	for _, rec := range br.Records {
		var idx request.RecordIndex
		if rec.Kind == request.KindTask || rec.Kind == request.KindSubRequirement {
			body, err := request.DecodeRecord(rec)
			if err != nil {
				return err
			}
			idx = request.IndexOf(body)
			for _, d := range idx.DependsOn {
				p.deps = append(p.deps, idKey(rec.ID), idKey(d))
			}
		}
		packed, err := packBody(string(rec.Kind), rec.Body)
		if err != nil {
			return fmt.Errorf("record %s: %w", rec.ID, err)
		}
		p.records = append(p.records, idKey(rec.ID), nil, rec.Kind, idKeyArg(nullable(rec.ParentID)), packed, rec.CreatedBy,
			millis(rec.CreatedAt), millis(rec.UpdatedAt), rec.Version, idx.Owner, idx.Status, idx.Due)
	}
	if len(br.Kept) != len(br.Transitions) {
		return fmt.Errorf("request %s: %d transitions, %d step entries", r.ID, len(br.Transitions), len(br.Kept))
	}
	p.moves = make([]any, 0, 9*len(br.Transitions))
	for i, t := range br.Transitions {
		p.moves = append(p.moves, idKey(t.ID), nil, millis(t.At), t.Actor, stepCode(string(t.Action)),
			stepCode(string(t.From)), stepCode(string(t.To)), t.Comment, br.Kept[i])
	}
	ms, row, err := l.lim.derive(r, br.Transitions, br.Records, l.now)
	if err != nil {
		return err
	}
	for _, m := range ms {
		p.clocks = append(p.clocks, l.s.clockArgs(0, m)...)
	}
	p.nClocks = len(ms)
	p.metric = row
	br.prep = p
	return nil
}

// Request writes one request as it ended up, numbered under the configured
// pattern (requests must come in the order they were received), with its
// search text, records, transitions (which keep their steps' audit
// entries), clocks measured now, and its create entry. It returns the
// number.
func (l *BulkLoader) Request(ctx context.Context, br BulkRequest) (string, error) {
	if l.tx == nil {
		return "", fmt.Errorf("bulk load already finished or failed")
	}
	if br.prep == nil {
		if err := l.Prepare(&br); err != nil {
			return "", l.fail(err)
		}
	}
	p := br.prep
	number, err := l.num.next(ctx, l.tx, br.Final.Fields.ReceivedAt)
	if err != nil {
		return "", l.fail(err)
	}
	l.seq++
	r := br.Final
	r.Number = number
	f, st := r.Fields, r.State
	if err := l.requests.add(ctx, l.seq, r.ID, number, r.Status, f.CustomerID, nullable(f.ContactID), f.ContactName,
		f.ContactInfo, f.Channel, f.Type, f.Category, f.Urgency, f.ImpactScope, f.Title, f.Description, f.Background,
		f.ExpectedOutcome, f.TimeRequirement, f.Scene, f.Product, l.s.ts(f.ReceivedAt), f.ReceivedBy, f.Owner,
		f.Department, st.Path, st.GreenChannel, st.HeldFrom, st.FollowUpOn, st.StatusReason, st.ReopenCount,
		l.s.ts(r.CreatedAt), l.s.ts(r.UpdatedAt), r.Version); err != nil {
		return "", l.fail(err)
	}
	// search.Index of several texts is the texts' indexes one after the
	// other, so the number's goes in front of what Prepare cut.
	num := search.Index(number)
	if err := l.fts.add(ctx, l.seq, num.Bigrams+p.doc.Bigrams, num.Unigrams+p.doc.Unigrams); err != nil {
		return "", l.fail(err)
	}
	// The records, transitions and clocks name their request by its seq,
	// given here.
	for i := 1; i < len(p.records); i += 12 {
		p.records[i] = l.seq
	}
	for i := 1; i < len(p.moves); i += 9 {
		p.moves[i] = l.seq
	}
	for i := 0; i < len(p.clocks); i += clockWidth {
		p.clocks[i] = l.seq
	}
	l.records.addRows(p.records)
	l.deps.addRows(p.deps)
	l.moves.addRows(p.moves)
	l.clocks.addRows(p.clocks)
	m := p.metric
	m.Number = number
	l.metrics.addRows(metricArgs(l.seq, m))
	created := br.Created
	created.Number = number
	if err := l.audit(ctx, created.CreatedAt, created.Fields.ReceivedBy, audit.EntityRequest, r.ID, audit.ActionCreate, nil, created); err != nil {
		return "", err
	}
	l.counts.Requests++
	l.counts.SearchRows++
	l.counts.Records += len(br.Records)
	l.counts.Transitions += len(br.Transitions)
	l.counts.Clocks += p.nClocks
	l.pending++
	if l.pending%bulkRows == 0 {
		if err := l.flush(ctx); err != nil {
			return "", err
		}
	}
	return number, nil
}

// id makes a UUIDv7 for an entry written at t from the loader's random
// numbers.
func (l *BulkLoader) id(t time.Time) string {
	var b uuid.UUID
	binary.BigEndian.PutUint64(b[8:], l.rng.Uint64())
	binary.BigEndian.PutUint64(b[0:], uint64(t.UnixMilli())<<16|l.rng.Uint64()&0x0fff|0x7000)
	b[8] = b[8]&0x3f | 0x80
	return b.String()
}

// CheckRecord decodes and checks a generated record as SaveRecord would
// (parents, singletons, plan versions, dependencies, rc's dates and
// people) against its siblings; before is the record it replaces, if any.
// It returns the body as stored.
func (l *BulkLoader) CheckRecord(in request.RecordInput, before *request.Record, siblings []request.Record, rc request.RecordCheck) (json.RawMessage, error) {
	body, _, err := request.DecodeBody(in.Kind, in.Body, rc)
	if err != nil {
		return nil, err
	}
	if before != nil {
		in.ParentID = before.ParentID
	}
	if err := request.CheckSiblings(in, before, body, siblings); err != nil {
		return nil, err
	}
	return json.Marshal(body)
}

// rowBuffer collects rows of one table for multi-row INSERTs. Unlike bulk it
// writes only when told, so the loader can write parents before children.
type rowBuffer struct {
	tx      *Tx
	table   string
	columns string
	width   int
	row     string // a row's VALUES, when not a placeholder a column
	args    []any
	full    *sql.Stmt
}

func newRowBuffer(tx *Tx, table, columns string, width int) *rowBuffer {
	return &rowBuffer{tx: tx, table: table, columns: columns, width: width}
}

func (b *rowBuffer) statement(rows int) string {
	row := valuesRow(b.row, b.width)
	return `INSERT INTO ` + b.table + ` (` + b.columns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

func (b *rowBuffer) add(_ context.Context, args ...any) error {
	if len(args) != b.width {
		return fmt.Errorf("bulk %s: %d values for %d columns", b.table, len(args), b.width)
	}
	b.args = append(b.args, args...)
	return nil
}

// addRows adds rows already laid out in the table's columns.
func (b *rowBuffer) addRows(args []any) {
	b.args = append(b.args, args...)
}

// flush writes the buffered rows, bulkRows to a statement.
func (b *rowBuffer) flush(ctx context.Context) error {
	chunk := bulkRows * b.width
	rest := b.args
	for len(rest) >= chunk {
		if b.full == nil {
			st, err := b.tx.PrepareContext(ctx, b.statement(bulkRows))
			if err != nil {
				return err
			}
			b.full = st
		}
		if _, err := b.full.ExecContext(ctx, rest[:chunk]...); err != nil {
			return err
		}
		rest = rest[chunk:]
	}
	if len(rest) > 0 {
		if _, err := b.tx.ExecContext(ctx, b.statement(len(rest)/b.width), rest...); err != nil {
			return err
		}
	}
	clear(b.args)
	b.args = b.args[:0]
	return nil
}

// valuesRow is a row of a multi-row INSERT: row, or a placeholder for
// each of width columns.
func valuesRow(row string, width int) string {
	if row != "" {
		return row
	}
	return "(" + placeholders(width) + ")"
}

func (b *rowBuffer) close() {
	if b.full != nil {
		b.full.Close()
	}
}
