package attachment_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/attachment"
)

// zipped makes a zip holding the named (empty) parts.
func zipped(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("<x/>"))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func fieldKey(err error, field string) string {
	var e *apperr.Error
	if !errors.As(err, &e) {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

func TestCheck(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name     string
		in       attachment.Input
		wantMime string
		wantName string
		wantKey  string // the bytes field's error key
	}{
		{"OKPNG", attachment.Input{FileName: "截图", Bytes: png}, "image/png", "截图.png", ""},
		{"OKJPEGKeepsItsExtension", attachment.Input{FileName: "现场.jpeg", Bytes: []byte("\xff\xd8\xff\xe0\x00\x10JFIF")}, "image/jpeg", "现场.jpeg", ""},
		{"OKGIF", attachment.Input{FileName: "a.gif", Bytes: []byte("GIF89a\x01\x00")}, "image/gif", "a.gif", ""},
		{"OKWebP", attachment.Input{FileName: "a.webp", Bytes: []byte("RIFF\x10\x00\x00\x00WEBPVP8 ")}, "image/webp", "a.webp", ""},
		{"OKPDF", attachment.Input{FileName: "合同.pdf", Bytes: []byte("%PDF-1.7\n")}, "application/pdf", "合同.pdf", ""},
		{"OKLog", attachment.Input{FileName: "error.log", Bytes: []byte("2026-12-04 12:00:01 ERROR 对接失败\n\tat x\n")}, "text/plain; charset=utf-8", "error.log", ""},
		{"OKTextUnderAnotherNameGetsTxt", attachment.Input{FileName: "run.sh", Bytes: []byte("echo hi\n")}, "text/plain; charset=utf-8", "run.sh.txt", ""},
		{"OKDocx", attachment.Input{FileName: "需求说明.docx", Bytes: zipped(t, "[Content_Types].xml", "word/document.xml")}, attachment.Types[6].Mime, "需求说明.docx", ""},
		{"OKXlsx", attachment.Input{FileName: "清单.xlsx", Bytes: zipped(t, "[Content_Types].xml", "xl/workbook.xml")}, attachment.Types[7].Mime, "清单.xlsx", ""},
		{"ErrRenamedExe", attachment.Input{FileName: "截图.png", Bytes: []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00")}, "", "", "attachment_executable"},
		{"ErrELF", attachment.Input{FileName: "log.txt", Bytes: []byte("\x7fELF\x02\x01\x01")}, "", "", "attachment_executable"},
		{"ErrScript", attachment.Input{FileName: "readme.txt", Bytes: []byte("#!/bin/sh\nrm -rf /\n")}, "", "", "attachment_executable"},
		{"ErrMachO", attachment.Input{FileName: "a.pdf", Bytes: []byte{0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1}}, "", "", "attachment_executable"},
		{"ErrZipWithProgram", attachment.Input{FileName: "a.docx", Bytes: zipped(t, "[Content_Types].xml", "word/document.xml", "setup.exe")}, "", "", "attachment_executable"},
		{"ErrPlainZip", attachment.Input{FileName: "a.docx", Bytes: zipped(t, "photos/1.jpg")}, "", "", "attachment_type"},
		{"ErrUnknownBinary", attachment.Input{FileName: "a.txt", Bytes: []byte{0x00, 0x01, 0x02, 0xfe, 0xff}}, "", "", "attachment_type"},
		{"ErrNotUTF8", attachment.Input{FileName: "a.txt", Bytes: []byte("\xb6\xd4\xbd\xd3 GBK")}, "", "", "attachment_type"},
		{"ErrEmpty", attachment.Input{FileName: "a.png"}, "", "", "required"},
		{"ErrTooLarge", attachment.Input{FileName: "a.txt", Bytes: bytes.Repeat([]byte("a"), attachment.MaxSize+1)}, "", "", "attachment_too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ, name, err := attachment.Check(tt.in)
			if got := fieldKey(err, "bytes"); got != tt.wantKey {
				t.Fatalf("bytes error = %q (%v), want %q", got, err, tt.wantKey)
			}
			if tt.wantKey != "" {
				return
			}
			if err != nil || typ.Mime != tt.wantMime || name != tt.wantName {
				t.Fatalf("Check = %q, %q, %v; want %q, %q", typ.Mime, name, err, tt.wantMime, tt.wantName)
			}
		})
	}
	t.Run("ErrNoteTwoLines", func(t *testing.T) {
		_, _, err := attachment.Check(attachment.Input{FileName: "a.pdf", Note: "一\n二", Bytes: []byte("%PDF-1.7")})
		if got := fieldKey(err, "note"); got != "single_line" {
			t.Fatalf("note error = %q", got)
		}
	})
}
