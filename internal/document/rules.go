package document

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // scans of paper copies
	_ "image/png"  // scans of paper copies
	"net/http"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/filename"
)

// Limits on what documents accept.
const (
	// MaxSignaturePNG is the largest signature image accepted, in bytes.
	MaxSignaturePNG = 1 << 20
	// MaxAttachment is the largest scan or photo accepted, in bytes.
	MaxAttachment = 10 << 20
	// MaxListRows is the most requests one printed list holds.
	MaxListRows = 2000
	// MaxSignerName is the longest signer's name or position accepted.
	MaxSignerName = 50
)

// Number is the document number of version v of a document of type info:
// a request's documents are numbered after it (XR-2024-001-FX-V2); a
// printed list (requestNumber "") after its type and the day it was made,
// on (in the company's time zone), its version counting all lists.
func Number(info TypeInfo, requestNumber string, v int, on time.Time) string {
	if requestNumber == "" {
		return fmt.Sprintf("%s-%s-V%d", info.Code, on.Format("20060102"), v)
	}
	return fmt.Sprintf("%s-%s-V%d", requestNumber, info.Code, v)
}

// attachmentExts are the extensions a saved attachment of each type may
// have; the first is added to a name that has none of them.
var attachmentExts = map[string][]string{
	"image/png":       {".png"},
	"image/jpeg":      {".jpg", ".jpeg", ".jpe", ".jfif"},
	"application/pdf": {".pdf"},
}

// AttachmentName is the name an attachment is shown and saved under: the
// user's file name made safe (internal/filename), ending in its type's
// extension.
func AttachmentName(name, mime string) string {
	name = filename.Clean(name)
	if name == "" {
		name = "扫描件"
	}
	return filename.WithExt(name, attachmentExts[mime]...)
}

// CheckAttachment validates a scan or photo: a PNG, JPEG or PDF (judged by
// its content, never by its name or the type the caller claims), not empty
// and not too large. It returns the file as kept: its type the sniffed one
// and its name made safe by AttachmentName.
func CheckAttachment(in AttachmentInput) (AttachmentInput, error) {
	var fe apperr.Fields
	if strings.TrimSpace(in.FileName) == "" {
		fe.Add("fileName", "required")
	}
	sniffed := ""
	switch {
	case len(in.Bytes) == 0:
		fe.Add("bytes", "required")
	case len(in.Bytes) > MaxAttachment:
		fe.AddParams("bytes", "too_large", map[string]any{"max": MaxAttachment})
	default:
		sniffed = http.DetectContentType(in.Bytes)
		if _, ok := attachmentExts[sniffed]; !ok {
			fe.Add("bytes", "file_type")
		} else {
			if sniffed != "application/pdf" {
				if _, _, err := image.DecodeConfig(bytes.NewReader(in.Bytes)); err != nil {
					fe.Add("bytes", "image_invalid")
				}
			}
			if m := strings.TrimSpace(in.Mime); m != "" && m != sniffed {
				fe.Add("mime", "mismatch")
			}
		}
	}
	if err := fe.Err(); err != nil {
		return in, err
	}
	return AttachmentInput{FileName: AttachmentName(in.FileName, sniffed), Mime: sniffed, Bytes: in.Bytes}, nil
}
