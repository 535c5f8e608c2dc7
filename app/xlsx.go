package app

import (
	"bytes"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// ExcelApp makes the blank registration template, imports registration
// tables and exports the registration, progress tracking and feedback
// tables. Files cross the bridge as bytes (base64 strings in JavaScript).
type ExcelApp struct{ d Deps }

// Template returns the blank registration template (.xlsx) with dropdowns
// from the current lists.
func (a *ExcelApp) Template() (_ []byte, err error) {
	defer a.d.guard("xlsx.template", &err)
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(a.d.ctx(), &buf, a.d.Store); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DryRun reads a workbook and reports, without writing anything, how many
// requests it would create, update and skip and every problem with its
// sheet, row and column.
func (a *ExcelApp) DryRun(file []byte) (_ request.ImportReport, err error) {
	defer a.d.guard("xlsx.dryRun", &err)
	return xlsx.Import(a.d.ctx(), a.d.Store, file, true)
}

// Import reads the workbook again, checks it again inside the transaction
// and writes every row, or nothing when any row has a problem (the report
// then lists them and Applied is false).
func (a *ExcelApp) Import(file []byte) (_ request.ImportReport, err error) {
	defer a.d.guard("xlsx.import", &err)
	return xlsx.Import(a.d.ctx(), a.d.Store, file, false)
}

// Export returns the table of kind (registrations, tracking, feedback) for
// every request the list's filter q selects; q's page is ignored.
func (a *ExcelApp) Export(kind string, q request.Query) (_ []byte, err error) {
	defer a.d.guard("xlsx.export", &err)
	k, err := xlsx.ParseKind(kind)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := xlsx.Export(a.d.ctx(), &buf, a.d.Store, k, q); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Count returns how many rows an export of kind for q would have, so the UI
// can say what it is about to write.
func (a *ExcelApp) Count(kind string, q request.Query) (_ int, err error) {
	defer a.d.guard("xlsx.count", &err)
	k, err := xlsx.ParseKind(kind)
	if err != nil {
		return 0, err
	}
	if k == xlsx.KindFeedback {
		return a.d.Store.CountFeedback(a.d.ctx(), q)
	}
	return a.d.Store.CountRequests(a.d.ctx(), q)
}

// FileName proposes a file name for the save dialog: kind is an export's
// kind, or "template".
func (a *ExcelApp) FileName(kind string) (_ string, err error) {
	defer a.d.guard("xlsx.fileName", &err)
	if kind == "template" {
		return xlsx.TemplateFileName, nil
	}
	k, err := xlsx.ParseKind(kind)
	if err != nil {
		return "", err
	}
	return k.FileName(a.d.Store.Now()), nil
}
