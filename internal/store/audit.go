package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
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
	if _, err = tx.ExecContext(ctx, `INSERT INTO audit_log (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
		return fmt.Errorf("audit %s %s: %w", entity, action, err)
	}
	return nil
}

// auditColumns are the columns of an audit entry (0011): the entry's id as
// idKey stores it, its time in Unix milliseconds, and of the values before
// and after only what changed (audit.Encode), packed since 0016 when that
// makes it shorter (audit.Storable; History reads both forms).
const auditColumns = `id, at, actor, entity, entity_id, action, changes`

// auditWidth is the number of auditColumns.
const auditWidth = 7

// auditArgs are the values of one audit entry, in auditColumns' order;
// imports write many of them at once.
func (s *Store) auditArgs(id string, at time.Time, actor, entity, entityID, action string, before, after any) ([]any, error) {
	args, err := s.auditText(id, at, actor, entity, entityID, action, before, after)
	if err != nil {
		return nil, err
	}
	args[auditWidth-1] = audit.Storable(args[auditWidth-1].(string))
	return args, nil
}

// auditText is auditArgs with the changes as their text, to be packed
// (audit.Storable) before they are written.
func (s *Store) auditText(id string, at time.Time, actor, entity, entityID, action string, before, after any) ([]any, error) {
	changes, err := audit.Changes(before, after)
	if err != nil {
		return nil, err
	}
	return []any{idKey(id), millis(at), actor, entity, idKey(entityID), action, changes}, nil
}

// auditPacker packs the changes of audit entries (auditText's rows) on a
// goroutine of its own, in the order they were added.
type auditPacker struct {
	rows [][]any
	in   chan []any
	done chan struct{}
	once sync.Once
}

func newAuditPacker() *auditPacker {
	p := &auditPacker{in: make(chan []any, 256), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for args := range p.in {
			args[auditWidth-1] = audit.Storable(args[auditWidth-1].(string))
		}
	}()
	return p
}

// add hands a row over: it is not to be touched until wait.
func (p *auditPacker) add(args []any) {
	p.rows = append(p.rows, args)
	p.in <- args
}

// wait returns the rows added, packed; it may be called again.
func (p *auditPacker) wait() [][]any {
	p.once.Do(func() { close(p.in) })
	<-p.done
	return p.rows
}

// auditKeys are the values an entity's id may be stored as in audit_log's
// entity_id: its 16 bytes (idKey, since 0015) or its text (an id not in
// the canonical UUID form, or an entry a laptop of an older version
// shared), so a lookup finds both.
func auditKeys(entityID string) []any {
	return []any{idKey(entityID), entityID}
}

// History returns the audit entries of one entity and, for a customer, of
// its contacts, oldest first; a request's include those its transitions
// keep (see steps.go).
func (s *Store) History(ctx context.Context, entityID string) ([]audit.Entry, error) {
	return s.history(ctx, s.read, entityID, true)
}

func (s *Store) history(ctx context.Context, q queryer, entityID string, steps bool) ([]audit.Entry, error) {
	stored, err := s.auditEntries(ctx, q, entityID)
	if err != nil {
		return nil, err
	}
	var kept []placedEntry
	if steps {
		if kept, err = stepEntries(ctx, q, entityID); err != nil {
			return nil, err
		}
	}
	return withSteps(stored, kept), nil
}

// auditEntries reads the entries of the audit log History shows, in the
// order they were written, each with its place (2 × its seq).
func (s *Store) auditEntries(ctx context.Context, q queryer, entityID string) ([]placedEntry, error) {
	ids, err := queryIDs(ctx, q, `SELECT id FROM contacts WHERE customer_id = ?`, entityID)
	if err != nil {
		return nil, err
	}
	keys := auditKeys(entityID)
	for _, id := range ids {
		keys = append(keys, auditKeys(id)...)
	}
	rows, err := q.QueryContext(ctx, `SELECT seq, id, at, actor, entity, entity_id, action, changes
		FROM audit_log WHERE entity_id IN (`+placeholders(len(keys))+`) ORDER BY seq`, keys...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []placedEntry{}
	for rows.Next() {
		var e audit.Entry
		var seq int64
		var id, at, entity, stored any
		if err := rows.Scan(&seq, &id, &at, &e.Actor, &e.Entity, &entity, &e.Action, &stored); err != nil {
			return nil, err
		}
		e.ID, e.At, e.EntityID = idText(id), storedTime(at), idText(entity)
		// A damaged entry shows no changes, as a damaged copy did before
		// 0011, rather than keep the whole history from being read.
		if changes, err := audit.Stored(stored); err == nil {
			e.Changes, _ = audit.Decode(changes)
		}
		out = append(out, placedEntry{e, 2 * seq})
	}
	return out, rows.Err()
}
