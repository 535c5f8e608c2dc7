package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/search"
	"github.com/reqdesk/reqdesk/internal/settings"
)

const requestColumns = `r.seq, r.id, r.number, r.status, c.name, r.customer_id, coalesce(r.contact_id, ''), r.contact_name,
	r.contact_info, r.channel, r.type, r.category, r.urgency, r.impact_scope, r.title, r.description, r.background,
	r.expected_outcome, r.time_requirement, r.scene, r.product, r.received_at, r.received_by, r.owner, r.department,
	r.path, r.green_channel, r.held_from, r.follow_up_on, r.status_reason, coalesce(r.duplicate_of, ''), r.reopen_count,
	r.created_at, r.updated_at, r.version`

func scanRequest(sc interface{ Scan(...any) error }) (request.Request, int64, error) {
	var r request.Request
	var seq int64
	var received, created, updated string
	f, st := &r.Fields, &r.State
	err := sc.Scan(&seq, &r.ID, &r.Number, &r.Status, &r.CustomerName, &f.CustomerID, &f.ContactID, &f.ContactName,
		&f.ContactInfo, &f.Channel, &f.Type, &f.Category, &f.Urgency, &f.ImpactScope, &f.Title, &f.Description, &f.Background,
		&f.ExpectedOutcome, &f.TimeRequirement, &f.Scene, &f.Product, &received, &f.ReceivedBy, &f.Owner, &f.Department,
		&st.Path, &st.GreenChannel, &st.HeldFrom, &st.FollowUpOn, &st.StatusReason, &st.DuplicateOf, &st.ReopenCount,
		&created, &updated, &r.Version)
	f.ReceivedAt, r.CreatedAt, r.UpdatedAt = parseTS(received), parseTS(created), parseTS(updated)
	return r, seq, err
}

func (s *Store) request(ctx context.Context, q queryer, id string) (request.Request, int64, error) {
	r, seq, err := scanRequest(q.QueryRowContext(ctx, `SELECT `+requestColumns+`
		FROM requests r JOIN customers c ON c.id = r.customer_id WHERE r.id = ?`, id))
	if err == sql.ErrNoRows {
		return r, 0, notFound("request")
	}
	return r, seq, err
}

// Request returns one request with its customer, contact and audit history.
func (s *Store) Request(ctx context.Context, id string) (request.Detail, error) {
	var d request.Detail
	r, _, err := s.request(ctx, s.read, id)
	if err != nil {
		return d, err
	}
	d.Request = r
	if d.Customer, err = s.customer(ctx, s.read, r.Fields.CustomerID); err != nil {
		return d, err
	}
	if r.Fields.ContactID != "" {
		k, err := s.contact(ctx, s.read, r.Fields.ContactID)
		if err != nil {
			return d, err
		}
		d.Contact = &k
	}
	if d.History, err = s.history(ctx, s.read, id, true); err != nil {
		return d, err
	}
	if d.Records, err = s.records(ctx, s.read, id); err != nil {
		return d, err
	}
	if d.Transitions, err = s.transitions(ctx, s.read, id); err != nil {
		return d, err
	}
	f := request.Summarize(r, d.Records, nil)
	if n := len(d.Transitions); n > 0 {
		f.ClosedFrom = request.ClosedFrom(r.Status, d.Transitions[n-1])
	}
	if err := s.acting(ctx, s.read, &f); err != nil {
		return d, err
	}
	d.Options = request.Available(f)
	if d.Clocks, err = s.Clocks(ctx, id); err != nil {
		return d, err
	}
	d.Escalations, err = s.Escalations(ctx, id)
	return d, err
}

