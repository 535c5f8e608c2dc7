package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
)

// TestGoStepInMigrationTransaction: a migration's Go step runs in the
// transaction of its SQL, so a step that fails leaves the database at the
// version before, its SQL undone too, and the next opening tries again.
func TestGoStepInMigrationTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	clk := clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC))
	s, err := OpenAtVersion(ctx, path, clk, 9)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	step := goSteps[10]
	t.Cleanup(func() { goSteps[10] = step })
	var ran bool
	goSteps[10] = func(ctx context.Context, tx *Tx) error {
		ran = true
		// The step sees what its SQL made.
		if _, err := tx.ExecContext(ctx, `SELECT owner, status, due FROM request_records`); err != nil {
			return err
		}
		return errors.New("step failed")
	}
	if s, err := Open(ctx, path, clk); err == nil {
		s.Close()
		t.Fatal("opened although the Go step of 0010 failed")
	}
	if !ran {
		t.Fatal("the Go step of 0010 did not run")
	}
	s, err = OpenAtVersion(ctx, path, clk, 9)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != 9 {
		t.Errorf("schema %d (%v) after the failed step, want 9", v, err)
	}
	if _, err := s.write.ExecContext(ctx, `SELECT owner FROM request_records`); err == nil {
		t.Error("the SQL of 0010 stayed although its Go step failed")
	}
	s.Close()

	goSteps[10] = step
	s, err = Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v != LatestSchema() {
		t.Errorf("schema %d (%v), want %d", v, err, LatestSchema())
	}
}
