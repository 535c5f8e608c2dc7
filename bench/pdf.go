package bench

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/store"
)

// FontPath is the embedded font's file in the source tree (internal/pdf
// embeds it; the floor reads the same bytes).
func FontPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "internal", "pdf", "fonts", "wqy-microhei.ttf"), nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("no go.mod above the working directory: run from the source tree")
		}
		dir = up
	}
}

// PDFOp generates a request's one-page registration form (客户需求登记表) as
// the app does (its data read from the store, typeset, registered as a new
// version); the floor is a bare gofpdf document of the same text (taken out
// of the generated PDF with pdftotext) in the same embedded font.
func PDFOp(ctx context.Context, st *store.Store, raw *sql.DB) (Op, error) {
	var id string
	if err := raw.QueryRowContext(ctx, `SELECT id FROM requests WHERE status = 'archived' ORDER BY seq LIMIT 1`).Scan(&id); err != nil {
		return Op{}, fmt.Errorf("an archived request: %w", err)
	}
	actx := audit.WithActor(ctx, "李娜")
	svc := command.New(st)
	generate := func() (document.Document, error) {
		return command.Run(actx, svc, command.GenerateDocument{RequestID: id, Type: document.TypeRegistration})
	}
	d, err := generate()
	if err != nil {
		return Op{}, err
	}
	if d.Pages != 1 {
		return Op{}, fmt.Errorf("the registration form has %d pages, want one", d.Pages)
	}
	data, err := st.DocumentPDF(ctx, d.ID)
	if err != nil {
		return Op{}, err
	}
	text, err := pdfText(data)
	if err != nil {
		return Op{}, err
	}
	fontPath, err := FontPath()
	if err != nil {
		return Op{}, err
	}
	font, err := os.ReadFile(fontPath)
	if err != nil {
		return Op{}, err
	}
	return Op{Name: "one-page document PDF (registration form: read, typeset, register)", Run: func() error {
		_, err := generate()
		return err
	}, Floor: func() error {
		_, err := BarePDF(font, text)
		return err
	}, Target: 100 * time.Millisecond, Note: "floor: bare gofpdf, same text and font",
		Why: "the floor, gofpdf alone with the same text and font, takes nearly as long: in its profile a third is gofpdf " +
			"parsing the embedded font and two fifths cutting the subset"}, nil
}

// BarePDF sets text in the font with nothing but gofpdf: one A4 page of
// plain paragraphs.
func BarePDF(font []byte, text string) ([]byte, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("wqy", "", font)
	f.SetFont("wqy", "", 10.5)
	f.AddPage()
	for _, line := range strings.Split(text, "\n") {
		f.MultiCell(0, 5, line, "", "L", false)
	}
	var buf bytes.Buffer
	err := f.Output(&buf)
	return buf.Bytes(), err
}

// pdfText is the text of a PDF, by poppler's pdftotext.
func pdfText(data []byte) (string, error) {
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext (poppler-utils) for the floor's text: %w", err)
	}
	text := strings.TrimSpace(string(out))
	if text == "" {
		return "", fmt.Errorf("pdftotext found no text in the document")
	}
	return text, nil
}