// FieldsCheck loads what a request's fields are checked against (see
// request.CheckFields): the word lists, the people, and whether the
// customer and the contact the fields name exist.
func (t *Tx) FieldsCheck(ctx context.Context, f request.Fields) (request.FieldsCheck, error) {
	in := request.FieldsCheck{Now: t.now}
	var err error
	if in.Lists, in.Staff, err = t.ruleLookups(ctx); err != nil {
		return in, err
	}
	if f.CustomerID != "" {
		if err := t.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?)`,
			f.CustomerID).Scan(&in.CustomerFound); err != nil {
			return in, err
		}
	}
	if f.ContactID != "" {
		err := t.QueryRowContext(ctx, `SELECT customer_id FROM contacts WHERE id = ?`, f.ContactID).Scan(&in.ContactCustomer)
		if err != nil && err != sql.ErrNoRows {
			return in, err
		}
		in.ContactFound = err == nil
	}
	return in, nil
}

// NextNumber hands out the next request number of the configured pattern
// for a request received at t.
func (t *Tx) NextNumber(ctx context.Context, at time.Time) (string, error) {
	return t.s.nextNumber(ctx, t, at)
}

// InsertRequest adds a new request (its id, number, status, fields and
// path as r gives them, created now), indexes it for the search and makes
// its clocks; it returns the request as stored.
func (t *Tx) InsertRequest(ctx context.Context, r request.Request) (request.Request, error) {
	res, err := t.ExecContext(ctx, insertRequestSQL, t.s.insertRequestArgs(r.ID, r.Number, r.Status, r.State.Path, r.Fields, t.s.ts(t.now))...)
	if err != nil {
		return request.Request{}, err
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return request.Request{}, err
	}
	out, _, err := t.s.request(ctx, t, r.ID)
	if err != nil {
		return out, err
	}
	if err := t.s.index(ctx, t, seq, out, false); err != nil {
		return out, err
	}
	return out, t.s.deriveRequest(ctx, t, out, seq, true)
}

// SaveFields saves a request's fields, re-indexes it for the search and
// refreshes its clocks; version is the one the change was decided on, a
// request changed since is refused as stale. It returns the request as
// stored.
func (t *Tx) SaveFields(ctx context.Context, r request.Request, version int64) (request.Request, error) {
	f := r.Fields
	res, err := t.ExecContext(ctx, `UPDATE requests SET customer_id = ?, contact_id = ?, contact_name = ?,
		contact_info = ?, channel = ?, type = ?, category = ?, urgency = ?, impact_scope = ?, title = ?, description = ?,
		background = ?, expected_outcome = ?, time_requirement = ?, scene = ?, product = ?, received_at = ?,
		received_by = ?, owner = ?, department = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		f.CustomerID, nullable(f.ContactID), f.ContactName, f.ContactInfo, f.Channel, f.Type, f.Category, f.Urgency,
		f.ImpactScope, f.Title, f.Description, f.Background, f.ExpectedOutcome, f.TimeRequirement, f.Scene, f.Product,
		t.s.ts(f.ReceivedAt), f.ReceivedBy, f.Owner, f.Department, t.s.ts(t.now), r.ID, version)
	if err != nil {
		return request.Request{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = stale("request")
		}
		return request.Request{}, err
	}
	out, seq, err := t.s.request(ctx, t, r.ID)
	if err != nil {
		return out, err
	}
	if err := t.s.index(ctx, t, seq, out, true); err != nil {
		return out, err
	}
	return out, t.s.deriveRequest(ctx, t, out, seq, false)
}

// insertRequestSQL adds a request; insertRequestArgs gives its arguments.
const insertRequestSQL = `INSERT INTO requests (id, number, status, customer_id, contact_id, contact_name,
	contact_info, channel, type, category, urgency, impact_scope, title, description, background, expected_outcome,
	time_requirement, scene, product, received_at, received_by, owner, department, path, created_at, updated_at, version)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`

func (s *Store) insertRequestArgs(id, number string, status request.Status, path request.Path, f request.Fields, now string) []any {
	return []any{id, number, status, f.CustomerID, nullable(f.ContactID), f.ContactName, f.ContactInfo,
		f.Channel, f.Type, f.Category, f.Urgency, f.ImpactScope, f.Title, f.Description, f.Background, f.ExpectedOutcome,
		f.TimeRequirement, f.Scene, f.Product, s.ts(f.ReceivedAt), f.ReceivedBy, f.Owner, f.Department, path, now, now}
}

