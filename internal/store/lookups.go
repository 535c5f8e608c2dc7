package store

import (
	"context"
	"sync"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// lookups keeps the word lists and the people as the request rules see
// them (request.FieldsCheck) between write transactions: reading both
// tables afresh was a fifth of registering a request.
//
// Whatever writes either table must reach the kept copy, whichever way it
// comes: a command, a sync pull or replay, a snapshot restored on joining
// a team, another program on the same file (reqdesk user add). So nothing
// forgets the copy by hand. Temporary triggers on the write connection set
// a random token in a temporary table on every row written to people or
// vocab_items, by any statement, and roll back with the transaction that
// wrote it; SQLite's data_version changes when another connection commits.
// The copy is used while both are what they were when it was read. When
// the temporary table is missing (a new connection, or PRAGMA temp_store
// dropped it for an import), the objects are made again and the copy is
// read again.
type lookups struct {
	mu    sync.Mutex
	valid bool
	mark  lookupMark
	lists vocab.Lists
	staff request.Staff
}

// lookupMark is where the lists and the people stood: the token the
// triggers set and the connection's data_version.
type lookupMark struct{ token, dataVersion int64 }

const (
	lookupMarkSQL = `SELECT m.token, v.data_version FROM temp.lookup_marks m, pragma_data_version v`
	// lookupTriggersSQL makes the temporary table and triggers; it is run
	// inside a write transaction, and undone with it if that rolls back.
	lookupTriggersSQL = `CREATE TEMP TABLE IF NOT EXISTS lookup_marks (token INTEGER NOT NULL);
INSERT INTO temp.lookup_marks (token) SELECT random() WHERE NOT EXISTS (SELECT 1 FROM temp.lookup_marks);
CREATE TEMP TRIGGER IF NOT EXISTS lookup_people_insert AFTER INSERT ON main.people BEGIN UPDATE lookup_marks SET token = random(); END;
CREATE TEMP TRIGGER IF NOT EXISTS lookup_people_update AFTER UPDATE ON main.people BEGIN UPDATE lookup_marks SET token = random(); END;
CREATE TEMP TRIGGER IF NOT EXISTS lookup_people_delete AFTER DELETE ON main.people BEGIN UPDATE lookup_marks SET token = random(); END;
CREATE TEMP TRIGGER IF NOT EXISTS lookup_vocab_insert AFTER INSERT ON main.vocab_items BEGIN UPDATE lookup_marks SET token = random(); END;
CREATE TEMP TRIGGER IF NOT EXISTS lookup_vocab_update AFTER UPDATE ON main.vocab_items BEGIN UPDATE lookup_marks SET token = random(); END;
CREATE TEMP TRIGGER IF NOT EXISTS lookup_vocab_delete AFTER DELETE ON main.vocab_items BEGIN UPDATE lookup_marks SET token = random(); END;`
)

// lookupMark reads where the lists and the people stand, making the
// temporary table and triggers first when the connection lacks them.
func (t *Tx) lookupMark(ctx context.Context) (lookupMark, error) {
	var m lookupMark
	if err := t.QueryRowContext(ctx, lookupMarkSQL).Scan(&m.token, &m.dataVersion); err == nil {
		return m, nil
	}
	if _, err := t.Tx.ExecContext(ctx, lookupTriggersSQL); err != nil {
		return m, err
	}
	err := t.Tx.QueryRowContext(ctx, lookupMarkSQL).Scan(&m.token, &m.dataVersion)
	return m, err
}

// ruleLookups returns the word lists and the people, from the kept copy
// while it is current. They are shared: read them, never change them. A
// read transaction (a dry run) reads them afresh.
func (t *Tx) ruleLookups(ctx context.Context) (vocab.Lists, request.Staff, error) {
	if t.cache == nil {
		lists, err := t.s.vocabularies(ctx, t)
		if err != nil {
			return lists, nil, err
		}
		staff, err := t.s.staff(ctx, t)
		return lists, staff, err
	}
	mark, err := t.lookupMark(ctx)
	if err != nil {
		return vocab.Lists{}, nil, err
	}
	k := &t.s.lookups
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.valid && k.mark == mark {
		return k.lists, k.staff, nil
	}
	k.valid = false
	lists, err := t.s.vocabularies(ctx, t)
	if err != nil {
		return lists, nil, err
	}
	staff, err := t.s.staff(ctx, t)
	if err != nil {
		return lists, nil, err
	}
	k.valid, k.mark, k.lists, k.staff = true, mark, lists, staff
	return lists, staff, nil
}
