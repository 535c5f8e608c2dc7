// Package command carries out every change to ReqDesk's data. A change is a
// command: a named value holding its arguments (CreateRequest, MoveRequest,
// SaveRecord …). Run carries one out in one write transaction of the store:
// the command reads what it needs through the store, asks the domain
// packages (internal/request, internal/sla, …) what is allowed and what
// changes, writes through the store and audits; the transaction commits
// only if all of that succeeded.
//
// A command's effect depends on nothing but its arguments, the data it
// reads, and the time and ids the transaction gives it (store.Tx.Now and
// NewID), so the same command recorded on one machine gives the same result
// replayed on another (RunAt). The bound structs in app/, the CLI, imports
// and the demo data change data only through commands.
package command

import (
	"context"
	"sync"

	"github.com/reqdesk/reqdesk/internal/store"
)

// A Command is one change with its arguments. Name is its stable name,
// e.g. "request.move", under which it is recorded; commands are defined in
// this package only.
type Command[R any] interface {
	Name() string
	run(ctx context.Context, tx *store.Tx) (R, error)
}

// Service runs commands against one store.
type Service struct {
	st *store.Store

	mu        sync.Mutex
	changed   []func(name string)
	recorders []func(*store.Tx, Recorded) error
}

// AfterChange registers fn to run after every command that committed, with
// the command's name: what follows a change without being part of it (the
// alerts watcher looks again at once; later, sync pushes).
func (s *Service) AfterChange(fn func(name string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed = append(s.changed, fn)
}

func (s *Service) listeners() []func(string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// New returns the service that changes st.
func New(st *store.Store) *Service { return &Service{st: st} }

// Store is the store the service changes, for reading.
func (s *Service) Store() *store.Store { return s.st }

// Run carries out c in one transaction at the store clock's time, with ids
// derived from a fresh command id (see IDs).
func Run[R any](ctx context.Context, s *Service, c Command[R]) (R, error) {
	now := s.st.Now()
	id := newCommandID()
	return RunAt(ctx, s, store.WriteAt{ID: id, Now: now, IDs: IDs(id, now)}, c)
}

// bulkCommand is a command that writes many rows at once (an import): its
// transaction is run as one (store.WriteAt.Bulk).
type bulkCommand interface{ bulk() }

// RunAt carries out c at the time and with the ids at gives: how a command
// recorded elsewhere is carried out again with the same result.
func RunAt[R any](ctx context.Context, s *Service, at store.WriteAt, c Command[R]) (R, error) {
	var out R
	if _, ok := c.(bulkCommand); ok {
		at.Bulk = true
	}
	err := s.st.Write(ctx, at, func(tx *store.Tx) error {
		var err error
		if b, ok := any(c).(baser); ok {
			based, err := b.withBase(ctx, tx)
			if err != nil {
				return err
			}
			c = based.(Command[R])
		}
		if out, err = c.run(ctx, tx); err != nil {
			return err
		}
		if err := s.record(tx, at, c); err != nil {
			return err
		}
		for _, fn := range s.listeners() {
			tx.AfterCommit(func() { fn(c.Name()) })
		}
		return nil
	})
	if err != nil {
		var zero R
		return zero, err
	}
	return out, nil
}

// Within carries out c inside a transaction another command opened, as part
// of that command (a customer's signature that confirms a step, say).
func Within[R any](ctx context.Context, tx *store.Tx, c Command[R]) (R, error) {
	return c.run(ctx, tx)
}
