package store

import (
	"cmp"
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
	// Only a request's creation goes through audit_keep; any other entry
	// is written as auditArgs packed it, without the function's call and
	// lookup on every command.
	q := `INSERT INTO audit_log (` + auditColumns + `) VALUES ` + auditValues
	if args[auditWidth] == nil {
		q, args = auditInsert, args[:auditWidth]
	}
	if _, err = tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("audit %s %s: %w", entity, action, err)
	}
	return nil
}

// auditColumns are the columns of an audit entry (0011): the entry's id as
// idKey stores it, its time in Unix milliseconds, and of the values before
// and after only what changed (audit.Encode), packed since 0016 when that
// makes it shorter (audit.Storable; History reads both forms), or since
// 0041 a request's creation referring to the request (auditrefs.go).
const auditColumns = `id, at, actor, entity, entity_id, action, changes`

// auditWidth is the number of auditColumns.
const auditWidth = 7

// auditInsert writes one audit entry of auditColumns' values as they are.
const auditInsert = `INSERT INTO audit_log (` + auditColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?)`

// auditArgs are the arguments of auditValues for one audit entry; imports
// and the bulk loader write many of them at once.
func (s *Store) auditArgs(id string, at time.Time, actor, entity, entityID, action string, before, after any) ([]any, error) {
	args, err := s.auditText(id, at, actor, entity, entityID, action, before, after)
	if err != nil {
		return nil, err
	}
	packAuditArgs(args)
	return args, nil
}

// auditText is auditArgs with the changes as their text, to be packed
// (packAuditArgs) before they are written.
func (s *Store) auditText(id string, at time.Time, actor, entity, entityID, action string, before, after any) ([]any, error) {
	changes, err := audit.Changes(before, after)
	if err != nil {
		return nil, err
	}
	args := auditRow(id, at, actor, entity, entityID, action)
	args[auditWidth-1] = changes
	return args, nil
}

// auditRow is auditText without the changes. A request's creation names
// its request last, for audit_keep to refer it to the request's values;
// its changes are given as their text, which audit_keep packs if nothing
// refers.
func auditRow(id string, at time.Time, actor, entity, entityID, action string) []any {
	var refersTo any
	if refersToRequest(entity, action) {
		refersTo = entityID
	}
	return []any{idKey(id), millis(at), actor, entity, idKey(entityID), action, nil, refersTo}
}

// packAuditArgs packs the changes of auditText's arguments, unless
// audit_keep is to refer them.
func packAuditArgs(args []any) {
	if args[auditWidth] == nil {
		args[auditWidth-1] = audit.Storable(args[auditWidth-1].(string))
	}
}

// auditPacker writes the changes of audit entries (auditRow's rows) on a
// goroutine of its own, in the order they were added: audit.Changes, then
// packed (packAuditArgs), or for a request's creation given its request's
// values (requestRefArgs) referred to them there rather than by audit_keep
// on the writing connection.
type auditPacker struct {
	rows [][]any
	in   chan auditJob
	done chan struct{}
	once sync.Once
	err  error
}

type auditJob struct {
	args          []any // auditRow's
	before, after any
	values        func() []string // a request's creation's: requestRefArgs
}

func newAuditPacker() *auditPacker {
	p := &auditPacker{in: make(chan auditJob, 256), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for job := range p.in {
			changes, err := audit.Changes(job.before, job.after)
			if err != nil {
				p.err = cmp.Or(p.err, err)
				continue
			}
			job.args[auditWidth-1] = changes
			if job.values != nil {
				if ref, ok := audit.Refer(changes, requestRefFields, job.values()); ok {
					// Kept as its text, which audit_full reads.
					job.args[auditWidth-1], job.args[auditWidth] = ref, nil
					continue
				}
			}
			packAuditArgs(job.args)
		}
	}()
	return p
}

// add hands an entry over (auditRow's args, the entity before and after),
// with what gives the values of its request when it is a request's
// creation (else nil): none of them is to be touched until wait.
func (p *auditPacker) add(args []any, before, after any, values func() []string) {
	p.rows = append(p.rows, args)
	p.in <- auditJob{args, before, after, values}
}

// wait returns the rows added, with their changes; it may be called again.
func (p *auditPacker) wait() ([][]any, error) {
	p.once.Do(func() { close(p.in) })
	<-p.done
	return p.rows, p.err
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
	rows, err := q.QueryContext(ctx, `SELECT seq, id, at, actor, entity, entity_id, action, `+auditChangesRead+`
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
