package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/reqdesk/reqdesk/internal/customer"
)

// Customers registered twice: the pairs flagged as possibly the same
// (customer_duplicates) and the customers merged into others
// (customer_merges), see migration 0014. The store only loads and saves;
// internal/customer decides what is possibly the same and what may merge.

// notMerged is the condition that customer c was not merged away.
const notMerged = `NOT EXISTS (SELECT 1 FROM customer_merges m WHERE m.from_id = c.id)`

// openDuplicates counts the open flags of customer c.
const openDuplicates = `(SELECT count(*) FROM customer_duplicates d
	WHERE (d.a_id = c.id OR d.b_id = c.id) AND d.status = 'open')`

// maxMergeChain bounds how many merges CustomerID follows: a chain longer
// than any team makes, or a loop a broken database might hold.
const maxMergeChain = 64

// CustomerID returns the customer that id stands for now: id itself, or,
// when it was merged into another, the customer it was merged into
// (followed through later merges). A command recorded before a merge and
// carried out after it so lands on the merged customer. An id that names no
// customer is returned as is, for the caller's own not-found check.
func (t *Tx) CustomerID(ctx context.Context, id string) (string, error) {
	cur := id
	for range maxMergeChain {
		var next string
		err := t.QueryRowContext(ctx, `SELECT into_id FROM customer_merges WHERE from_id = ?`, cur).Scan(&next)
		if err == sql.ErrNoRows {
			return cur, nil
		}
		if err != nil {
			return "", err
		}
		cur = next
	}
	return "", fmt.Errorf("customer %s: merges form a chain longer than %d", id, maxMergeChain)
}