// nextNumber hands out the next request number for a request received at t.
// A number already taken (say, by an import) is skipped.
func (s *Store) nextNumber(ctx context.Context, tx *Tx, t time.Time) (string, error) {
	n, err := s.newNumberer(ctx, tx, nil)
	if err != nil {
		return "", err
	}
	return n.next(ctx, tx, t)
}

// numberer hands out request numbers under the configured pattern; an import
// keeps one for the whole batch. reserved are numbers the batch itself will
// use, skipped like those already taken.
type numberer struct {
	pattern  request.NumberPattern
	device   string
	zone     *time.Location // the company's: a number's year and month are its
	reserved map[string]bool
	bump     *sql.Stmt // prepared when numbering many
	taken    *sql.Stmt
}

func (s *Store) newNumberer(ctx context.Context, tx *Tx, reserved map[string]bool) (*numberer, error) {
	// The two settings a number needs, not every setting: every new
	// request asks.
	var st settings.Settings
	keys := map[string]*string{"numberPattern": &st.NumberPattern, "deviceCode": &st.DeviceCode}
	if err := eachRow(ctx, tx, `SELECT key, value FROM settings WHERE key IN ('numberPattern', 'deviceCode')`, nil,
		func(sc *sql.Rows) error {
			var k, v string
			if err := sc.Scan(&k, &v); err != nil {
				return err
			}
			*keys[k] = v
			return nil
		}); err != nil {
		return nil, err
	}
	p, err := request.ParseNumberPattern(st.NumberPattern, st.DeviceCode)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "number_pattern_invalid", apperr.P{"pattern": st.NumberPattern})
	}
	zone, err := tx.Zone(ctx)
	if err != nil {
		return nil, err
	}
	return &numberer{pattern: p, device: st.DeviceCode, zone: zone, reserved: reserved}, nil
}

const (
	bumpSequenceSQL = `INSERT INTO number_sequences (key, last) VALUES (?, 1)
		ON CONFLICT (key) DO UPDATE SET last = last + 1 RETURNING last`
	numberTakenSQL = `SELECT count(*) FROM requests WHERE number = ?`
)

// prepare readies the numberer's statements for a batch; close frees them.
func (n *numberer) prepare(ctx context.Context, tx *Tx) error {
	var err error
	if n.bump, err = tx.PrepareContext(ctx, bumpSequenceSQL); err != nil {
		return err
	}
	n.taken, err = tx.PrepareContext(ctx, numberTakenSQL)
	return err
}

func (n *numberer) close() {
	for _, st := range []*sql.Stmt{n.bump, n.taken} {
		if st != nil {
			st.Close()
		}
	}
}

func (n *numberer) next(ctx context.Context, tx *Tx, t time.Time) (string, error) {
	row := func(st *sql.Stmt, query string, args ...any) *sql.Row {
		if st != nil {
			return st.QueryRowContext(ctx, args...)
		}
		return tx.QueryRowContext(ctx, query, args...)
	}
	if len(tx.numbers) > 0 {
		number := tx.numbers[0]
		var taken int
		if err := row(n.taken, numberTakenSQL, number).Scan(&taken); err != nil {
			return "", err
		}
		if taken > 0 {
			return "", apperr.New(apperr.Conflict, "sync_number_taken", apperr.P{"number": number})
		}
		tx.numbers = tx.numbers[1:]
		tx.handed = append(tx.handed, number)
		return number, nil
	}
	t = t.In(n.zone)
	key := n.pattern.Key(n.device, t)
	for range 1000 {
		var seq int64
		if err := row(n.bump, bumpSequenceSQL, key).Scan(&seq); err != nil {
			return "", err
		}
		number := n.pattern.Format(n.device, t, seq)
		if n.reserved[number] {
			continue
		}
		var taken int
		if err := row(n.taken, numberTakenSQL, number).Scan(&taken); err != nil {
			return "", err
		}
		if taken == 0 {
			tx.handed = append(tx.handed, number)
			return number, nil
		}
	}
	return "", fmt.Errorf("no free request number for key %q", key)
}

