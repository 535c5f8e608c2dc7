package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/customer"
)

const customerColumns = `c.id, c.name, c.industry, c.address, c.notes,
	(SELECT count(*) FROM contacts k WHERE k.customer_id = c.id),
	(SELECT count(*) FROM requests r WHERE r.customer_id = c.id),
	c.created_at, c.updated_at, c.version`

func scanCustomer(sc interface{ Scan(...any) error }) (customer.Customer, error) {
	var c customer.Customer
	var created, updated string
	err := sc.Scan(&c.ID, &c.Name, &c.Industry, &c.Address, &c.Notes, &c.ContactCount, &c.RequestCount, &created, &updated, &c.Version)
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

// nameKey is the form in which two customer names count as the same
// (customer.NameKey).
func nameKey(name string) string { return customer.NameKey(name) }

// duplicateCustomer names the customer that already has the name, so the
// form can offer to use it instead.
func duplicateCustomer(id, name string) error {
	e := apperr.New(apperr.Conflict, "customer_duplicate", apperr.P{"id": id, "name": name})
	e.Fields = []apperr.FieldError{{Field: "name", Key: "duplicate", Params: map[string]any{"id": id, "name": name}}}
	return e
}

// ListCustomers returns a page of customers whose name, industry or contacts
// match q.Search, most recently changed first.
func (s *Store) ListCustomers(ctx context.Context, q customer.Query) (customer.Page, error) {
	where, args := "1=1", []any{}
	if term := strings.TrimSpace(q.Search); term != "" {
		like := "%" + escapeLike(term) + "%"
		where = `(c.name LIKE ? ESCAPE '\' OR c.industry LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM contacts k
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

// Customer returns one customer with its contacts.
func (s *Store) Customer(ctx context.Context, id string) (customer.Detail, error) {
	return s.customerDetail(ctx, s.read, id)
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

// CreateCustomer registers a customer and its contacts.
func (s *Store) CreateCustomer(ctx context.Context, in customer.Input) (customer.Detail, error) {
	in, err := in.Validate()
	if err != nil {
		return customer.Detail{}, err
	}
	var d customer.Detail
	err = s.tx(ctx, func(tx *Tx) error {
		if err := s.checkCustomerName(ctx, tx, in.Fields.Name, ""); err != nil {
			return err
		}
		id, now := tx.NewID(), s.ts(tx.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO customers (id, name, name_key, industry, address, notes, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`, id, in.Fields.Name, nameKey(in.Fields.Name), in.Fields.Industry,
			in.Fields.Address, in.Fields.Notes, now, now); err != nil {
			return err
		}
		c, err := s.customer(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.record(ctx, tx, audit.EntityCustomer, id, audit.ActionCreate, nil, c); err != nil {
			return err
		}
		for _, k := range in.Contacts {
			if _, err := s.insertContact(ctx, tx, id, k); err != nil {
				return err
			}
		}
		d, err = s.customerDetail(ctx, tx, id)
		return err
	})
	return d, err
}

// checkCustomerName refuses a name another customer (not id) already has.
func (s *Store) checkCustomerName(ctx context.Context, tx *Tx, name, id string) error {
	var otherID, otherName string
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM customers WHERE name_key = ? AND id <> ? LIMIT 1`, nameKey(name), id).
		Scan(&otherID, &otherName)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return duplicateCustomer(otherID, otherName)
}

// UpdateCustomer changes a customer's fields; version must be the one read.
func (s *Store) UpdateCustomer(ctx context.Context, id string, version int64, f customer.Fields) (customer.Customer, error) {
	f = f.Normalize()
	var fe apperr.Fields
	f.Validate(&fe, "")
	if err := fe.Err(); err != nil {
		return customer.Customer{}, err
	}
	var c customer.Customer
	err := s.tx(ctx, func(tx *Tx) error {
		before, err := s.customer(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return stale("customer")
		}
		if err := s.checkCustomerName(ctx, tx, f.Name, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, name_key = ?, industry = ?, address = ?, notes = ?,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			f.Name, nameKey(f.Name), f.Industry, f.Address, f.Notes, s.ts(tx.Now()), id, version); err != nil {
			return err
		}
		if before.Name != f.Name {
			// The customer's name is part of its requests' search text.
			if err := s.reindexCustomerRequests(ctx, tx, id); err != nil {
				return err
			}
		}
		if c, err = s.customer(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityCustomer, id, audit.ActionUpdate, before, c)
	})
	return c, err
}

// AddContact adds a contact to a customer.
func (s *Store) AddContact(ctx context.Context, customerID string, f customer.ContactFields) (customer.Contact, error) {
	f = f.Normalize()
	var fe apperr.Fields
	f.Validate(&fe, "")
	if err := fe.Err(); err != nil {
		return customer.Contact{}, err
	}
	var k customer.Contact
	err := s.tx(ctx, func(tx *Tx) error {
		if _, err := s.customer(ctx, tx, customerID); err != nil {
			return err
		}
		var err error
		k, err = s.insertContact(ctx, tx, customerID, f)
		return err
	})
	return k, err
}

func (s *Store) insertContact(ctx context.Context, tx *Tx, customerID string, f customer.ContactFields) (customer.Contact, error) {
	id, now := tx.NewID(), s.ts(tx.Now())
	if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (id, customer_id, name, title, phone, email, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`, id, customerID, f.Name, f.Title, f.Phone, f.Email, now, now); err != nil {
		return customer.Contact{}, err
	}
	k, err := s.contact(ctx, tx, id)
	if err != nil {
		return k, err
	}
	return k, s.record(ctx, tx, audit.EntityContact, id, audit.ActionCreate, nil, k)
}

func (s *Store) contact(ctx context.Context, q queryer, id string) (customer.Contact, error) {
	k, err := scanContact(q.QueryRowContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return k, notFound("contact")
	}
	return k, err
}

// UpdateContact changes a contact; version must be the one read.
func (s *Store) UpdateContact(ctx context.Context, id string, version int64, f customer.ContactFields) (customer.Contact, error) {
	f = f.Normalize()
	var fe apperr.Fields
	f.Validate(&fe, "")
	if err := fe.Err(); err != nil {
		return customer.Contact{}, err
	}
	var k customer.Contact
	err := s.tx(ctx, func(tx *Tx) error {
		before, err := s.contact(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return stale("contact")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET name = ?, title = ?, phone = ?, email = ?, updated_at = ?,
			version = version + 1 WHERE id = ? AND version = ?`, f.Name, f.Title, f.Phone, f.Email, s.ts(tx.Now()), id, version); err != nil {
			return err
		}
		if k, err = s.contact(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityContact, id, audit.ActionUpdate, before, k)
	})
	return k, err
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
