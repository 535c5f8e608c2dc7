package store_test

import (
	"context"
	"database/sql"
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

// TestPart checks the parts of one transaction: each has its own time, a
// failed one is rolled back alone while the others commit with the
// transaction, and only the hooks of the parts that stayed run, after the
// commit.
func TestPart(t *testing.T) {
	s, _, path := openStore(t)
	ctx := context.Background()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	count := func() int {
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM settings WHERE key LIKE 'part-%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	put := func(tx *store.Tx, key string) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, '1', '')`, key)
		return err
	}
	var hooks []string
	at := now.Add(-time.Hour)
	err = s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		if err := tx.Part(ctx, store.WriteAt{Now: at}, func(p *store.Tx) error {
			if !p.Now().Equal(at) {
				t.Errorf("part's time %v, want %v", p.Now(), at)
			}
			p.AfterCommit(func() { hooks = append(hooks, "first") })
			return put(p, "part-1")
		}); err != nil {
			return err
		}
		failed := errors.New("refused")
		if err := tx.Part(ctx, store.WriteAt{}, func(p *store.Tx) error {
			p.AfterCommit(func() { hooks = append(hooks, "failed") })
			if err := put(p, "part-2"); err != nil {
				return err
			}
			return failed
		}); !errors.Is(err, failed) {
			t.Errorf("failed part: %v", err)
		}
		if err := tx.Part(ctx, store.WriteAt{}, func(p *store.Tx) error {
			// The failed part's row is gone: the same key again is no
			// conflict.
			return put(p, "part-2")
		}); err != nil {
			return err
		}
		if len(hooks) != 0 {
			t.Error("a hook ran before the commit")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Errorf("%d rows after the commit, want 2", n)
	}
	if len(hooks) != 1 || hooks[0] != "first" {
		t.Errorf("hooks %v, want [first]", hooks)
	}
}
