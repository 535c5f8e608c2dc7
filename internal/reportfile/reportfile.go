// Package reportfile prints a report as PDF and writes it as an Excel
// workbook, with the same number and file name in both.
package reportfile

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/filename"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// Number is the report number of doc.
func Number(doc store.ReportDoc) string {
	return pdf.ReportNumber(doc.Kind, doc.Period().Key, doc.Department, doc.Version)
}

// Title is the report's Chinese title.
func Title(kind string) string {
	if kind == report.KindQuarterly {
		return "季度评估报告"
	}
	return "客户需求分析报告"
}

// FileName proposes a file name: 客户需求分析报告-2026-10-V1.pdf (version 0
// is the draft). The department, typed by people, is cleaned like any name.
func FileName(kind, period, department string, version int, format string) string {
	name := Title(kind) + "-" + period
	if department != "" {
		// A slash in it would be read as a folder by Clean.
		name += "-" + strings.NewReplacer("/", "-", `\`, "-").Replace(department)
	}
	if version > 0 {
		name += fmt.Sprintf("-V%d", version)
	} else {
		name += "-草稿"
	}
	return filename.Clean(name + "." + format)
}

// PDF prints the report.
func PDF(doc store.ReportDoc) ([]byte, error) {
	m := pdf.ReportMeta{Version: doc.Version, GeneratedAt: doc.GeneratedAt, GeneratedBy: doc.GeneratedBy,
		IssuedBy: doc.IssuedBy, IssuedAt: doc.IssuedAt}
	company := pdf.Company{Name: doc.CompanyName, Logo: doc.CompanyLogo, Zone: doc.TimeZone}
	var out pdf.Output
	var err error
	if doc.Monthly != nil {
		out, err = pdf.RenderMonthly(company, doc.Monthly, m)
	} else {
		out, err = pdf.RenderQuarterly(company, doc.Quarterly, m)
	}
	return out.PDF, err
}

// Excel writes the report as a workbook, one sheet per table.
func Excel(doc store.ReportDoc) ([]byte, error) {
	info := xlsx.ReportInfo{Number: Number(doc), Status: "草稿（按生成时的数据）"}
	if doc.Version > 0 {
		info.Status = fmt.Sprintf("第 %d 版，%s 出具于 %s", doc.Version, doc.IssuedBy, doc.IssuedAt.In(zone(doc)).Format("2006-01-02"))
	}
	var buf bytes.Buffer
	var err error
	if doc.Monthly != nil {
		err = xlsx.WriteMonthly(&buf, doc.Monthly, info)
	} else {
		err = xlsx.WriteQuarterly(&buf, doc.Quarterly, info)
	}
	return buf.Bytes(), err
}

// Write renders doc in format "pdf" or "xlsx".
func Write(doc store.ReportDoc, format string) ([]byte, error) {
	switch format {
	case "pdf":
		return PDF(doc)
	case "xlsx":
		return Excel(doc)
	}
	var fe apperr.Fields
	fe.Add("format", "not_in_list")
	return nil, fe.Err()
}

// zone is the company's time zone the report's dates are told in; the
// laptop's when the document names none.
func zone(doc store.ReportDoc) *time.Location {
	if loc, err := settings.Zone(doc.TimeZone); err == nil && doc.TimeZone != "" {
		return loc
	}
	return time.Local
}
