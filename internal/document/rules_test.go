package document_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/document"
)

func smallPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fieldKey is the key of err's error on field, "" when it has none.
func fieldKey(err error, field string) string {
	e, _ := apperr.As(err)
	if e == nil {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

func TestCheckAttachment(t *testing.T) {
	scan := smallPNG(t)
	pdfBytes := []byte("%PDF-1.4\n%%EOF\n")
	atLimit := append([]byte("%PDF-1.4\n"), make([]byte, document.MaxAttachment-9)...)
	tests := []struct {
		name     string
		in       document.AttachmentInput
		field    string // "" when accepted
		key      string
		wantName string
		wantMime string
	}{
		{"OKPNG", document.AttachmentInput{FileName: "确认函", Bytes: scan}, "", "", "确认函.png", "image/png"},
		{"OKPDFAtLimit", document.AttachmentInput{FileName: "big.pdf", Bytes: atLimit}, "", "", "big.pdf", "application/pdf"},
		{"OKPathStripped", document.AttachmentInput{FileName: `C:\扫描\签字页.pdf`, Mime: "application/pdf", Bytes: pdfBytes}, "", "",
			"签字页.pdf", "application/pdf"},
		{"ErrBlankName", document.AttachmentInput{FileName: "  ", Bytes: scan}, "fileName", "required", "", ""},
		{"ErrEmpty", document.AttachmentInput{FileName: "a.pdf"}, "bytes", "required", "", ""},
		{"ErrOneOverLimit", document.AttachmentInput{FileName: "big.pdf", Bytes: append(atLimit, 0)}, "bytes", "too_large", "", ""},
		{"ErrHTML", document.AttachmentInput{FileName: "a.png", Bytes: []byte("<html><script>alert(1)</script>")}, "bytes", "file_type", "", ""},
		{"ErrBrokenPNG", document.AttachmentInput{FileName: "a.png", Bytes: append(append([]byte(nil), scan[:16]...), make([]byte, 64)...)},
			"bytes", "image_invalid", "", ""},
		{"ErrMimeMismatch", document.AttachmentInput{FileName: "a.png", Mime: "image/jpeg", Bytes: scan}, "mime", "mismatch", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := document.CheckAttachment(tt.in)
			if tt.field != "" {
				if k := fieldKey(err, tt.field); k != tt.key {
					t.Fatalf("err = %v, want %s: %s", err, tt.field, tt.key)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.FileName != tt.wantName || got.Mime != tt.wantMime || len(got.Bytes) != len(tt.in.Bytes) {
				t.Fatalf("got %q %q, want %q %q", got.FileName, got.Mime, tt.wantName, tt.wantMime)
			}
		})
	}
}

func TestAttachmentName(t *testing.T) {
	tests := []struct {
		name, in, mime, want string
	}{
		{"Traversal", "../../etc/passwd", "image/png", "passwd.png"},
		{"OnlyDots", "..", "application/pdf", "扫描件.pdf"},
		{"WrongExtension", "合同.exe", "image/png", "合同.exe.png"},
		{"JPEGKept", "photo.jpeg", "image/jpeg", "photo.jpeg"},
		{"Long", strings.Repeat("签", 300) + ".png", "image/png", strings.Repeat("签", 58) + ".png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := document.AttachmentName(tt.in, tt.mime); got != tt.want {
				t.Errorf("AttachmentName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	letter, _ := document.Info(document.TypeAnalysisLetter)
	list, _ := document.Info(document.TypeRegistrationList)
	on := time.Date(2026, 3, 15, 10, 0, 0, 0, time.Local)
	tests := []struct {
		name   string
		info   document.TypeInfo
		number string
		v      int
		want   string
	}{
		{"Request", letter, "XR-2026-001", 2, "XR-2026-001-FX-V2"},
		{"List", list, "", 3, "DJL-20260315-V3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := document.Number(tt.info, tt.number, tt.v, on); got != tt.want {
				t.Errorf("Number = %q, want %q", got, tt.want)
			}
		})
	}
}
