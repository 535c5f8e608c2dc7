package settings

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// MaxLogoBytes bounds the company logo's file. Every document version keeps
// the logo in its stored source, so a large picture would be copied into
// each of them; a letterhead logo 9 mm high needs far less.
const MaxLogoBytes = 512 << 10

// MaxLogoSide bounds the logo's width and height in pixels, so that a small
// file cannot decode into a huge picture.
const MaxLogoSide = 2000

// Logo describes the stored company logo; its bytes travel separately.
type Logo struct {
	Mime   string `json:"mime"` // image/png or image/jpeg
	Size   int    `json:"size"` // bytes
	Width  int    `json:"width"`
	Height int    `json:"height"`
	SHA256 string `json:"sha256"`
}

// ValidateLogo checks that data is a PNG or JPEG picture the documents can
// print: the type is sniffed from the bytes, not taken from a file name,
// and the whole picture must decode.
func ValidateLogo(data []byte) (Logo, error) {
	bad := func(key string, params apperr.P) (Logo, error) {
		return Logo{}, apperr.New(apperr.Invalid, key, params)
	}
	if len(data) == 0 {
		return bad("logo_missing", nil)
	}
	if len(data) > MaxLogoBytes {
		return bad("logo_too_large", apperr.P{"max": MaxLogoBytes >> 10, "size": (len(data) + 1023) >> 10})
	}
	mime := http.DetectContentType(data)
	if mime != "image/png" && mime != "image/jpeg" {
		return bad("logo_not_image", nil)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return bad("logo_unreadable", nil)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide {
		return bad("logo_too_wide", apperr.P{"width": cfg.Width, "height": cfg.Height, "max": MaxLogoSide})
	}
	if format == "png" {
		_, err = png.Decode(bytes.NewReader(data))
	} else {
		_, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return bad("logo_unreadable", nil)
	}
	sum := sha256.Sum256(data)
	return Logo{Mime: mime, Size: len(data), Width: cfg.Width, Height: cfg.Height, SHA256: hex.EncodeToString(sum[:])}, nil
}

// StoredLogo describes a stored logo's bytes, nil when there are none. A
// stored logo passed ValidateLogo when it was stored; one that no longer
// does counts as none.
func StoredLogo(data []byte) *Logo {
	if data == nil {
		return nil
	}
	l, err := ValidateLogo(data)
	if err != nil {
		return nil
	}
	return &l
}

// SameLogo reports whether setting the logo after over before changes
// nothing: both none, or the same picture.
func SameLogo(before, after *Logo) bool {
	return before == nil && after == nil || before != nil && after != nil && before.SHA256 == after.SHA256
}
