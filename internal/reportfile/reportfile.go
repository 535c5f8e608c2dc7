// Package reportfile prints a report as PDF and writes it as an Excel
// workbook, with the same number and file name in both.
package reportfile

import (
	"bytes"
	"context"
	"encoding/json"
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

// Doc is a report ready to print or export: the issued version's numbers,
// or today's numbers with the draft's texts.
type Doc struct {
	Kind        string
	Department  string
	Monthly     *report.Monthly
	Quarterly   *report.Quarterly
	Diagnosis   *report.Diagnosis
	Annual      *report.Annual
	Version     int // 0 for a draft
	IssuedAt    time.Time
	IssuedBy    string
	CompanyName string
	CompanyLogo []byte
	// TimeZone is the company's time zone, of the dates printed.
	TimeZone    string
	GeneratedAt time.Time
	GeneratedBy string
}

// Period is the report's period.
func (d Doc) Period() report.Period {
	switch {
	case d.Monthly != nil:
		return d.Monthly.Period
	case d.Diagnosis != nil:
		return d.Diagnosis.Period
	case d.Annual != nil:
		return d.Annual.Period
	}
	return d.Quarterly.Period
}

// Gather reads what printing or exporting a report needs: the issued
// version savedID names, else today's numbers of kind, period and
// department with the draft's texts.
func Gather(ctx context.Context, st *store.Store, kind, period, dept, savedID string) (Doc, error) {
	var doc Doc
	set, err := st.Settings(ctx)
	if err != nil {
		return doc, err
	}
	actor, err := st.Actor(ctx)
	if err != nil {
		return doc, err
	}
	zone, err := st.Zone(ctx)
	if err != nil {
		return doc, err
	}
	doc.CompanyName, doc.TimeZone, doc.GeneratedAt, doc.GeneratedBy = set.CompanyName, zone.String(), st.Now(), actor
	if doc.CompanyLogo, err = st.CompanyLogo(ctx); err != nil {
		return doc, err
	}
	if savedID != "" {
		saved, err := st.SavedReportByID(ctx, savedID)
		if err != nil {
			return doc, err
		}
		doc.Kind, doc.Department, doc.Version, doc.IssuedBy = saved.Kind, saved.Department, saved.Version, saved.IssuedBy
		if saved.IssuedAt != nil {
			doc.IssuedAt = *saved.IssuedAt
		}
		if saved.Body == nil {
			return doc, apperr.Missing("issued")
		}
		switch saved.Kind {
		case report.KindMonthly:
			doc.Monthly = &report.Monthly{}
			err = json.Unmarshal(saved.Body, doc.Monthly)
		case report.KindDiagnosis:
			doc.Diagnosis = &report.Diagnosis{}
			err = json.Unmarshal(saved.Body, doc.Diagnosis)
		case report.KindAnnual:
			doc.Annual = &report.Annual{}
			err = json.Unmarshal(saved.Body, doc.Annual)
		default:
			doc.Quarterly = &report.Quarterly{}
			err = json.Unmarshal(saved.Body, doc.Quarterly)
		}
		return doc, err
	}
	view, err := st.LiveReport(ctx, kind, period, dept)
	if err != nil {
		return doc, err
	}
	doc.Kind, doc.Department, doc.Monthly, doc.Quarterly = kind, dept, view.Monthly, view.Quarterly
	doc.Diagnosis, doc.Annual = view.Diagnosis, view.Annual
	return doc, nil
}

// Number is the report number of doc.
func Number(doc Doc) string {
	return pdf.ReportNumber(doc.Kind, doc.Period().Key, doc.Department, doc.Version)
}

// Title is the report's Chinese title.
func Title(kind string) string {
	switch kind {
	case report.KindQuarterly:
		return "季度评估报告"
	case report.KindDiagnosis:
		return "客户沟通现状诊断报告"
	case report.KindAnnual:
		return "年度效果评估报告"
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
func PDF(doc Doc) ([]byte, error) {
	m := pdf.ReportMeta{Version: doc.Version, GeneratedAt: doc.GeneratedAt, GeneratedBy: doc.GeneratedBy,
		IssuedBy: doc.IssuedBy, IssuedAt: doc.IssuedAt}
	company := pdf.Company{Name: doc.CompanyName, Logo: doc.CompanyLogo, Zone: doc.TimeZone}
	var out pdf.Output
	var err error
	switch {
	case doc.Monthly != nil:
		out, err = pdf.RenderMonthly(company, doc.Monthly, m)
	case doc.Diagnosis != nil:
		out, err = pdf.RenderDiagnosis(company, doc.Diagnosis, m)
	case doc.Annual != nil:
		out, err = pdf.RenderAnnual(company, doc.Annual, m)
	default:
		out, err = pdf.RenderQuarterly(company, doc.Quarterly, m)
	}
	return out.PDF, err
}

// Excel writes the report as a workbook, one sheet per table.
func Excel(doc Doc) ([]byte, error) {
	info := xlsx.ReportInfo{Number: Number(doc), Status: "草稿（按生成时的数据）"}
	if doc.Version > 0 {
		info.Status = fmt.Sprintf("第 %d 版，%s 出具于 %s", doc.Version, doc.IssuedBy, doc.IssuedAt.In(zone(doc)).Format("2006-01-02"))
	}
	var buf bytes.Buffer
	var err error
	switch {
	case doc.Monthly != nil:
		err = xlsx.WriteMonthly(&buf, doc.Monthly, info)
	case doc.Diagnosis != nil:
		err = xlsx.WriteDiagnosis(&buf, doc.Diagnosis, info)
	case doc.Annual != nil:
		err = xlsx.WriteAnnual(&buf, doc.Annual, info)
	default:
		err = xlsx.WriteQuarterly(&buf, doc.Quarterly, info)
	}
	return buf.Bytes(), err
}

// Write renders doc in format "pdf" or "xlsx".
func Write(doc Doc, format string) ([]byte, error) {
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
func zone(doc Doc) *time.Location {
	if loc, err := settings.Zone(doc.TimeZone); err == nil && doc.TimeZone != "" {
		return loc
	}
	return time.Local
}
