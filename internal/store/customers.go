package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/reqdesk/reqdesk/internal/customer"
)

const customerColumns = `c.id, c.name, c.industry, c.address, c.notes,
	(SELECT count(*) FROM contacts k WHERE k.customer_id = c.id),
	(SELECT count(*) FROM requests r WHERE r.customer_id = c.id),
	` + openDuplicates + `,
	c.created_at, c.updated_at, c.version`

func scanCustomer(sc interface{ Scan(...any) error }) (customer.Customer, error) {
	var c customer.Customer
	var created, updated string
	err := sc.Scan(&c.ID, &c.Name, &c.Industry, &c.Address, &c.Notes, &c.ContactCount, &c.RequestCount, &c.Duplicates,
		&created, &updated, &c.Version)
	c.CreatedAt, c.UpdatedAt = parseTS(created), parseTS(updated)
	return c, err
}

const contactColumns = `id, customer_id, name, title, phone, email, created_at, updated_at, version`

func scanContact(sc interface{ Scan(...any) error }) (customer.Contact, error) {
	var c customer.Contact
	var created, updated string
	err := sc.Scan(&c.ID, &c.CustomerID, &c.Name, &c.Title, &c.Phone, &c.Email, &created, &updated, &c.Version)
	c.CreatedAt, c.UpdatedAt = parseTS(created), parseTS(updated)
	return c, err
}

// nameKey is the customer's name_key column (see customer.NameKey).
func nameKey(name string) string { return customer.NameKey(name) }

// ListCustomers returns a page of customers whose name, industry or contacts
// match q.Search, most recently changed first; customers merged into others
// are left out.
func (s *Store) ListCustomers(ctx context.Context, q customer.Query) (customer.Page, error) {
	where, args := notMerged, []any{}
	if term := strings.TrimSpace(q.Search); term != "" {
		like := "%" + escapeLike(term) + "%"
		where += ` AND (c.name LIKE ? ESCAPE '\' OR c.industry LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM contacts k
			WHERE k.customer_id = c.id AND (k.name LIKE ? ESCAPE '\' OR k.phone LIKE ? ESCAPE '\')))`
		args = append(args, like, like, like, like)
	}
	limit := clampLimit(q.Limit, 50)
	page := customer.Page{Items: []customer.Customer{}}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM customers c WHERE `+where, args...).Scan(&page.Total); err != nil {
		return page, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+customerColumns+` FROM customers c WHERE `+where+`
		ORDER BY c.updated_at DESC, c.id LIMIT ? OFFSET ?`, append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, c)
	}
	return page, rows.Err()
}

// Customer returns one customer with its contacts, the customers flagged as
// possibly the same and those merged into it. A customer merged away is
// returned as the one it was merged into, which now holds its contacts and
// requests.
func (s *Store) Customer(ctx context.Context, id string) (d customer.Detail, err error) {
	err = s.Read(ctx, func(tx *Tx) error {
		if id, err = tx.CustomerID(ctx, id); err != nil {
			return err
		}
		d, err = s.customerDetail(ctx, tx, id)
		return err
	})
	return d, err
}

func (s *Store) customer(ctx context.Context, q queryer, id string) (customer.Customer, error) {
	c, err := scanCustomer(q.QueryRowContext(ctx, `SELECT `+customerColumns+` FROM customers c WHERE c.id = ?`, id))
	if err == sql.ErrNoRows {
		return c, notFound("customer")
	}
	return c, err
}

func (s *Store) customerDetail(ctx context.Context, q queryer, id string) (customer.Detail, error) {
	c, err := s.customer(ctx, q, id)
	if err != nil {
		return customer.Detail{}, err
	}
	d := customer.Detail{Customer: c, Contacts: []customer.Contact{}}
	if d.Duplicates, err = s.duplicates(ctx, q, id); err != nil {
		return d, err
	}
	if d.MergedFrom, err = s.mergedFrom(ctx, q, id); err != nil {
		return d, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE customer_id = ? ORDER BY created_at, id`, id)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		k, err := scanContact(rows)
		if err != nil {
			return d, err
		}
		d.Contacts = append(d.Contacts, k)
	}
	return d, rows.Err()
}

