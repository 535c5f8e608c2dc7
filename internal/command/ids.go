package command

import (
	"crypto/sha256"
	"time"

	"github.com/google/uuid"
)

// idsPerCommand is how many ids a command can derive from its own id; a
// command that makes more (none does) gets fresh random ones beyond.
const idsPerCommand = 1 << 22

// IDs returns where the ids a command assigns come from: the n-th is made
// from the command's own id and n, so the command carried out again
// elsewhere (RunAt) gives its new rows the same ids. Each is a UUID version
// 7 that sorts as its row was made: the first eight bytes are the command
// id's (its time and the sequence that keeps one program's command ids
// increasing within a millisecond), then n, then bits of a hash of the
// command id that keep two devices' commands apart. A command id that is
// not a UUID version 7 stands at the time at.
func IDs(commandID string, at time.Time) func() string {
	h := sha256.Sum256([]byte(commandID))
	var prefix [8]byte
	if u, err := uuid.Parse(commandID); err == nil && u.Version() == 7 {
		copy(prefix[:], u[:8])
	} else {
		ms := uint64(at.UnixMilli())
		for i := 0; i < 6; i++ {
			prefix[i] = byte(ms >> (40 - 8*i))
		}
		prefix[6], prefix[7] = h[0], h[1]
	}
	n := uint32(0)
	return func() string {
		n++
		if n >= idsPerCommand {
			return uuid.Must(uuid.NewV7()).String()
		}
		var u uuid.UUID
		copy(u[:8], prefix[:])
		u[6] = 0x70 | u[6]&0x0f // version 7
		u[8] = 0x80 | byte(n>>16)&0x3f
		u[9], u[10] = byte(n>>8), byte(n)
		copy(u[11:], h[2:7])
		return u.String()
	}
}

// newCommandID returns a fresh command id: a UUID version 7, increasing
// within this program even within one millisecond.
func newCommandID() string { return uuid.Must(uuid.NewV7()).String() }