// index writes the request's search text under its seq.
func (s *Store) index(ctx context.Context, tx *Tx, seq int64, r request.Request, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM request_fts WHERE rowid = ?`, seq); err != nil {
			return err
		}
	}
	doc := indexDoc(r)
	_, err := tx.ExecContext(ctx, `INSERT INTO request_fts (rowid, bi, uni) VALUES (?, ?, ?)`, seq, doc.Bigrams, doc.Unigrams)
	return err
}

// indexDoc is the search text of a request.
func indexDoc(r request.Request) search.Doc {
	return search.Join(search.Index(r.Number), textsDoc(r.Fields, r.CustomerName))
}

// textsDoc is indexDoc without the number, which an import cuts while the
// numbers are given (applyCreates).
func textsDoc(f request.Fields, customerName string) search.Doc {
	return search.Index(searchTexts(f, customerName)...)
}

// searchTexts are the texts of a request the search finds it by, besides
// its number: brief and detailed description, customer, contact name and
// phone (also as its digits alone).
func searchTexts(f request.Fields, customerName string) []string {
	return []string{f.Title, f.Description, customerName, f.ContactName, f.ContactInfo, search.PhoneDigits(f.ContactInfo)}
}

// searchIndexVersion is the cut of the search text indexDoc makes; a
// database whose index holds an older one is indexed again on opening.
// 2: contact name and phone. 3: a run's last character instead of every
// character (0038).
const searchIndexVersion = 3

// refreshSearchIndex indexes every request again when the database's index
// was cut by an older version of indexDoc, in one transaction.
func (s *Store) refreshSearchIndex(ctx context.Context) error {
	var v int
	if err := s.write.QueryRowContext(ctx, `SELECT version FROM search_index WHERE id = 1`).Scan(&v); err != nil {
		return err
	}
	if v >= searchIndexVersion {
		return nil
	}
	return s.tx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_fts (request_fts) VALUES ('delete-all')`); err != nil {
			return err
		}
		return indexAll(ctx, tx)
	})
}

