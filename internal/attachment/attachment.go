// Package attachment holds the rules for files attached to a request
// (screenshots, logs, contracts, photos): which kinds are accepted, judged
// by their content and never by their name or the type a caller claims,
// and how large they may be. Executables and binaries of no known kind are
// refused, so a renamed program never reaches a colleague's screen.
package attachment

import (
	"archive/zip"
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/filename"
)

// MaxSize is the largest file accepted, in bytes (20 MB): the UI states it.
const MaxSize = 20 << 20

// MaxNote is the longest note on an attachment, in characters.
const MaxNote = 200

// Kind is what an accepted file is, which decides how it is previewed.
type Kind string

// The kinds of file accepted.
const (
	KindImage  Kind = "image"  // shown inline
	KindPDF    Kind = "pdf"    // shown in the PDF viewer
	KindText   Kind = "text"   // shown as text
	KindOffice Kind = "office" // downloaded
)

// Type is one accepted type of file.
type Type struct {
	Mime string   `json:"mime"`
	Kind Kind     `json:"kind"`
	Exts []string `json:"exts"` // the first is added to a name that ends in none
	Name string   `json:"name"` // as the UI names it
}

// Types lists the accepted types, in the order the UI names them.
var Types = []Type{
	{"image/png", KindImage, []string{".png"}, "PNG 图片"},
	{"image/jpeg", KindImage, []string{".jpg", ".jpeg"}, "JPEG 图片"},
	{"image/gif", KindImage, []string{".gif"}, "GIF 图片"},
	{"image/webp", KindImage, []string{".webp"}, "WebP 图片"},
	{"application/pdf", KindPDF, []string{".pdf"}, "PDF"},
	{"text/plain; charset=utf-8", KindText, []string{".txt", ".log", ".csv", ".md", ".json", ".xml", ".ini", ".yaml", ".yml"}, "纯文本（日志等，UTF-8）"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", KindOffice, []string{".docx"}, "Word 文档（.docx）"},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", KindOffice, []string{".xlsx"}, "Excel 表格（.xlsx）"},
}

// TypeOf returns the accepted type with the given MIME type.
func TypeOf(mime string) (Type, bool) {
	for _, t := range Types {
		if t.Mime == mime {
			return t, true
		}
	}
	return Type{}, false
}

// Attachment is a file attached to a request.
type Attachment struct {
	ID        string    `json:"id"`
	RequestID string    `json:"requestId"`
	FileName  string    `json:"fileName"`
	Mime      string    `json:"mime"`
	Kind      Kind      `json:"kind"`
	Size      int64     `json:"size"`
	SHA256    string    `json:"sha256"`
	Note      string    `json:"note"`
	AddedAt   time.Time `json:"addedAt"`
	AddedBy   string    `json:"addedBy"`
	Version   int64     `json:"version"`
}

// Input is a file to attach, as the UI sends it.
type Input struct {
	FileName string `json:"fileName"`
	Note     string `json:"note"`
	Bytes    []byte `json:"bytes"`
}

// Sniff judges data by its content: the accepted type it is, or the
// message key of why it is refused (attachment_executable for a program
// whatever its name, attachment_type for anything else not accepted).
func Sniff(data []byte) (Type, string) {
	switch {
	case isExecutable(data):
		return Type{}, "attachment_executable"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return Types[0], ""
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return Types[1], ""
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return Types[2], ""
	case len(data) >= 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return Types[3], ""
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return Types[4], ""
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffOffice(data)
	case isText(data):
		return Types[5], ""
	}
	return Type{}, "attachment_type"
}

// isExecutable reports a program: Windows (MZ), Linux (ELF), macOS
// (Mach-O, fat binaries), Java classes, or a script that names its
// interpreter (#!).
func isExecutable(data []byte) bool {
	for _, magic := range [][]byte{
		[]byte("MZ"), []byte("\x7fELF"), []byte("#!"),
		{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, {0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe},
		{0xca, 0xfe, 0xba, 0xbe},
	} {
		if bytes.HasPrefix(data, magic) {
			return true
		}
	}
	return false
}

// isText reports UTF-8 text without NULs or other control characters than
// tabs, line breaks, form feeds and escapes (logs keep colour codes).
func isText(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return false
	}
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			return false
		}
	}
	return true
}

// sniffOffice accepts a zip that is a Word or Excel document: it has
// [Content_Types].xml and the part of its kind. Any other zip (which could
// carry anything) is refused.
func sniffOffice(data []byte) (Type, string) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Type{}, "attachment_type"
	}
	has := map[string]bool{}
	for _, f := range z.File {
		has[f.Name] = true
		if strings.HasSuffix(strings.ToLower(f.Name), ".exe") || strings.HasSuffix(strings.ToLower(f.Name), ".dll") {
			return Type{}, "attachment_executable"
		}
	}
	switch {
	case !has["[Content_Types].xml"]:
	case has["word/document.xml"]:
		return Types[6], ""
	case has["xl/workbook.xml"]:
		return Types[7], ""
	}
	return Type{}, "attachment_type"
}

// AcceptedNames is the list of accepted types as the UI and errors state
// it.
func AcceptedNames() string {
	names := make([]string, len(Types))
	for i, t := range Types {
		names[i] = t.Name
	}
	return strings.Join(names, "、")
}

// Check validates a file to attach: a name, a note of at most MaxNote
// characters on one line, content of an accepted type and at most MaxSize.
// It returns the file's type and the name to keep (cleaned, ending in the
// type's extension).
func Check(in Input) (Type, string, error) {
	var fe apperr.Fields
	if strings.TrimSpace(in.FileName) == "" {
		fe.Add("fileName", "required")
	}
	if utf8.RuneCountInString(in.Note) > MaxNote {
		fe.AddParams("note", "too_long", map[string]any{"max": MaxNote})
	} else if strings.ContainsAny(in.Note, "\r\n") {
		fe.Add("note", "single_line")
	} else if !utf8.ValidString(in.Note) || strings.ContainsRune(in.Note, utf8.RuneError) {
		fe.Add("note", "invalid_text")
	}
	var t Type
	switch {
	case len(in.Bytes) == 0:
		fe.Add("bytes", "required")
	case len(in.Bytes) > MaxSize:
		fe.AddParams("bytes", "attachment_too_large", map[string]any{"max": MaxSize >> 20, "size": (len(in.Bytes) + 1<<20 - 1) >> 20})
	default:
		var why string
		if t, why = Sniff(in.Bytes); why != "" {
			fe.AddParams("bytes", why, map[string]any{"accepted": AcceptedNames()})
		}
	}
	if err := fe.Err(); err != nil {
		return t, "", err
	}
	name := filename.Clean(in.FileName)
	if name == "" {
		name = "附件"
	}
	return t, filename.WithExt(name, t.Exts...), nil
}