// CustomerNames returns the id and name of every customer not merged away,
// except exceptID: what a new customer is compared with
// (customer.PossiblySame).
func (t *Tx) CustomerNames(ctx context.Context, exceptID string) ([]customer.Customer, error) {
	rows, err := t.QueryContext(ctx, `SELECT c.id, c.name FROM customers c WHERE c.id <> ? AND `+notMerged+` ORDER BY c.created_at, c.id`, exceptID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []customer.Customer
	for rows.Next() {
		var c customer.Customer
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// pair orders two customer ids as customer_duplicates keeps them.
func pair(a, b string) (string, string) {
	if b < a {
		return b, a
	}
	return a, b
}

// FlagDuplicate records that customers a and b are possibly the same. A
// pair already flagged keeps its state: one dismissed as 不是重复 is not
// flagged again. It reports whether a new flag was made.
func (t *Tx) FlagDuplicate(ctx context.Context, a, b string) (bool, error) {
	a, b = pair(a, b)
	now := t.s.ts(t.now)
	res, err := t.ExecContext(ctx, `INSERT INTO customer_duplicates (id, a_id, b_id, status, found_at, created_at, updated_at, version)
		VALUES (?, ?, ?, 'open', ?, ?, ?, 1) ON CONFLICT (a_id, b_id) DO NOTHING`, t.NewID(), a, b, now, now, now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DuplicateStatus returns the state of the flag on the pair a, b (open,
// dismissed, merged), "" when the pair was never flagged.
func (t *Tx) DuplicateStatus(ctx context.Context, a, b string) (string, error) {
	a, b = pair(a, b)
	var status string
	err := t.QueryRowContext(ctx, `SELECT status FROM customer_duplicates WHERE a_id = ? AND b_id = ?`, a, b).Scan(&status)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return status, err
}

// ResolveDuplicate sets the flag on the pair a, b to status (dismissed or
// merged), by the person named.
func (t *Tx) ResolveDuplicate(ctx context.Context, a, b, status, by string) error {
	a, b = pair(a, b)
	now := t.s.ts(t.now)
	_, err := t.ExecContext(ctx, `UPDATE customer_duplicates SET status = ?, resolved_at = ?, resolved_by = ?, updated_at = ?,
		version = version + 1 WHERE a_id = ? AND b_id = ?`, status, now, by, now, a, b)
	return err
}

// MoveCustomer carries out the merge of customer from into customer into:
// from's contacts and requests move to into (each a changed row), the
// requests' search text is cut again with into's name, from's open flags
// pass to into (one with into itself is settled as merged), and the merge is
// recorded. It returns how many contacts and requests moved.
func (t *Tx) MoveCustomer(ctx context.Context, from, into, by string) (contacts, requests int, err error) {
	now := t.s.ts(t.now)
	res, err := t.ExecContext(ctx, `UPDATE contacts SET customer_id = ?, updated_at = ?, version = version + 1 WHERE customer_id = ?`,
		into, now, from)
	if err != nil {
		return 0, 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, 0, err
	}
	contacts = int(n)
	if res, err = t.ExecContext(ctx, `UPDATE requests SET customer_id = ?, updated_at = ?, version = version + 1 WHERE customer_id = ?`,
		into, now, from); err != nil {
		return 0, 0, err
	}
	if n, err = res.RowsAffected(); err != nil {
		return 0, 0, err
	}
	requests = int(n)
	if requests > 0 {
		if err := t.s.reindexCustomerRequests(ctx, t, into); err != nil {
			return 0, 0, err
		}
	}
	// from's other flags become into's: whoever resembled from may be into.
	rows, err := t.QueryContext(ctx, `SELECT CASE WHEN a_id = ? THEN b_id ELSE a_id END FROM customer_duplicates
		WHERE (a_id = ? OR b_id = ?) AND status = 'open'`, from, from, from)
	if err != nil {
		return 0, 0, err
	}
	var others []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return 0, 0, err
		}
		others = append(others, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	for _, o := range others {
		if err := t.ResolveDuplicate(ctx, from, o, "merged", by); err != nil {
			return 0, 0, err
		}
		if o != into {
			if _, err := t.FlagDuplicate(ctx, into, o); err != nil {
				return 0, 0, err
			}
		}
	}
	_, err = t.ExecContext(ctx, `INSERT INTO customer_merges (id, from_id, into_id, merged_at, merged_by, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1)`, t.NewID(), from, into, now, by, now, now)
	return contacts, requests, err
}

// duplicates loads the open flags of customer id, each with the other
// customer.
func (s *Store) duplicates(ctx context.Context, q queryer, id string) ([]customer.Duplicate, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.found_at, `+customerColumns+` FROM customer_duplicates d
		JOIN customers c ON c.id = CASE WHEN d.a_id = ? THEN d.b_id ELSE d.a_id END
		WHERE (d.a_id = ? OR d.b_id = ?) AND d.status = 'open' ORDER BY d.found_at, c.name`, id, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []customer.Duplicate{}
	for rows.Next() {
		var d customer.Duplicate
		var found string
		c, err := scanCustomer(prefixScanner{rows, []any{&d.ID, &found}})
		if err != nil {
			return nil, err
		}
		d.Other, d.FoundAt = c, parseTS(found)
		out = append(out, d)
	}
	return out, rows.Err()
}

// mergedFrom loads the customers merged into id.
func (s *Store) mergedFrom(ctx context.Context, q queryer, id string) ([]customer.Merge, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.from_id, c.name, m.into_id, m.merged_at, m.merged_by FROM customer_merges m
		JOIN customers c ON c.id = m.from_id WHERE m.into_id = ? ORDER BY m.merged_at, m.from_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []customer.Merge{}
	for rows.Next() {
		var m customer.Merge
		var at string
		if err := rows.Scan(&m.FromID, &m.FromName, &m.IntoID, &at, &m.MergedBy); err != nil {
			return nil, err
		}
		m.MergedAt = parseTS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// prefixScanner scans a row whose first columns go to pre and the rest to
// the scanner's caller.
type prefixScanner struct {
	sc  interface{ Scan(...any) error }
	pre []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.sc.Scan(append(p.pre, dest...)...) }
