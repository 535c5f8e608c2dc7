package store

import (
	"container/list"
	"context"
	"database/sql"
	"strings"
	"sync"
)

// stmtCache keeps statements prepared on the write connection, by their
// SQL, so that a write transaction does not parse the same statement anew
// on every call (a fifth of a single create's time went to SQLite's parser).
//
// A statement can only be prepared on the write connection while no
// transaction holds it (the pool has that one connection), so a write
// transaction runs what the cache lacks as before and notes it; once the
// transaction is over, the statements it ran twice or more across
// transactions are prepared for the next ones (see Store.Write). The
// least recently used statements beyond stmtCacheSize are closed: a
// statement built with a varying number of values (a multi-row insert's
// last rows) does not fill the cache for good.
type stmtCache struct {
	db *sql.DB

	mu     sync.Mutex
	byText map[string]*list.Element // of *cachedStmt
	order  *list.List               // most recently used first
	// seen are statements run once without a prepared one: a second run
	// prepares them, one-off statements (a migration) never are.
	seen map[string]bool
}

type cachedStmt struct {
	query string
	stmt  *sql.Stmt
}

// stmtCacheSize is how many prepared statements the write connection keeps.
const stmtCacheSize = 256

// stmtSeenMax bounds the statements noted as seen once; the note starts
// afresh beyond it.
const stmtSeenMax = 1024

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, byText: map[string]*list.Element{}, order: list.New(), seen: map[string]bool{}}
}

// get returns the prepared statement of query, nil when there is none.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byText[query]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedStmt).stmt
}

// missed notes that query ran without a prepared statement, and tells
// whether it should be prepared (its second time).
func (c *stmtCache) missed(query string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[query] {
		delete(c.seen, query)
		return true
	}
	if len(c.seen) >= stmtSeenMax {
		clear(c.seen)
	}
	c.seen[query] = true
	return false
}

// prepare prepares queries on the write connection, which no transaction
// may hold while it runs (nothing on a store without a cache: OpenExisting). A statement that does not prepare (one that named
// a table since dropped) is left to run unprepared.
func (c *stmtCache) prepare(ctx context.Context, queries []string) {
	if c == nil {
		return
	}
	for _, q := range queries {
		c.mu.Lock()
		_, ok := c.byText[q]
		c.mu.Unlock()
		if ok {
			continue
		}
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.byText[q]; ok {
			c.mu.Unlock()
			st.Close()
			continue
		}
		c.byText[q] = c.order.PushFront(&cachedStmt{query: q, stmt: st})
		var evicted []*sql.Stmt
		for c.order.Len() > stmtCacheSize {
			old := c.order.Remove(c.order.Back()).(*cachedStmt)
			delete(c.byText, old.query)
			evicted = append(evicted, old.stmt)
		}
		c.mu.Unlock()
		for _, st := range evicted {
			// A transaction still running it holds its own copy
			// (sql.Tx.StmtContext): database/sql closes the statement
			// once that is done.
			st.Close()
		}
	}
}

// close closes every prepared statement.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := c.order.Front(); e != nil; e = e.Next() {
		e.Value.(*cachedStmt).stmt.Close()
	}
	c.byText, c.order = map[string]*list.Element{}, list.New()
}

// stmt returns the transaction's copy of query's prepared statement, nil
// when there is none yet (a read transaction has none) or while rows it
// returned are still being read: one prepared statement steps through one
// result at a time, so the same query inside such a loop (a walk down a
// tree, say) runs unprepared.
func (t *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.cache == nil {
		return nil
	}
	if open := t.reading[query]; open != nil {
		if _, err := open.Columns(); err == nil { // not closed yet
			return nil
		}
		delete(t.reading, query)
	}
	if st, ok := t.stmts[query]; ok {
		return st
	}
	p := t.cache.get(query)
	if p == nil {
		if isPragma(query) {
			// SQLite reads many settings into a PRAGMA statement as it
			// is prepared (temp_store, say): it runs afresh each time.
			return nil
		}
		if t.cache.missed(query) {
			t.toPrepare = append(t.toPrepare, query)
		}
		return nil
	}
	st := t.Tx.StmtContext(ctx, p)
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st
}

// ExecContext runs a statement that returns no rows, prepared once for the
// write connection (see stmtCache).
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a query, prepared once for the write connection (see
// stmtCache).
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st := t.stmt(ctx, query)
	if st == nil {
		return t.Tx.QueryContext(ctx, query, args...)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err == nil {
		if t.reading == nil {
			t.reading = map[string]*sql.Rows{}
		}
		t.reading[query] = rows
	}
	return rows, err
}

// QueryRowContext runs a query of at most one row, prepared once for the
// write connection (see stmtCache). Its row is to be scanned before the
// same query runs again, as every caller does at once.
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// isPragma tells whether query is a PRAGMA statement.
func isPragma(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n")
	return len(q) >= 6 && strings.EqualFold(q[:6], "PRAGMA")
}
