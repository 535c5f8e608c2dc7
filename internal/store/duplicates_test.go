package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestCustomersRebuilt: migration 0014 rebuilt customers without the unique
// name, and the foreign keys of contacts and requests still hold.
func TestCustomersRebuilt(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	twins := `INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES
		('a', '华信', '华信', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z'),
		('b', '华信', '华信', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z'),
		('c', '华信科技', '华信科技', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z')`
	if err := s.Exec(ctx, twins); err != nil {
		t.Fatalf("two customers of one name: %v", err)
	}
	err = s.Exec(ctx, `INSERT INTO contacts (id, customer_id, name, created_at, updated_at) VALUES
		('k', 'nobody', '张伟', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z')`)
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Fatalf("a contact of no customer: %v", err)
	}
	// CustomerID follows a chain of merges: a into b, b into c.
	if err := s.Exec(ctx, `INSERT INTO customer_merges (id, from_id, into_id, merged_at, merged_by, created_at, updated_at) VALUES
		('m1', 'a', 'b', 'x', '王强', 'x', 'x'), ('m2', 'b', 'c', 'x', '王强', 'x', 'x')`); err != nil {
		t.Fatal(err)
	}
	err = s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		for id, want := range map[string]string{"a": "c", "b": "c", "c": "c", "unknown": "unknown"} {
			if got, err := tx.CustomerID(ctx, id); err != nil || got != want {
				t.Errorf("CustomerID(%s) = %s, %v; want %s", id, got, err, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
