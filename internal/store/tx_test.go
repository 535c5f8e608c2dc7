package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/store"
)

// TestWriteOneNow checks a write transaction gives every part of one change
// the same time and its own ids, and runs after-commit hooks only once the
// commit succeeded.
func TestWriteOneNow(t *testing.T) {
	s, clk, _ := openStore(t)
	ctx := context.Background()
	var seen []time.Time
	ran := 0
	err := s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		seen = append(seen, tx.Now())
		clk.Add(time.Hour) // the clock runs on; the transaction's time does not
		seen = append(seen, tx.Now())
		if a, b := tx.NewID(), tx.NewID(); a == b {
			t.Errorf("two ids alike: %s", a)
		}
		tx.AfterCommit(func() { ran++ })
		if ran != 0 {
			t.Error("after-commit hook ran before the commit")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !seen[0].Equal(seen[1]) || !seen[0].Equal(now) {
		t.Errorf("times %v, want both %v", seen, now)
	}
	if ran != 1 {
		t.Errorf("hook ran %d times, want 1", ran)
	}

	t.Run("ErrRollback", func(t *testing.T) {
		ran := 0
		boom := errors.New("boom")
		err := s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
			tx.AfterCommit(func() { ran++ })
			return boom
		})
		if !errors.Is(err, boom) || ran != 0 {
			t.Errorf("err %v, hook ran %d times; want boom and 0", err, ran)
		}
	})

	t.Run("GivenTimeAndIDs", func(t *testing.T) {
		at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		n := 0
		ids := func() string { n++; return "id-" + string(rune('0'+n)) }
		err := s.Write(ctx, store.WriteAt{Now: at, IDs: ids}, func(tx *store.Tx) error {
			if !tx.Now().Equal(at) {
				t.Errorf("now %v, want %v", tx.Now(), at)
			}
			if got := tx.NewID(); got != "id-1" {
				t.Errorf("id %q, want id-1", got)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestWriteBulk checks a bulk write keeps its statement journals in memory
// (temp_store 2) and gives the connection back as it was, for the writes
// after it, however the bulk one ends.
func TestWriteBulk(t *testing.T) {
	s, _, _ := openStore(t)
	ctx := context.Background()
	tempStore := func(tx *store.Tx) int {
		t.Helper()
		var v int
		if err := tx.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, fail := range []bool{false, true} {
		err := s.Write(ctx, store.WriteAt{Bulk: true}, func(tx *store.Tx) error {
			if got := tempStore(tx); got != 2 {
				t.Errorf("temp_store in a bulk write = %d, want 2 (memory)", got)
			}
			if fail {
				return errors.New("refused")
			}
			return nil
		})
		if (err != nil) != fail {
			t.Fatalf("bulk write: %v", err)
		}
		if err := s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
			if got := tempStore(tx); got != 0 {
				t.Errorf("temp_store after a bulk write = %d, want 0 (default)", got)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWritePreparedStatements checks the statements a write transaction
// runs again and again (prepared once for the write connection) give what
// they gave unprepared: the same query run inside the loop that reads its
// rows (a walk down a tree) gets rows of its own, and a PRAGMA tells the
// setting as it is now, in every round, once prepared too.
func TestWritePreparedStatements(t *testing.T) {
	s, _, _ := openStore(t)
	ctx := context.Background()
	const names = `SELECT name FROM people ORDER BY name`
	var want []string
	if err := s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		rows, err := tx.QueryContext(ctx, names)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			want = append(want, n)
		}
		return rows.Err()
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) < 2 {
		t.Fatalf("people: %v, want two or more", want)
	}
	for round := range 4 {
		err := s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
			rows, err := tx.QueryContext(ctx, names)
			if err != nil {
				return err
			}
			defer rows.Close()
			var outer []string
			for rows.Next() {
				var n string
				if err := rows.Scan(&n); err != nil {
					return err
				}
				outer = append(outer, n)
				inner, err := tx.QueryContext(ctx, names)
				if err != nil {
					return err
				}
				k := 0
				for inner.Next() {
					k++
				}
				inner.Close()
				if k != len(want) {
					t.Errorf("round %d: the same query inside the loop read %d names, want %d", round, k, len(want))
				}
			}
			if err := rows.Err(); err != nil {
				return err
			}
			if fmt.Sprint(outer) != fmt.Sprint(want) {
				t.Errorf("round %d: names %v, want %v", round, outer, want)
			}
			for _, v := range []int{1, 0} {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA recursive_triggers = %d`, v)); err != nil {
					return err
				}
				var got int
				if err := tx.QueryRowContext(ctx, `PRAGMA recursive_triggers`).Scan(&got); err != nil {
					return err
				}
				if got != v {
					t.Errorf("round %d: recursive_triggers %d, want %d", round, got, v)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
