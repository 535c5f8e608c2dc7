package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"sync"
)

// A team server answers every laptop's pull with the rows changed since
// its cursor, and two hundred laptops pull much the same rows: each change
// would be read and encoded once per laptop. The change cache keeps each
// change's JSON by its sequence, so that a row is read and encoded once.
//
// An entry never goes stale. The change log keeps one entry per row and
// moves it to a new sequence at every write of the row (the triggers delete
// the old entry and add one in the write's transaction, AUTOINCREMENT never
// hands out a number twice), so a reader that sees sequence n sees the row
// exactly as it was encoded at n. A database restored from a backup opens
// in a new process, with an empty cache; a snapshot adopted in place (a
// joining laptop) empties it.

// changeCacheBytes bounds the cache: the changes of a busy day's minutes,
// the span within which laptops' cursors lie.
const changeCacheBytes = 48 << 20

type changeCache struct {
	mu    sync.Mutex
	m     map[int64][]byte
	bytes int
	max   int
}

func (c *changeCache) get(seq int64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[seq]
	return b, ok
}

func (c *changeCache) put(seq int64, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64][]byte{}
	}
	if c.max == 0 {
		c.max = changeCacheBytes
	}
	if old, ok := c.m[seq]; ok {
		c.bytes -= len(old)
	}
	c.m[seq] = b
	c.bytes += len(b)
	if c.bytes > c.max {
		c.evict()
	}
}

// evict drops the oldest entries until the cache holds half its bound:
// cursors move forward, so the oldest changes are the ones laptops ask for
// least (a sort now and then, not a heap kept at every put).
func (c *changeCache) evict() {
	seqs := make([]int64, 0, len(c.m))
	for s := range c.m {
		seqs = append(seqs, s)
	}
	slices.Sort(seqs)
	for _, s := range seqs {
		if c.bytes <= c.max/2 {
			break
		}
		c.bytes -= len(c.m[s])
		delete(c.m, s)
	}
}

func (c *changeCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m, c.bytes = nil, 0
}

// EncodedChanges is Changes with each change as its JSON (the encoding of
// a Change): up to limit changes after the sequence after, read in one
// transaction; more tells whether others follow. Rows read or encoded
// before are taken from the change cache.
func (s *Store) EncodedChanges(ctx context.Context, after int64, limit int) (out []json.RawMessage, next int64, more bool, err error) {
	next = after
	err = s.Read(ctx, func(tx *Tx) error {
		var keys []Change
		if err := eachRow(ctx, tx, `SELECT seq, tbl, row_id FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?`,
			[]any{after, limit + 1}, func(sc *sql.Rows) error {
				var c Change
				if err := sc.Scan(&c.Seq, &c.Table, &c.ID); err != nil {
					return err
				}
				keys = append(keys, c)
				return nil
			}); err != nil {
			return err
		}
		if len(keys) > limit {
			keys, more = keys[:limit], true
		}
		out = make([]json.RawMessage, len(keys))
		var missing []Change
		var at []int
		for i, c := range keys {
			if b, ok := s.changes.get(c.Seq); ok {
				out[i] = b
				continue
			}
			missing = append(missing, c)
			at = append(at, i)
		}
		rows, err := s.syncRows(ctx, tx, missing)
		if err != nil {
			return err
		}
		for j, c := range missing {
			c.Row = rows[j]
			b, err := json.Marshal(c)
			if err != nil {
				return err
			}
			s.changes.put(c.Seq, b)
			out[at[j]] = b
		}
		if len(keys) > 0 {
			next = keys[len(keys)-1].Seq
		}
		return nil
	})
	return out, next, more, err
}
