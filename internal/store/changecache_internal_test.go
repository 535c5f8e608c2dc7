package store

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
)

// TestEncodedChangesFollowWrites: a pull answered from the change cache
// is what encoding the change log's rows afresh gives, after rows change,
// are deleted, and after the cache dropped entries to keep to its bound.
func TestEncodedChangesFollowWrites(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.write.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 6; i++ {
		exec(`INSERT INTO customers (id, name, name_key, created_at, updated_at)
			VALUES (?, ?, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
			fmt.Sprintf("c%d", i), fmt.Sprintf("客户%d", i), fmt.Sprintf("客户%d", i))
	}
	// same checks every pull, from every cursor and in pages of 2, against
	// the rows encoded afresh.
	same := func(step string) {
		t.Helper()
		for after := int64(0); after < 12; after++ {
			want, wnext, wmore, err := s.Changes(ctx, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			got, next, more, err := s.EncodedChanges(ctx, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			if next != wnext || more != wmore || len(got) != len(want) {
				t.Fatalf("%s, after %d: next %d more %v, %d changes; want %d %v %d", step, after, next, more, len(got), wnext, wmore, len(want))
			}
			for i, c := range want {
				w, _ := json.Marshal(c)
				if string(got[i]) != string(w) {
					t.Fatalf("%s, after %d: change %d is\n%s\nwant\n%s", step, after, i, got[i], w)
				}
			}
		}
	}
	same("first pulls")
	same("from the cache")
	exec(`UPDATE customers SET name = '华信科技' WHERE id = 'c2'`)
	exec(`DELETE FROM customers WHERE id = 'c4'`)
	same("after an update and a delete")
	var last json.RawMessage
	got, _, _, err := s.EncodedChanges(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	last = got[len(got)-1]
	var c Change
	if err := json.Unmarshal(last, &c); err != nil || c.ID != "c4" || c.Row != nil {
		t.Fatalf("the last change is %s (%v), want c4 gone", last, err)
	}
	s.changes.max = 200 // a row or two
	exec(`UPDATE customers SET name = '华信科技集团' WHERE id = 'c2'`)
	same("with a cache that keeps almost nothing")
	if s.changes.bytes > 200 {
		t.Fatalf("the cache holds %d bytes, bound 200", s.changes.bytes)
	}
}
