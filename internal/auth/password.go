package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Password limits, in characters. The upper bound keeps hashing cheap and
// is far beyond any pass phrase a person types.
const (
	MinPassword = 8
	MaxPassword = 128
)

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, one
// lane), about 30 ms a hash on a laptop. They are written into every hash,
// so raising them later leaves older hashes valid.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// hashSlots bounds how many hashes run at once, and with them the memory
// a burst of logins can take (19 MiB each).
var hashSlots = make(chan struct{}, 2)

// CheckPassword says what is wrong with a new password for the account
// named name, in a Chinese sentence, or returns nil.
func CheckPassword(name, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password) || strings.ContainsAny(password, "\x00\r\n"):
		return apperr.New(apperr.Invalid, "password_bad_chars", nil)
	case n < MinPassword:
		return apperr.New(apperr.Invalid, "password_too_short", apperr.P{"min": MinPassword})
	case n > MaxPassword:
		return apperr.New(apperr.Invalid, "password_too_long", apperr.P{"max": MaxPassword})
	case strings.EqualFold(strings.TrimSpace(password), NormalizeName(name)):
		return apperr.New(apperr.Invalid, "password_is_name", nil)
	}
	return nil
}

// HashPassword returns the argon2id hash of password in the PHC string
// format ($argon2id$v=19$m=…,t=…,p=…$salt$hash), with a fresh random salt.
func HashPassword(password string) string {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	key := derive(password, salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword reports whether password matches hash, comparing in
// constant time. A malformed hash matches nothing.
func VerifyPassword(hash, password string) bool {
	p, err := parseHash(hash)
	if err != nil {
		return false
	}
	key := derive(password, p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

func derive(password string, salt []byte, t, m uint32, threads uint8, keyLen uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(password), salt, t, m, threads, keyLen)
}

// CheckHash refuses what is not a password hash HashPassword made (within
// the bounds a login accepts).
func CheckHash(hash string) error {
	_, err := parseHash(hash)
	return err
}

type params struct {
	time, memory uint32
	threads      uint8
	salt, key    []byte
}

var errHash = errors.New("not an argon2id hash")

func parseHash(hash string) (params, error) {
	var p params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, errHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, errHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, errHash
	}
	// Bounds keep a tampered row from making a login take minutes or gigabytes.
	if p.time < 1 || p.time > 10 || p.memory < 8*1024 || p.memory > 256*1024 || p.threads < 1 || p.threads > 4 {
		return p, errHash
	}
	var err error
	b64 := base64.RawStdEncoding
	if p.salt, err = b64.DecodeString(parts[4]); err != nil || len(p.salt) < 8 {
		return p, errHash
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) < 16 || len(p.key) > 64 {
		return p, errHash
	}
	return p, nil
}
