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
	bad := func(msg string, args ...any) (Logo, error) {
		return Logo{}, apperr.Errorf(apperr.Invalid, msg, args...)
	}
	if len(data) == 0 {
		return bad("请选择公司标志的图片文件（PNG 或 JPEG）")
	}
	if len(data) > MaxLogoBytes {
		return bad("公司标志图片不能超过 %d KB（所选文件 %d KB），请缩小后再上传", MaxLogoBytes>>10, (len(data)+1023)>>10)
	}
	mime := http.DetectContentType(data)
	if mime != "image/png" && mime != "image/jpeg" {
		return bad("公司标志只能是 PNG 或 JPEG 图片")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return bad("无法读取这张图片，文件可能已损坏")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide {
		return bad("公司标志图片为 %d×%d 像素，宽和高都不能超过 %d 像素", cfg.Width, cfg.Height, MaxLogoSide)
	}
	if format == "png" {
		_, err = png.Decode(bytes.NewReader(data))
	} else {
		_, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return bad("无法读取这张图片，文件可能已损坏")
	}
	sum := sha256.Sum256(data)
	return Logo{Mime: mime, Size: len(data), Width: cfg.Width, Height: cfg.Height, SHA256: hex.EncodeToString(sum[:])}, nil
}
