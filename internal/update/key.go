package update

import (
	"crypto/ed25519"
	_ "embed"
	"encoding/base64"
	"strings"

	"github.com/reqdesk/reqdesk/internal/release"
)

// releaseKey is the release's public key as base64 of its 32 bytes, set at
// build time by cmd/dist (`make dist`) from the private key that signs the
// release:
//
//	-ldflags "-X github.com/reqdesk/reqdesk/internal/update.releaseKey=BASE64"
//
// so a program always trusts the key its own release is signed with. When
// it is not set, the PEM public key committed as release.pub (written by
// `go run ./cmd/dist keygen -public internal/update/release.pub`) is used.
var releaseKey string

// committedKey is internal/update/release.pub: the team's release public
// key once it has one (comment lines only until then).
//
//go:embed release.pub
var committedKey []byte

// KeyLDFlag is the -X flag that builds pub into the program.
func KeyLDFlag(pub ed25519.PublicKey) string {
	return "-X github.com/reqdesk/reqdesk/internal/update.releaseKey=" + base64.StdEncoding.EncodeToString(pub)
}

// CommittedKey is the key of release.pub, or nil when none is committed.
func CommittedKey() ed25519.PublicKey {
	pub, err := release.ParsePublicKey(committedKey)
	if err != nil {
		return nil
	}
	return pub
}

// PublicKey is the release key built into this program, or nil for a
// build without one (which then cannot update itself).
func PublicKey() ed25519.PublicKey {
	if s := strings.TrimSpace(releaseKey); s != "" {
		b, err := base64.StdEncoding.DecodeString(s)
		if err == nil && len(b) == ed25519.PublicKeySize {
			return ed25519.PublicKey(b)
		}
		return nil // a damaged key trusts nothing
	}
	return CommittedKey()
}
