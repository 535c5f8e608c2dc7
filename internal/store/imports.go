package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/search"
)

// ImportKnown loads what the database holds that the rows of an import
// refer to: every customer and contact by name, the requests the batch's
// numbers name, and who receives rows that name no receiver. Its Same
// finds a request by customer, brief description and receipt second; it
// reads through t, so it serves until t ends.
func (t *Tx) ImportKnown(ctx context.Context, b request.ImportBatch) (request.ImportKnown, error) {
	s := t.s
	k := request.ImportKnown{ByNumber: map[string]request.Request{}}
	st, err := s.settings(ctx, t)
	if err != nil {
		return k, err
	}
	k.Receiver = st.ProfileName
	if u, ok := auth.UserFrom(ctx); ok {
		k.Receiver = u.Name
	}
	// A customer merged into another is known by its name still, as the
	// one it became: a sheet that names it adds to the merged customer.
	// Merged ones come first, so a customer of the same name not merged
	// away wins.
	rows, err := t.QueryContext(ctx, `SELECT c.id, c.name, EXISTS (SELECT 1 FROM customer_merges m WHERE m.from_id = c.id) AS merged
		FROM customers c ORDER BY merged DESC, c.created_at, c.id`)
	if err != nil {
		return k, err
	}
	var merged []int
	for rows.Next() {
		var c customer.Customer
		var isMerged bool
		if err := rows.Scan(&c.ID, &c.Name, &isMerged); err != nil {
			rows.Close()
			return k, err
		}
		if isMerged {
			merged = append(merged, len(k.Customers))
		}
		k.Customers = append(k.Customers, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return k, err
	}
	for _, i := range merged {
		if k.Customers[i].ID, err = t.CustomerID(ctx, k.Customers[i].ID); err != nil {
			return k, err
		}
	}
	rows, err = t.QueryContext(ctx, `SELECT id, customer_id, name FROM contacts ORDER BY created_at, id`)
	if err != nil {
		return k, err
	}
	for rows.Next() {
		var c customer.Contact
		if err := rows.Scan(&c.ID, &c.CustomerID, &c.Name); err != nil {
			rows.Close()
			return k, err
		}
		k.Contacts = append(k.Contacts, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return k, err
	}
	var numbers []any
	for _, sh := range b.Sheets {
		for _, r := range sh.Rows {
			if r.Number != "" {
				numbers = append(numbers, r.Number)
			}
		}
	}
	for len(numbers) > 0 {
		chunk := numbers[:min(len(numbers), 500)]
		numbers = numbers[len(chunk):]
		rows, err := t.QueryContext(ctx, `SELECT `+requestColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
			WHERE r.number IN (`+placeholders(len(chunk))+`)`, chunk...)
		if err != nil {
			return k, err
		}
		for rows.Next() {
			r, _, err := scanRequest(rows)
			if err != nil {
				rows.Close()
				return k, err
			}
			k.ByNumber[r.Number] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return k, err
		}
	}
	same, err := t.PrepareContext(ctx, `SELECT `+requestColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
		WHERE r.customer_id = ? AND r.title = ? AND r.received_at >= ? AND r.received_at < ? ORDER BY r.seq LIMIT 1`)
	if err != nil {
		return k, err
	}
	// The statement ends with the transaction (database/sql closes it
	// then), so the planner may use it as long as the transaction lasts.
	k.Same = func(customerID, title string, at time.Time) (*request.Request, error) {
		r, _, err := scanRequest(same.QueryRowContext(ctx, customerID, title, s.ts(at), s.ts(at.Add(time.Second))))
		if err == sql.ErrNoRows {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return &r, nil
	}
	return k, nil
}

// SaveImport writes a checked import plan (one without problems) with
// every change in the audit log under the acting person. A large import
// refreshes the query planner's statistics after the commit: it changes the
// tables' shape.
func (t *Tx) SaveImport(ctx context.Context, p request.ImportPlan) error {
	if err := t.s.applyImport(ctx, t, p); err != nil {
		return err
	}
	if len(p.Creates) > 1000 {
		t.AfterCommit(func() {
			if err := t.s.Optimize(context.WithoutCancel(ctx)); err != nil {
				slog.Warn("optimize after an import", "err", err)
			}
		})
	}
	return nil
}

// applyImport writes a checked plan: customers and contacts first, then the
// new requests with their search text, clocks and transitions, then the
// updates. Statements are prepared once and the search text, clocks and
// audit entries go in multi-row inserts.
func (s *Store) applyImport(ctx context.Context, tx *Tx, p request.ImportPlan) error {
	actor, err := s.actor(ctx, tx)
	if err != nil {
		return err
	}
	// The page cache stays as it is. Raised to 128 MB for the import, it
	// kept every page the import touched until the commit, whose cost was
	// then to give them all back (a second of 10,000 rows, more than
	// writing them): pages spilled to the log on the way cost less.
	nowTS := s.ts(tx.Now())
	nowT := parseTS(nowTS)
	auditRows := newBulk(tx, "audit_log", auditColumns, auditValuesWidth)
	auditRows.row = auditValues
	defer auditRows.close()
	// The entries' changes are packed on another goroutine while the
	// import goes on writing (a request's creation takes tens of
	// microseconds to pack), and written in their order at the end.
	packer := newAuditPacker()
	defer packer.wait()
	addAudit := func(entity, id, action string, before, after any) error {
		packer.add(auditRow(tx.NewID(), tx.Now(), actor, entity, id, action), before, after, nil)
		return nil
	}
	// A new request's creation is referred to the values the import
	// writes, on the packer's goroutine, and to its customer's name as the
	// customers table has it (the plan may name a customer merged away by
	// its old name: see ImportKnown), read once the new customers are in.
	var names map[string]string
	addCreation := func(r request.Request, row []any) error {
		name, known := names[r.Fields.CustomerID]
		packer.add(auditRow(tx.NewID(), tx.Now(), actor, audit.EntityRequest, r.ID, audit.ActionCreate), nil, r,
			func() []string { return requestRefArgs(importRefColumns, row, name, known) })
		return nil
	}

	insCustomer, err := tx.PrepareContext(ctx, `INSERT INTO customers (id, name, name_key, industry, address, notes,
		created_at, updated_at, version) VALUES (?, ?, ?, '', '', '', ?, ?, 1)`)
	if err != nil {
		return err
	}
	defer insCustomer.Close()
	for _, c := range p.Customers {
		if _, err := insCustomer.ExecContext(ctx, c.ID, c.Name, nameKey(c.Name), nowTS, nowTS); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt, c.Version = nowT, nowT, 1
		if err := addAudit(audit.EntityCustomer, c.ID, audit.ActionCreate, nil, c); err != nil {
			return err
		}
	}
	insContact, err := tx.PrepareContext(ctx, `INSERT INTO contacts (id, customer_id, name, title, phone, email,
		created_at, updated_at, version) VALUES (?, ?, ?, '', ?, ?, ?, ?, 1)`)
	if err != nil {
		return err
	}
	defer insContact.Close()
	for _, k := range p.Contacts {
		if _, err := insContact.ExecContext(ctx, k.ID, k.CustomerID, k.Name, k.Phone, k.Email, nowTS, nowTS); err != nil {
			return err
		}
		k.CreatedAt, k.UpdatedAt, k.Version = nowT, nowT, 1
		if err := addAudit(audit.EntityContact, k.ID, audit.ActionCreate, nil, k); err != nil {
			return err
		}
	}

	// Every request created or updated gets its derived rows in this
	// transaction, so nothing reads the import without them.
	var derived []string
	ids := make([]string, 0, len(p.Creates))
	for _, c := range p.Creates {
		ids = append(ids, c.Fields.CustomerID)
	}
	if names, err = customerNames(ctx, tx, ids); err != nil {
		return err
	}
	made, err := s.applyCreates(ctx, tx, p, actor, nowTS, addCreation)
	if err != nil {
		return err
	}
	if err := s.deriveCreated(ctx, tx, made); err != nil {
		return err
	}
	if len(p.Updates) > 0 {
		upd, err := tx.PrepareContext(ctx, `UPDATE requests SET customer_id = ?, contact_id = ?, contact_name = ?,
			contact_info = ?, channel = ?, type = ?, category = ?, urgency = ?, impact_scope = ?, title = ?, description = ?,
			background = ?, expected_outcome = ?, time_requirement = ?, scene = ?, product = ?, received_at = ?,
			received_by = ?, owner = ?, department = ?, updated_at = ?, version = version + 1 WHERE id = ?`)
		if err != nil {
			return err
		}
		defer upd.Close()
		for _, u := range p.Updates {
			f := u.Fields
			if _, err := upd.ExecContext(ctx, f.CustomerID, nullable(f.ContactID), f.ContactName, f.ContactInfo, f.Channel,
				f.Type, f.Category, f.Urgency, f.ImpactScope, f.Title, f.Description, f.Background, f.ExpectedOutcome,
				f.TimeRequirement, f.Scene, f.Product, s.ts(f.ReceivedAt), f.ReceivedBy, f.Owner, f.Department, nowTS,
				u.Before.ID); err != nil {
				return err
			}
			after, seq, err := s.request(ctx, tx, u.Before.ID)
			if err != nil {
				return err
			}
			if err := s.index(ctx, tx, seq, after, true); err != nil {
				return err
			}
			derived = append(derived, u.Before.ID)
			if err := addAudit(audit.EntityRequest, u.Before.ID, audit.ActionUpdate, u.Before, after); err != nil {
				return err
			}
		}
	}
	if err := s.deriveRequests(ctx, tx, derived); err != nil {
		return err
	}
	entries, err := packer.wait()
	if err != nil {
		return err
	}
	for _, args := range entries {
		if err := auditRows.add(ctx, args...); err != nil {
			return err
		}
	}
	return auditRows.flush(ctx)
}

// customerNames are the names of the customers ids names, as this
// transaction reads them.
func customerNames(ctx context.Context, tx *Tx, ids []string) (map[string]string, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make(map[string]string, len(ids))
	for start := 0; start < len(ids); start += syncRowBatch {
		part := ids[start:min(len(ids), start+syncRowBatch)]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		if err := eachRow(ctx, tx, `SELECT id, name FROM customers WHERE id IN (`+placeholders(len(part))+`)`, args,
			func(rows *sql.Rows) error {
				var id, name string
				err := rows.Scan(&id, &name)
				out[id] = name
				return err
			}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// applyCreates inserts the new requests in the table's order and returns
// them as written, for their derived rows.
func (s *Store) applyCreates(ctx context.Context, tx *Tx, p request.ImportPlan, actor, nowTS string,
	addCreation func(r request.Request, row []any) error) ([]created, error) {
	if len(p.Creates) == 0 {
		return nil, nil
	}
	nowT := parseTS(nowTS)
	num, err := s.newNumberer(ctx, tx, p.Reserved)
	if err != nil {
		return nil, err
	}
	if err := num.prepare(ctx, tx); err != nil {
		num.close()
		return nil, err
	}
	defer num.close()
	// The requests go in multi-row statements too, so their seq (the
	// rowid, which the search text is kept under) is given rather than
	// read back: what SQLite would give, the next after the largest. The
	// transaction holds the only write lock, so nothing takes one meanwhile.
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM requests`).Scan(&seq); err != nil {
		return nil, err
	}
	reqs := newBulk(tx, "requests", importRequestColumns, 29)
	defer reqs.close()
	fts := newBulk(tx, "request_fts", "rowid, bi, uni", 3)
	defer fts.close()
	moves := newBulk(tx, "request_transitions", "id, req, at, actor, action, from_status, to_status, comment", 8)
	defer moves.close()
	// The search texts, but for the numbers, are cut on another goroutine
	// while the requests are written, and written after them.
	texts := make([]search.Doc, len(p.Creates))
	cut := make(chan struct{})
	go func() {
		defer close(cut)
		for i, c := range p.Creates {
			texts[i] = textsDoc(c.Fields, c.CustomerName)
		}
	}()
	defer func() { <-cut }()
	// A transition names its request: written once every request is.
	var moveArgs [][]any
	out := make([]created, 0, len(p.Creates))
	for _, c := range p.Creates {
		number := c.Number
		if number == "" {
			if number, err = num.next(ctx, tx, c.Fields.ReceivedAt); err != nil {
				return nil, err
			}
		}
		id := tx.NewID()
		seq++
		args := append(append([]any{seq}, s.insertRequestArgs(id, number, c.Status, c.Path, c.Fields, nowTS)...), 1, c.HeldFrom)
		if err := reqs.add(ctx, args...); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		r := request.Request{ID: id, Number: number, Status: c.Status, CustomerName: c.CustomerName, Fields: c.Fields,
			State: request.State{Path: c.Path, HeldFrom: c.HeldFrom}, CreatedAt: nowT, UpdatedAt: nowT, Version: 1}
		r.Fields.ReceivedAt = parseTS(s.ts(c.Fields.ReceivedAt))
		if c.MoveComment != "" {
			t := request.Transition{ID: tx.NewID(), At: nowT, Actor: actor, Action: request.ActImport,
				From: request.StatusRegistered, To: c.Status, Comment: c.MoveComment}
			moveArgs = append(moveArgs, []any{idKey(t.ID), seq, millis(t.At), actor, stepCode(string(t.Action)),
				stepCode(string(t.From)), stepCode(string(t.To)), t.Comment})
			out = append(out, created{r, seq, []request.Transition{t}})
		} else {
			out = append(out, created{r, seq, nil})
		}
		if err := addCreation(r, args); err != nil {
			return nil, err
		}
	}
	if err := reqs.flush(ctx); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	<-cut
	for i, c := range out {
		doc := search.Join(search.Index(c.r.Number), texts[i])
		if err := fts.add(ctx, c.seq, doc.Bigrams, doc.Unigrams); err != nil {
			return nil, err
		}
	}
	for _, a := range moveArgs {
		if err := moves.add(ctx, a...); err != nil {
			return nil, err
		}
	}
	for _, b := range []*bulk{fts, moves} {
		if err := b.flush(ctx); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// created is a request an import wrote, as written: its history is its
// transition out of 已登记, if any, and no records.
type created struct {
	r   request.Request
	seq int64
	trs []request.Transition
}

// importRequestColumns are the columns an import writes of a new request:
// its seq, insertRequestSQL's, and where an imported 暂不可执行 was held from.
const importRequestColumns = `seq, id, number, status, customer_id, contact_id, contact_name, contact_info, channel,
	type, category, urgency, impact_scope, title, description, background, expected_outcome, time_requirement, scene,
	product, received_at, received_by, owner, department, path, created_at, updated_at, version, held_from`

// importRefColumns is where requestRefArgs finds each field in a row of
// importRequestColumns.
var importRefColumns = refColumns(strings.Split(strings.Join(strings.Fields(importRequestColumns), ""), ","))

// bulk writes rows into a table with multi-row INSERTs, bulkRows at a time.
type bulk struct {
	tx      *Tx
	table   string
	columns string
	width   int
	suffix  string // ends each statement (an upsert's ON CONFLICT clause)
	row     string // a row's VALUES, when not a placeholder a column
	args    []any
	full    *sql.Stmt
}

const bulkRows = 100

func newBulk(tx *Tx, table, columns string, width int) *bulk {
	return &bulk{tx: tx, table: table, columns: columns, width: width}
}

func (b *bulk) statement(rows int) string {
	row := valuesRow(b.row, b.width)
	return `INSERT INTO ` + b.table + ` (` + b.columns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+",", rows), ",") +
		" " + b.suffix
}

func (b *bulk) add(ctx context.Context, args ...any) error {
	if len(args) != b.width {
		return fmt.Errorf("bulk %s: %d values for %d columns", b.table, len(args), b.width)
	}
	b.args = append(b.args, args...)
	if len(b.args) < bulkRows*b.width {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(ctx, b.statement(bulkRows))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return err
}

func (b *bulk) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.statement(len(b.args)/b.width), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *bulk) close() {
	if b.full != nil {
		b.full.Close()
	}
}
