package command_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/command"
)

func TestIDs(t *testing.T) {
	at := time.Date(2024, 3, 15, 2, 0, 0, 0, time.UTC)
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
}
