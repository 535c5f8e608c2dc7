package store

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/clock"
)

// OpenAtVersion opens a database migrated only up to version, so tests can
// build fixtures of earlier schemas.
func OpenAtVersion(ctx context.Context, path string, clk clock.Clock, version int) (*Store, error) {
	return open(ctx, path, clk, version)
}

// Exec runs raw SQL on the write connection, for fixtures.
func (s *Store) Exec(ctx context.Context, query string, args ...any) error {
	_, err := s.write.ExecContext(ctx, query, args...)
	return err
}
