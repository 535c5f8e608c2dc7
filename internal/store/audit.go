package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
)

// actor names the person acting: the one in ctx, else the local profile.
func (s *Store) actor(ctx context.Context, tx queryer) (string, error) {
	if a := audit.Actor(ctx); a != "system" {
		return a, nil
	}
	// On a laptop joined to a team, the person at the keyboard is the
	// account it joined with, not the free-text profile name.
	if joined, _, err := s.joinedAccount(ctx, tx); err != nil || joined != "" {
		return joined, err
	}
	var name string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'profileName'`).Scan(&name)
	if err == sql.ErrNoRows || name == "" {
		return "system", nil
	}
	return name, err
}

// Actor names the person acting (see actor), for what a read prints.
func (s *Store) Actor(ctx context.Context) (string, error) { return s.actor(ctx, s.read) }

// record writes one audit entry; before or after is nil for a create or delete.
func (s *Store) record(ctx context.Context, tx *Tx, entity, entityID, action string, before, after any) error {
	actor, err := s.actor(ctx, tx)
	if err != nil {
		return err
	}
	args, err := s.auditArgs(tx.NewID(), tx.Now(), actor, entity, entityID, action, before, after)
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO audit_log (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
		return fmt.Errorf("audit %s %s: %w", entity, action, err)
	}
	return nil
}

const auditColumns = `id, at, actor, entity, entity_id, action, before, after`

// auditArgs are the values of one audit entry, in auditColumns' order;
// imports write many of them at once.
func (s *Store) auditArgs(id string, at time.Time, actor, entity, entityID, action string, before, after any) ([]any, error) {
	enc := func(v any) (any, error) {
		if v == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return nil, err
	}
	a, err := enc(after)
	if err != nil {
		return nil, err
	}
	return []any{id, s.ts(at), actor, entity, entityID, action, b, a}, nil
}

// History returns the audit entries of one entity and, for a customer, of
// its contacts, oldest first.
func (s *Store) History(ctx context.Context, entityID string) ([]audit.Entry, error) {
	return s.history(ctx, s.read, entityID)
}

func (s *Store) history(ctx context.Context, q queryer, entityID string) ([]audit.Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, actor, entity, entity_id, action, coalesce(before, ''), coalesce(after, '')
		FROM audit_log WHERE entity_id = ?
		   OR entity_id IN (SELECT id FROM contacts WHERE customer_id = ?)
		ORDER BY seq`, entityID, entityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []audit.Entry{}
	for rows.Next() {
		var e audit.Entry
		var at, before, after string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Entity, &e.EntityID, &e.Action, &before, &after); err != nil {
			return nil, err
		}
		e.At = parseTS(at)
		e.Changes = audit.Diff([]byte(before), []byte(after))
		out = append(out, e)
	}
	return out, rows.Err()
}
