package settings_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/settings"
)

func picture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 0x80, 0xff})
		}
	}
	return img
}

func encode(t *testing.T, f func(*bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestValidateLogo(t *testing.T) {
	pngLogo := encode(t, func(b *bytes.Buffer) error { return png.Encode(b, picture(120, 40)) })
	jpegLogo := encode(t, func(b *bytes.Buffer) error { return jpeg.Encode(b, picture(90, 90), nil) })
	gifLogo := encode(t, func(b *bytes.Buffer) error { return gif.Encode(b, picture(20, 20), nil) })
	wide := encode(t, func(b *bytes.Buffer) error {
		return png.Encode(b, image.NewGray(image.Rect(0, 0, settings.MaxLogoSide+1, 10)))
	})
	// Noise does not compress: a PNG over the size limit.
	noisy := image.NewNRGBA(image.Rect(0, 0, 400, 400))
	rng := rand.New(rand.NewSource(1))
	rng.Read(noisy.Pix)
	big := encode(t, func(b *bytes.Buffer) error { return png.Encode(b, noisy) })
	if len(big) <= settings.MaxLogoBytes {
		t.Fatalf("noise PNG is %d bytes, want over the limit", len(big))
	}

	t.Run("OK", func(t *testing.T) {
		tests := []struct {
			name string
			data []byte
			want settings.Logo
		}{
			{"png", pngLogo, settings.Logo{Mime: "image/png", Size: len(pngLogo), Width: 120, Height: 40}},
			{"jpeg", jpegLogo, settings.Logo{Mime: "image/jpeg", Size: len(jpegLogo), Width: 90, Height: 90}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := settings.ValidateLogo(tt.data)
				if err != nil {
					t.Fatal(err)
				}
				if len(got.SHA256) != 64 {
					t.Fatalf("sha256 = %q", got.SHA256)
				}
				got.SHA256 = ""
				if got != tt.want {
					t.Fatalf("got %+v, want %+v", got, tt.want)
				}
			})
		}
	})

	tests := []struct {
		name string
		data []byte
		want string // part of the Chinese message
	}{
		{"ErrEmpty", nil, "请选择"},
		{"ErrGIF", gifLogo, "只能是 PNG 或 JPEG"},
		{"ErrTextNamedPNG", []byte("这不是图片，只是改了扩展名 .png"), "只能是 PNG 或 JPEG"},
		{"ErrSVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "只能是 PNG 或 JPEG"},
		{"ErrTruncatedPNG", pngLogo[:len(pngLogo)/2], "已损坏"},
		{"ErrTruncatedJPEG", jpegLogo[:len(jpegLogo)/2], "已损坏"},
		{"ErrTooLarge", big, "不能超过 512 KB"},
		{"ErrTooWide", wide, "不能超过 2000 像素"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := settings.ValidateLogo(tt.data)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid {
				t.Fatalf("err = %v, want an invalid error", err)
			}
			if !strings.Contains(e.Message, tt.want) {
				t.Fatalf("message %q does not say %q", e.Message, tt.want)
			}
		})
	}
}

func TestSameLogo(t *testing.T) {
	a, b := &settings.Logo{SHA256: "aa"}, &settings.Logo{SHA256: "bb"}
	tests := []struct {
		name          string
		before, after *settings.Logo
		want          bool
	}{
		{"BothNone", nil, nil, true},
		{"Same", a, &settings.Logo{SHA256: "aa"}, true},
		{"Other", a, b, false},
		{"Added", nil, a, false},
		{"Removed", a, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := settings.SameLogo(tt.before, tt.after); got != tt.want {
				t.Fatalf("SameLogo = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStoredLogo(t *testing.T) {
	if settings.StoredLogo(nil) != nil || settings.StoredLogo([]byte("not a picture")) != nil {
		t.Fatal("no logo or a bad one should describe as none")
	}
	data := encode(t, func(b *bytes.Buffer) error { return png.Encode(b, picture(20, 10)) })
	if l := settings.StoredLogo(data); l == nil || l.Width != 20 || l.Mime != "image/png" {
		t.Fatalf("StoredLogo = %+v", l)
	}
}
