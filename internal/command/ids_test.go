package command_test

import (
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/command"
)

func TestIDs(t *testing.T) {
	at := time.Date(2024, 3, 15, 2, 0, 0, 0, time.UTC)

	t.Run("OKSameCommandSameIDs", func(t *testing.T) {
		a, b := command.IDs("cmd-1", at), command.IDs("cmd-1", at)
		other := command.IDs("cmd-2", at)
		seen := map[string]bool{}
		for i := 0; i < 1000; i++ {
			x, y, z := a(), b(), other()
			if x != y {
				t.Fatalf("id %d: %s and %s from one command id", i, x, y)
			}
			if x == z || seen[x] || seen[z] {
				t.Fatalf("id %d repeats: %s / %s", i, x, z)
			}
			seen[x], seen[z] = true, true
			u, err := uuid.Parse(x)
			if err != nil || u.Version() != 7 || u.Variant() != uuid.RFC4122 {
				t.Fatalf("id %s: %v, version %d", x, err, u.Version())
			}
			if sec, _ := u.Time().UnixTime(); sec != at.Unix() {
				t.Fatalf("id %s carries time %d, want %d", x, sec, at.Unix())
			}
		}
	})

	// Rows sort as they were made: within a command by n, and the ids of a
	// later command after an earlier one's, even in one millisecond and
	// whatever time the commands were given (a test's fixed clock).
	t.Run("OKSortAsMade", func(t *testing.T) {
		var made []string
		for c := 0; c < 50; c++ {
			ids := command.IDs(uuid.Must(uuid.NewV7()).String(), at)
			for i := 0; i < 5; i++ {
				made = append(made, ids())
			}
		}
		if !sort.StringsAreSorted(made) {
			t.Fatalf("ids do not sort as made: %v", made[:10])
		}
	})
}
