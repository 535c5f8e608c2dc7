package store

import (
	"context"
	"time"

	"database/sql"
)

// Tx is one write transaction. Everything it writes carries the same time,
// Now, fixed when the transaction began, so the timestamps of one change
// agree; new rows take their ids from NewID; AfterCommit queues what must
// follow a commit and runs it only once the commit succeeded.
type Tx struct {
	*sql.Tx
	s      *Store
	now    time.Time
	ids    func() string
	replay bool
	after  []func()
	// numbers are the request numbers a recorded command assigned, handed
	// out again in order (WriteAt.Numbers); handed are those this
	// transaction handed out.
	numbers []string
	handed  []string
	// mark is the last change sequence before this transaction began
	// (internal/store/sync.go): the rows it changed come after it.
	mark int64

	// cache holds the write connection's prepared statements (nil in a
	// read transaction); stmts are this transaction's copies of those it
	// ran, reading the rows of queries still being read, toPrepare the
	// statements to prepare once it is over (see stmtCache).
	cache     *stmtCache
	stmts     map[string]*sql.Stmt
	reading   map[string]*sql.Rows
	toPrepare []string
}

// Now is the transaction's time.
func (t *Tx) Now() time.Time { return t.now }

// NewID returns an id for a new row.
func (t *Tx) NewID() string { return t.ids() }

// Replaying tells whether the transaction carries out a command recorded
// elsewhere (WriteAt.Replay), whose person is not at this screen: a rule
// that asks them to choose (a customer name taken, say) keeps both records
// and flags them instead.
func (t *Tx) Replaying() bool { return t.replay }

// Numbers returns the request numbers the transaction handed out, in
// order: a recorded command keeps them, so its replay elsewhere gives its
// requests the same numbers.
func (t *Tx) Numbers() []string { return append([]string(nil), t.handed...) }

// AfterCommit queues fn to run after the transaction commits; a rolled-back
// transaction drops it.
func (t *Tx) AfterCommit(fn func()) { t.after = append(t.after, fn) }

// WriteAt fixes what a write transaction is given besides the data: its
// time and where new ids come from. The zero value takes the store's clock
// and fresh ids; a command replayed elsewhere passes the ones it first had.
type WriteAt struct {
	// ID is the id of the command the transaction carries out, which a
	// recorded command keeps (internal/command); "" for none.
	ID  string
	Now time.Time
	IDs func() string
	// Bulk marks a transaction that writes many rows (an import): its
	// statement journals stay in memory. Each multi-row statement keeps
	// one; once one outgrows SQLite's 64 KB it goes to a temporary file,
	// and every statement after it wrote there (a third of an import's
	// time). It changes only speed.
	Bulk bool
	// Replay marks a command recorded on another machine and carried out
	// here again (team sync), see Tx.Replaying.
	Replay bool

	// Numbers are request numbers to hand out again, in order, instead of
	// the next ones of the pattern: those a recorded command assigned where
	// it was first carried out. One already taken is refused.
	Numbers []string
}

// Write runs fn in a write transaction, committing when it returns nil. The
// deferred rollback ends the transaction on every other path, a panic in fn
// included: left open, it would hold the only write connection and every
// later write would wait for it. After a commit, the hooks fn queued run in
// order.
func (s *Store) Write(ctx context.Context, at WriteAt, fn func(*Tx) error) error {
	if s.readOnly.Load() {
		return ErrReadOnly
	}
	if at.Now.IsZero() {
		at.Now = s.clock.Now()
	}
	if at.IDs == nil {
		at.IDs = newID
	}
	if at.Bulk {
		// Where statement journals go is fixed when the transaction
		// begins, and cannot change inside one.
		if _, err := s.write.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
			return err
		}
		defer s.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA temp_store = DEFAULT`)
	}
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &Tx{Tx: sqlTx, s: s, now: at.Now, ids: at.IDs, replay: at.Replay, numbers: at.Numbers, cache: s.stmts}
	defer func() {
		sqlTx.Rollback() // a no-op once committed
		// The connection is free again: prepare what the next
		// transactions will run again.
		s.stmts.prepare(context.WithoutCancel(ctx), tx.toPrepare)
	}()
	if err := s.markChanges(ctx, tx); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return err
	}
	for _, f := range tx.after {
		f()
	}
	return nil
}

// Part runs fn as a part of the transaction t, a savepoint, with the time,
// ids and request numbers of at (as Write gives a transaction of its
// own): a part that fails is rolled back alone, the rest of t stays, and
// the hooks it queued run after t commits. Many small changes (the
// commands of a team sync push) so share one commit and its flush to
// disk.
func (t *Tx) Part(ctx context.Context, at WriteAt, fn func(*Tx) error) error {
	if at.Now.IsZero() {
		at.Now = t.s.clock.Now()
	}
	if at.IDs == nil {
		at.IDs = newID
	}
	if _, err := t.ExecContext(ctx, `SAVEPOINT part`); err != nil {
		return err
	}
	part := &Tx{Tx: t.Tx, s: t.s, now: at.Now, ids: at.IDs, replay: at.Replay, numbers: at.Numbers}
	err := t.s.markChanges(ctx, part)
	if err == nil {
		err = fn(part)
	}
	if err != nil {
		// Back to where the part began; a transaction SQLite itself ended
		// (a full disk, say) fails here too, and its commit after.
		if _, rerr := t.ExecContext(context.WithoutCancel(ctx), `ROLLBACK TO part`); rerr == nil {
			_, _ = t.ExecContext(context.WithoutCancel(ctx), `RELEASE part`)
		}
		return err
	}
	if _, err := t.ExecContext(ctx, `RELEASE part`); err != nil {
		return err
	}
	t.after = append(t.after, part.after...)
	return nil
}

// tx runs fn in a write transaction at the clock's time (see Write).
func (s *Store) tx(ctx context.Context, fn func(*Tx) error) error {
	return s.Write(ctx, WriteAt{}, fn)
}

// Read runs fn in a read-only transaction on the reading connections, at
// the clock's time: what a dry run of a command sees. Anything fn tries to
// write fails, and nothing is committed; it works on a database opened
// read-only too.
func (s *Store) Read(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	return fn(&Tx{Tx: sqlTx, s: s, now: s.clock.Now(), ids: newID})
}
