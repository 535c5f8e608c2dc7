package command

import (
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/google/uuid"
)

// IDs returns where the ids a command assigns come from: the n-th is made
// from the command's own id and n, so the command carried out again
// elsewhere (RunAt) gives its new rows the same ids. Each is shaped as a
// UUID version 7 of the command's time, so ids still sort by when they
// were made.
func IDs(commandID string, at time.Time) func() string {
	n := uint64(0)
	ms := uint64(at.UnixMilli())
	return func() string {
		n++
		var seed [8]byte
		binary.BigEndian.PutUint64(seed[:], n)
		h := sha256.Sum256(append([]byte(commandID+"\x00"), seed[:]...))
		var u uuid.UUID
		copy(u[6:], h[:10])
		u[0], u[1], u[2], u[3], u[4], u[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
		u[6] = 0x70 | u[6]&0x0f // version 7
		u[8] = 0x80 | u[8]&0x3f // RFC 4122 variant
		return u.String()
	}
}

// newCommandID returns a fresh id for a command made at t.
func newCommandID() string { return uuid.Must(uuid.NewV7()).String() }