// indexAll writes the search text of every request into an empty index and
// notes the version of the cut.
func indexAll(ctx context.Context, tx *Tx) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO request_fts (rowid, bi, uni) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	type text struct {
		seq              int64
		number, customer string
		f                request.Fields
		doc              search.Doc
	}
	// The texts are cut on a goroutine of their own while the connection
	// reads the next batch and writes the one before (pipeline).
	last := int64(-1)
	err = pipeline(func() (*[]text, error) {
		rows, err := tx.QueryContext(ctx, `SELECT r.seq, r.number, c.name, r.title, r.description, r.contact_name, r.contact_info
			FROM requests r JOIN customers c ON c.id = r.customer_id WHERE r.seq > ? ORDER BY r.seq LIMIT 1000`, last)
		if err != nil {
			return nil, err
		}
		var batch []text
		for rows.Next() {
			var t text
			if err := rows.Scan(&t.seq, &t.number, &t.customer, &t.f.Title, &t.f.Description, &t.f.ContactName, &t.f.ContactInfo); err != nil {
				rows.Close()
				return nil, err
			}
			batch = append(batch, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(batch) == 0 {
			return nil, err
		}
		last = batch[len(batch)-1].seq
		return &batch, nil
	}, func(batch *[]text) error {
		for i := range *batch {
			t := &(*batch)[i]
			t.doc = search.Index(append([]string{t.number}, searchTexts(t.f, t.customer)...)...)
		}
		return nil
	}, func(batch *[]text) error {
		for _, t := range *batch {
			if _, err := ins.ExecContext(ctx, t.seq, t.doc.Bigrams, t.doc.Unigrams); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// One segment, as the bulk load leaves it: smaller, and read at once.
	if _, err := tx.ExecContext(ctx, `INSERT INTO request_fts (request_fts) VALUES ('optimize')`); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE search_index SET version = ? WHERE id = 1`, searchIndexVersion)
	return err
}

func (s *Store) reindexCustomerRequests(ctx context.Context, tx *Tx, customerID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+requestColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
		WHERE r.customer_id = ?`, customerID)
	if err != nil {
		return err
	}
	type item struct {
		seq int64
		r   request.Request
	}
	var items []item
	for rows.Next() {
		r, seq, err := scanRequest(rows)
		if err != nil {
			rows.Close()
			return err
		}
		items = append(items, item{seq, r})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, it := range items {
		if err := s.index(ctx, tx, it.seq, it.r, true); err != nil {
			return err
		}
	}
	return nil
}

var sortColumns = map[string]string{
	request.SortReceivedAt: "r.received_at",
	request.SortNumber:     "r.number",
	request.SortUpdatedAt:  "r.updated_at",
	request.SortCustomer:   "c.name",
	request.SortUrgency:    "CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'important' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END",
}

// ListRequests returns the page of requests q selects and how many match.
// A search sorted by receipt reads its matches newest first and stops at
// the page (searchByReceipt); its total may then be a lower bound
// (request.Page.TotalExact) unless q.ExactTotal asks for the exact one.
func (s *Store) ListRequests(ctx context.Context, q request.Query) (request.Page, error) {
	return s.listRequests(ctx, q, true)
}

// listRequests is ListRequests; without walk, a search's page and total
// are always read by the exhaustive queries (which tests compare the walk
// and the counts with).
func (s *Store) listRequests(ctx context.Context, q request.Query, walk bool) (request.Page, error) {
	page := request.Page{Items: []request.Row{}, TotalExact: true}
	limit, offset := clampLimit(q.Limit, 50), max(q.Offset, 0)
	order, ok := sortColumns[q.Sort]
	if !ok {
		order = sortColumns[request.SortReceivedAt]
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	orderBy := order + dir + ", r.seq" + dir
	found := searchPage{plan: planSQL}
	if walk {
		var err error
		if found, err = s.searchByReceipt(ctx, q, offset, limit); err != nil {
			return page, err
		}
	}
	var keys string // the page's seqs, a list or a query
	var keyArgs []any
	if found.plan == planWalked {
		page.Total, page.TotalExact = found.total, found.exact
		if len(found.seqs) == 0 {
			return page, nil
		}
		keys = placeholders(len(found.seqs))
		for _, seq := range found.seqs {
			keyArgs = append(keyArgs, seq)
		}
	} else {
		where, args, err := s.requestFilter(ctx, q)
		if found.plan == planFilterFirst {
			fq := q
			fq.Search = ""
			where, args, err = s.requestFilter(ctx, fq)
			where, args = where+" AND "+ftsCondition(true), append(args, search.Match(q.Search))
		}
		if err != nil {
			return page, err
		}
		// The page's keys come first, from the narrowest query that can
		// order them (often an index alone), so a deep page does not read
		// every row it skips; only the page's rows are then joined and read
		// in full.
		join := ""
		if q.Sort == request.SortCustomer {
			join = " JOIN customers c ON c.id = r.customer_id"
		}
		keys = `SELECT r.seq FROM requests r` + join + ` WHERE ` + where + ` ORDER BY ` + orderBy + ` LIMIT ? OFFSET ?`
		keyArgs = append(args, limit, offset)
	}
	switch {
	case !walk: // the plain count, as tests' reference
		where, args, err := s.requestFilter(ctx, q)
		if err != nil {
			return page, err
		}
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM requests r WHERE `+where, args...).Scan(&page.Total); err != nil {
			return page, err
		}
	case q.ExactTotal || found.plan == planSQL:
		var err error
		if page.Total, err = s.countRequests(ctx, q); err != nil {
			return page, err
		}
		page.TotalExact = true
	}
	// A search's page shows where each hit is (request.SnippetOf), which
	// may be in the description: read with the row, not by a query of its
	// own (a rare word's page is little more than these reads).
	searching := search.Match(q.Search) != ""
	description := "''"
	if searching {
		description = "r.description"
	}
	rows, err := s.read.QueryContext(ctx, `SELECT r.id, r.number, r.customer_id, c.name, r.contact_name, r.contact_info,
		r.channel, r.type, r.urgency, r.title, r.received_at, r.received_by, r.status, r.owner, r.department, r.updated_at,
		`+description+`
		FROM requests r JOIN customers c ON c.id = r.customer_id
		WHERE r.seq IN (`+keys+`)
		ORDER BY `+orderBy, keyArgs...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		var w request.Row
		var received, updated, desc string
		if err := rows.Scan(&w.ID, &w.Number, &w.CustomerID, &w.CustomerName, &w.ContactName, &w.ContactInfo, &w.Channel,
			&w.Type, &w.Urgency, &w.Title, &received, &w.ReceivedBy, &w.Status, &w.Owner, &w.Department, &updated, &desc); err != nil {
			return page, err
		}
		w.ReceivedAt, w.UpdatedAt = parseTS(received), parseTS(updated)
		if searching {
			w.Snippet = request.SnippetOf(q.Search, w, desc)
		}
		page.Items = append(page.Items, w)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	if found.plan == planFilterFirst && !q.ExactTotal {
		// Not counted here either: the rows up to the page's end are a
		// lower bound, the exact total when the page is not full; a page
		// past the end says nothing, so that one is counted.
		page.Total, page.TotalExact = offset+len(page.Items), len(page.Items) < limit
		if len(page.Items) == 0 && offset > 0 {
			if page.Total, err = s.countRequests(ctx, q); err != nil {
				return page, err
			}
		}
	}
	ids := make([]string, len(page.Items))
	for i, w := range page.Items {
		ids[i] = w.ID
	}
	badges, err := s.pressing(ctx, ids)
	if err != nil {
		return page, err
	}
	for i := range page.Items {
		if b, ok := badges[page.Items[i].ID]; ok {
			page.Items[i].Clock = &b
		}
	}
	return page, nil
}

// requestFilter turns a query's filters, and its drill into the numbers of
// the dashboard, into a WHERE clause over requests r.
func (s *Store) requestFilter(ctx context.Context, q request.Query) (string, []any, error) {
	zone, err := s.Zone(ctx)
	if err != nil {
		return "", nil, err
	}
	where, args, err := requestFilter(q, zone)
	if err != nil || q.Drill == nil {
		return where, args, err
	}
	ids, err := s.drillIDs(ctx, *q.Drill)
	if err != nil {
		return "", nil, err
	}
	b, err := json.Marshal(ids)
	if err != nil {
		return "", nil, err
	}
	return where + " AND r.id IN (SELECT value FROM json_each(?))", append(args, string(b)), nil
}

// requestFilter turns a query's filters into a WHERE clause over requests r;
// its days are the company's, of zone.
func requestFilter(q request.Query, zone *time.Location) (string, []any, error) {
	conds, args := []string{"1=1"}, []any{}
	in := func(col string, values []string) {
		if len(values) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(values)), ",")+")")
		for _, v := range values {
			args = append(args, v)
		}
	}
	in("r.status", strs(q.Statuses))
	in("r.urgency", strs(q.Urgencies))
	in("r.type", q.Types)
	in("r.channel", q.Channels)
	if q.CustomerID != "" {
		conds, args = append(conds, "r.customer_id = ?"), append(args, q.CustomerID)
	}
	if q.Owner != "" {
		conds, args = append(conds, "r.owner = ?"), append(args, q.Owner)
	}
	if q.IDs != nil {
		b, err := json.Marshal(q.IDs)
		if err != nil {
			return "", nil, err
		}
		conds, args = append(conds, "r.id IN (SELECT value FROM json_each(?))"), append(args, string(b))
	}
	var fe apperr.Fields
	day := func(field, v string, addDays int) string {
		t, err := time.ParseInLocation("2006-01-02", v, zone)
		if err != nil {
			fe.Add(field, "date_invalid")
			return ""
		}
		return t.AddDate(0, 0, addDays).UTC().Format(timeLayout)
	}
	if q.ReceivedFrom != "" {
		conds, args = append(conds, "r.received_at >= ?"), append(args, day("receivedFrom", q.ReceivedFrom, 0))
	}
	if q.ReceivedTo != "" {
		conds, args = append(conds, "r.received_at < ?"), append(args, day("receivedTo", q.ReceivedTo, 1))
	}
	if m := search.Match(q.Search); m != "" {
		conds, args = append(conds, "r.seq IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?)"), append(args, m)
	}
	return strings.Join(conds, " AND "), args, fe.Err()
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