// Customer loads a customer for a change.
func (t *Tx) Customer(ctx context.Context, id string) (customer.Customer, error) {
	return t.s.customer(ctx, t, id)
}

// CustomerDetail loads a customer with its contacts for a change.
func (t *Tx) CustomerDetail(ctx context.Context, id string) (customer.Detail, error) {
	return t.s.customerDetail(ctx, t, id)
}

// CustomerNamed finds a customer other than exceptID, not merged away,
// whose name has the key of name (customer.NameKey); only its id and name
// are loaded.
func (t *Tx) CustomerNamed(ctx context.Context, name, exceptID string) (customer.Customer, bool, error) {
	var c customer.Customer
	err := t.QueryRowContext(ctx, `SELECT c.id, c.name FROM customers c WHERE c.name_key = ? AND c.id <> ? AND `+notMerged+`
		ORDER BY c.created_at, c.id LIMIT 1`,
		nameKey(name), exceptID).Scan(&c.ID, &c.Name)
	if err == sql.ErrNoRows {
		return c, false, nil
	}
	return c, err == nil, err
}

// InsertCustomer stores a new customer with id.
func (t *Tx) InsertCustomer(ctx context.Context, id string, f customer.Fields) error {
	now := t.s.ts(t.Now())
	_, err := t.ExecContext(ctx, `INSERT INTO customers (id, name, name_key, industry, address, notes, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`, id, f.Name, nameKey(f.Name), f.Industry, f.Address, f.Notes, now, now)
	return err
}

// UpdateCustomer stores a customer's fields over the version read; a
// new name is reindexed into its requests' search text.
func (t *Tx) UpdateCustomer(ctx context.Context, id string, version int64, f customer.Fields) error {
	var old string
	if err := t.QueryRowContext(ctx, `SELECT name FROM customers WHERE id = ?`, id).Scan(&old); err == sql.ErrNoRows {
		return notFound("customer")
	} else if err != nil {
		return err
	}
	res, err := t.ExecContext(ctx, `UPDATE customers SET name = ?, name_key = ?, industry = ?, address = ?, notes = ?,
		updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		f.Name, nameKey(f.Name), f.Industry, f.Address, f.Notes, t.s.ts(t.Now()), id, version)
	if err := changedOne(res, err, "customer"); err != nil {
		return err
	}
	if old != f.Name {
		// The customer's name is part of its requests' search text.
		return t.s.reindexCustomerRequests(ctx, t, id)
	}
	return nil
}

// changedOne turns an update that changed no row into the stale error for
// thing: the version it was based on is no longer the stored one.
func changedOne(res sql.Result, err error, thing string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return stale(thing)
	}
	return nil
}

// Contact loads a contact for a change.
func (t *Tx) Contact(ctx context.Context, id string) (customer.Contact, error) {
	return t.s.contact(ctx, t, id)
}

// InsertContact stores a new contact with id of the customer customerID.
func (t *Tx) InsertContact(ctx context.Context, id, customerID string, f customer.ContactFields) error {
	now := t.s.ts(t.Now())
	_, err := t.ExecContext(ctx, `INSERT INTO contacts (id, customer_id, name, title, phone, email, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`, id, customerID, f.Name, f.Title, f.Phone, f.Email, now, now)
	return err
}

func (s *Store) contact(ctx context.Context, q queryer, id string) (customer.Contact, error) {
	k, err := scanContact(q.QueryRowContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return k, notFound("contact")
	}
	return k, err
}

// UpdateContact stores a contact's fields over the version read.
func (t *Tx) UpdateContact(ctx context.Context, id string, version int64, f customer.ContactFields) error {
	res, err := t.ExecContext(ctx, `UPDATE contacts SET name = ?, title = ?, phone = ?, email = ?, updated_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`, f.Name, f.Title, f.Phone, f.Email, t.s.ts(t.Now()), id, version)
	return changedOne(res, err, "contact")
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func clampLimit(limit, def int) int {
	switch {
	case limit <= 0:
		return def
	case limit > 500:
		return 500
	}
	return limit
}
