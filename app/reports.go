package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/reportfile"
	"github.com/reqdesk/reqdesk/internal/store"
)

// ReportsApp serves the dashboard, the monthly and quarterly reports and
// the targets they are judged against.
type ReportsApp struct{ d Deps }

// Measures lists every measure with its name, unit and definition.
func (a *ReportsApp) Measures() (_ []report.Def, err error) {
	defer a.d.guard("reports.measures", &err)
	return append(append([]report.Def(nil), report.Measures...), report.RecordMeasures...), nil
}

// Dashboard computes the home screen for a period — a month (2026-10), a
// quarter (2026Q3) or days (2026-10-01~2026-10-15) — and a department ("" for all).
func (a *ReportsApp) Dashboard(period, department string) (_ report.Dashboard, err error) {
	defer a.d.guard("reports.dashboard", &err)
	zone, err := a.d.Store.Zone(a.d.ctx())
	if err != nil {
		return report.Dashboard{}, err
	}
	p, err := report.Parse(period, zone)
	if err != nil {
		return report.Dashboard{}, err
	}
	return a.d.Store.Dashboard(a.d.ctx(), p, department)
}

// Config returns the targets and the type lists the measures use.
func (a *ReportsApp) Config() (_ report.Config, err error) {
	defer a.d.guard("reports.config", &err)
	return a.d.Store.ReportConfig(a.d.ctx())
}

// SaveConfig validates and stores the targets and type lists.
func (a *ReportsApp) SaveConfig(c report.Config) (_ report.Config, err error) {
	defer a.d.guard("reports.saveConfig", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveReportConfig{Config: c})
}

// Report computes a monthly (period 2026-10) or quarterly (2026Q3) report
// from today's data with the texts written so far, and names its newest
// issued version.
func (a *ReportsApp) Report(kind, period, department string) (_ store.ReportView, err error) {
	defer a.d.guard("reports.report", &err)
	return a.d.Store.LiveReport(a.d.ctx(), kind, period, department)
}

// SaveTexts keeps the proposals, problems and measures written into a report.
func (a *ReportsApp) SaveTexts(kind, period, department string, texts report.Texts) (err error) {
	defer a.d.guard("reports.saveTexts", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.SaveReportTexts{Kind: kind, Period: period, Department: department, Texts: texts})
	return err
}

// Issue saves the report as a new version with its numbers frozen.
func (a *ReportsApp) Issue(kind, period, department string) (_ store.SavedReport, err error) {
	defer a.d.guard("reports.issue", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.IssueReport{Kind: kind, Period: period, Department: department})
}

// Issued lists the issued versions of reports of a kind, newest period first.
func (a *ReportsApp) Issued(kind string) (_ []store.SavedReport, err error) {
	defer a.d.guard("reports.issued", &err)
	return a.d.Store.Reports(a.d.ctx(), kind)
}

// Saved returns one issued version with its numbers.
func (a *ReportsApp) Saved(id string) (_ store.SavedReport, err error) {
	defer a.d.guard("reports.saved", &err)
	return a.d.Store.SavedReportByID(a.d.ctx(), id)
}

// PDF prints a report: the issued version savedID, or when savedID is ""
// today's numbers for kind, period and department as a draft.
func (a *ReportsApp) PDF(kind, period, department, savedID string) (_ []byte, err error) {
	defer a.d.guard("reports.pdf", &err)
	return a.file(kind, period, department, savedID, "pdf")
}

// Excel writes a report as a workbook, one sheet per table; arguments as PDF.
func (a *ReportsApp) Excel(kind, period, department, savedID string) (_ []byte, err error) {
	defer a.d.guard("reports.excel", &err)
	return a.file(kind, period, department, savedID, "xlsx")
}

// FileName proposes the file name for saving a report as format (pdf,
// xlsx): the issued version savedID, or the draft of kind, period and
// department. It reads no numbers.
func (a *ReportsApp) FileName(kind, period, department, savedID, format string) (_ string, err error) {
	defer a.d.guard("reports.fileName", &err)
	if savedID != "" {
		saved, err := a.d.Store.SavedReportByID(a.d.ctx(), savedID)
		if err != nil {
			return "", err
		}
		return reportfile.FileName(saved.Kind, saved.Period, saved.Department, saved.Version, format), nil
	}
	zone, err := a.d.Store.Zone(a.d.ctx())
	if err != nil {
		return "", err
	}
	p, err := report.ParseFor(kind, period, zone)
	if err != nil {
		return "", err
	}
	return reportfile.FileName(kind, p.Key, department, 0, format), nil
}

func (a *ReportsApp) file(kind, period, department, savedID, format string) ([]byte, error) {
	doc, err := reportfile.Gather(a.d.ctx(), a.d.Store, kind, period, department, savedID)
	if err != nil {
		return nil, err
	}
	return reportfile.Write(doc, format)
}
