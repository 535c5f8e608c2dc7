package app

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// ExcelApp makes the blank registration template, imports registration
// tables and exports the registration, progress tracking and feedback
// tables. Files cross the bridge as bytes (base64 strings in JavaScript).
type ExcelApp struct {
	d    Deps
	jobs *xlsx.Jobs
}

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
	return command.ImportWorkbook(a.d.ctx(), a.d.Commands, file, true)
}

// Import reads the workbook again, checks it again inside the transaction
// and writes every row, or nothing when any row has a problem (the report
// then lists them and Applied is false).
func (a *ExcelApp) Import(file []byte) (_ request.ImportReport, err error) {
	defer a.d.guard("xlsx.import", &err)
	return command.ImportWorkbook(a.d.ctx(), a.d.Commands, file, false)
}

// StartExport begins writing the table of kind (registrations, tracking,
// feedback) for every request the list's filter q selects (q's page is
// ignored) in the background, and returns at once with the export's id and
// its row count; the UI polls ExportProgress for its progress bar.
func (a *ExcelApp) StartExport(kind string, q request.Query) (_ xlsx.JobStatus, err error) {
	defer a.d.guard("xlsx.startExport", &err)
	k, err := xlsx.ParseKind(kind)
	if err != nil {
		return xlsx.JobStatus{}, err
	}
	total, err := a.count(k, q)
	if err != nil {
		return xlsx.JobStatus{}, err
	}
	return a.jobs.Start(a.d.Store, k, q, total, k.FileName(a.d.Store.Now()))
}

// ExportProgress says how many rows an export has written of how many, and
// whether it is done; a failed export reports its error here.
func (a *ExcelApp) ExportProgress(id string) (_ xlsx.JobStatus, err error) {
	defer a.d.guard("xlsx.exportProgress", &err)
	return a.jobs.Status(id)
}

// CancelExport stops an export and deletes what it had written.
func (a *ExcelApp) CancelExport(id string) (err error) {
	defer a.d.guard("xlsx.cancelExport", &err)
	return a.jobs.Cancel(id)
}

// ExportResult returns a finished export's workbook, once (serve mode
// offers it as a download).
func (a *ExcelApp) ExportResult(id string) (_ []byte, err error) {
	defer a.d.guard("xlsx.exportResult", &err)
	data, _, err := a.jobs.Take(id)
	return data, err
}

// SaveExport asks where to save a finished export with the native dialog
// (desktop only) and moves the workbook there. It returns the path, or ""
// when the user cancelled, which discards the workbook.
func (a *ExcelApp) SaveExport(id string) (_ string, err error) {
	defer a.d.guard("xlsx.saveExport", &err)
	ctx, err := a.d.Shell.runtime()
	if err != nil {
		return "", err
	}
	tmp, st, err := a.jobs.TakeFile(id)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	path, err := saveDialog(ctx, st.FileName)
	if err != nil || path == "" {
		return "", err
	}
	if err := copyInto(tmp, path); err != nil {
		return "", apperr.New(apperr.Invalid, "file_write_failed", apperr.P{"path": path, "detail": err.Error()})
	}
	return path, nil
}

// copyInto copies the file src to dst through a temporary file beside dst,
// so dst is either the whole workbook or untouched.
func copyInto(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.part")
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(out.Name(), dst)
	}
	if err != nil {
		os.Remove(out.Name())
	}
	return err
}

// Count returns how many rows an export of kind for q would have, so the UI
// can say what it is about to write.
func (a *ExcelApp) Count(kind string, q request.Query) (_ int, err error) {
	defer a.d.guard("xlsx.count", &err)
	k, err := xlsx.ParseKind(kind)
	if err != nil {
		return 0, err
	}
	return a.count(k, q)
}

func (a *ExcelApp) count(k xlsx.Kind, q request.Query) (int, error) {
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
