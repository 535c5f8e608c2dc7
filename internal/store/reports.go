package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

const (
	reportConfigKey = "reportConfig"
)

// ReportConfig returns the reports' targets and type lists; the documents'
// defaults until someone edits them.
func (s *Store) ReportConfig(ctx context.Context) (report.Config, error) {
	return s.reportConfig(ctx, s.read)
}

func (s *Store) reportConfig(ctx context.Context, q queryer) (report.Config, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, reportConfigKey).Scan(&raw)
	if err == sql.ErrNoRows {
		return report.DefaultConfig(), nil
	}
	if err != nil {
		return report.Config{}, err
	}
	var c report.Config
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return report.Config{}, err
	}
	return c.Normalize(), nil
}

// SaveReportConfig validates and stores the reports' configuration.
func (s *Store) SaveReportConfig(ctx context.Context, c report.Config) (report.Config, error) {
	c = c.Normalize()
	body, err := json.Marshal(c)
	if err != nil {
		return report.Config{}, err
	}
	err = s.tx(ctx, func(tx *Tx) error {
		lists, err := s.vocabularies(ctx, tx)
		if err != nil {
			return err
		}
		if err := c.Validate(lists); err != nil {
			return err
		}
		before, err := s.reportConfig(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			reportConfigKey, string(body), s.ts(tx.Now())); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityReportConfig, reportConfigKey, audit.ActionUpdate, before, c)
	})
	if err != nil {
		return report.Config{}, err
	}
	return c, nil
}

// Dashboard computes the home screen's numbers for a period and department.
func (s *Store) Dashboard(ctx context.Context, p report.Period, dept string) (report.Dashboard, error) {
	in, err := s.reportInput(ctx, p, dept)
	if err != nil {
		return report.Dashboard{}, err
	}
	d := report.Build(in)
	d.Risks, d.Breached, d.DueSoon, err = s.risksOf(ctx, in.Open, report.MaxRisks)
	return d, err
}

// DrillIDs returns the ids of the requests behind a number of the dashboard.
func (s *Store) drillIDs(ctx context.Context, dr request.Drill) ([]string, error) {
	cfg, err := s.ReportConfig(ctx)
	if err != nil {
		return nil, err
	}
	zone, err := s.Zone(ctx)
	if err != nil {
		return nil, err
	}
	cfg.Location = zone
	c := &report.Context{Now: s.clock.Now(), Config: cfg}
	var rows []report.Row
	if report.DrillOpen(dr) {
		rows, err = s.OpenMetricRows(ctx, dr.Department)
	} else {
		var p report.Period
		if p, err = report.ParseRange(dr.From, dr.To, zone); err != nil {
			return nil, err
		}
		rows, err = s.MetricRows(ctx, p.From, p.To, dr.Department)
	}
	if err != nil {
		return nil, err
	}
	if dr.Measure != "" {
		if _, ok := report.Lookup(report.MeasureID(dr.Measure)); !ok {
			var fe apperr.Fields
			fe.Add("drill", "not_in_list")
			return nil, fe.Err()
		}
	}
	ids := []string{}
	for i := range rows {
		if report.Selects(dr, &rows[i], c) {
			ids = append(ids, rows[i].RequestID)
		}
	}
	return ids, nil
}

// SavedReport is a report as stored: the draft (version 0) with the texts
// being written, or an issued version with its numbers.
type SavedReport struct {
	ID         string          `json:"id"`
	Kind       string          `json:"kind"`
	Period     string          `json:"period"`
	Department string          `json:"department"`
	Version    int             `json:"version"`
	Texts      report.Texts    `json:"texts"`
	Body       json.RawMessage `json:"body" ts_type:"any"`
	IssuedAt   *time.Time      `json:"issuedAt"`
	IssuedBy   string          `json:"issuedBy"`
	UpdatedAt  time.Time       `json:"updatedAt"`
}

func scanReport(sc interface{ Scan(...any) error }) (SavedReport, error) {
	var r SavedReport
	var texts, updated string
	var body, issued sql.NullString
	err := sc.Scan(&r.ID, &r.Kind, &r.Period, &r.Department, &r.Version, &texts, &body, &issued, &r.IssuedBy, &updated)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(texts), &r.Texts); err != nil {
		return r, err
	}
	if body.Valid {
		r.Body = json.RawMessage(body.String)
	}
	if issued.Valid {
		t := parseTS(issued.String)
		r.IssuedAt = &t
	}
	r.UpdatedAt = parseTS(updated)
	return r, nil
}

const reportColumns = `id, kind, period, department, version, texts, body, issued_at, issued_by, updated_at`

// Reports lists the saved versions (and drafts) of reports of one kind, the
// newest period first.
func (s *Store) Reports(ctx context.Context, kind string) ([]SavedReport, error) {
	out := []SavedReport{}
	err := eachRow(ctx, s.read, `SELECT `+reportColumns+` FROM reports WHERE kind = ? AND version > 0
		ORDER BY period DESC, department, version DESC`, []any{kind}, func(sc *sql.Rows) error {
		r, err := scanReport(sc)
		if err != nil {
			return err
		}
		r.Body = nil // the list does not carry the numbers
		out = append(out, r)
		return nil
	})
	return out, err
}

// SavedReportByID returns one saved report with its numbers.
func (s *Store) SavedReportByID(ctx context.Context, id string) (SavedReport, error) {
	r, err := scanReport(s.read.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM reports WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return r, notFound("report")
	}
	return r, err
}

// reportDraft returns the draft of a report, or none.
func (s *Store) reportDraft(ctx context.Context, q queryer, kind, period, dept string) (SavedReport, bool, error) {
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM reports
		WHERE kind = ? AND period = ? AND department = ? AND version = 0`, kind, period, dept))
	if err == sql.ErrNoRows {
		return r, false, nil
	}
	return r, err == nil, err
}

// LatestIssued returns the newest issued version of a report (period as
// its key, 2026-10 or 2026Q3), or none.
func (s *Store) LatestIssued(ctx context.Context, kind, period, dept string) (SavedReport, bool, error) {
	r, err := scanReport(s.read.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM reports
		WHERE kind = ? AND period = ? AND department = ? AND version > 0 ORDER BY version DESC LIMIT 1`, kind, period, dept))
	if err == sql.ErrNoRows {
		return r, false, nil
	}
	return r, err == nil, err
}

// ReportView is a report as the screen shows it: the live numbers with the
// draft's texts, and the newest issued version when there is one.
type ReportView struct {
	Kind      string            `json:"kind"`
	Monthly   *report.Monthly   `json:"monthly"`
	Quarterly *report.Quarterly `json:"quarterly"`
	Issued    *SavedReport      `json:"issued"`
}

// LiveReport computes a report from today's data with the draft's texts.
func (s *Store) LiveReport(ctx context.Context, kind, period, dept string) (ReportView, error) {
	v := ReportView{Kind: kind}
	zone, err := s.Zone(ctx)
	if err != nil {
		return v, err
	}
	p, err := report.ParseFor(kind, period, zone)
	if err != nil {
		return v, err
	}
	draft, _, err := s.reportDraft(ctx, s.read, kind, p.Key, dept)
	if err != nil {
		return v, err
	}
	in, err := s.reportInput(ctx, p, dept)
	if err != nil {
		return v, err
	}
	if kind == report.KindMonthly {
		m := report.BuildMonthly(in, draft.Texts)
		v.Monthly = &m
	} else {
		q := report.BuildQuarterly(in, draft.Texts)
		v.Quarterly = &q
	}
	issued, ok, err := s.LatestIssued(ctx, kind, p.Key, dept)
	if err != nil {
		return v, err
	}
	if ok {
		v.Issued = &issued
	}
	return v, nil
}

// SaveReportTexts keeps the texts written into a report's draft.
func (s *Store) SaveReportTexts(ctx context.Context, kind, period, dept string, texts report.Texts) error {
	zone, err := s.Zone(ctx)
	if err != nil {
		return err
	}
	p, err := report.ParseFor(kind, period, zone)
	if err != nil {
		return err
	}
	if err := texts.Validate(); err != nil {
		return err
	}
	body, err := json.Marshal(texts)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *Tx) error {
		before, ok, err := s.reportDraft(ctx, tx, kind, p.Key, dept)
		if err != nil {
			return err
		}
		now := s.ts(tx.Now())
		id := before.ID
		if !ok {
			id = tx.NewID()
			_, err = tx.ExecContext(ctx, `INSERT INTO reports (id, kind, period, department, version, texts, updated_at)
				VALUES (?, ?, ?, ?, 0, ?, ?)`, id, kind, p.Key, dept, string(body), now)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE reports SET texts = ?, updated_at = ? WHERE id = ?`, string(body), now, id)
		}
		if err != nil {
			return err
		}
		var prev any
		if ok {
			prev = before.Texts
		}
		return s.record(ctx, tx, audit.EntityReport, id, audit.ActionUpdate, prev, texts)
	})
}

// IssueReport freezes a report as a new version: its numbers as they are now
// and the draft's texts, so a later edit of old requests does not change a
// report already handed to management.
func (s *Store) IssueReport(ctx context.Context, kind, period, dept string) (SavedReport, error) {
	view, err := s.LiveReport(ctx, kind, period, dept)
	if err != nil {
		return SavedReport{}, err
	}
	var body []byte
	var texts report.Texts
	var key string
	if view.Monthly != nil {
		body, err = json.Marshal(view.Monthly)
		texts, key = view.Monthly.Texts, view.Monthly.Period.Key
	} else {
		body, err = json.Marshal(view.Quarterly)
		texts, key = view.Quarterly.Texts, view.Quarterly.Period.Key
	}
	if err != nil {
		return SavedReport{}, err
	}
	textBody, err := json.Marshal(texts)
	if err != nil {
		return SavedReport{}, err
	}
	var out SavedReport
	err = s.tx(ctx, func(tx *Tx) error {
		actor, err := s.actor(ctx, tx)
		if err != nil {
			return err
		}
		var version int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM reports
			WHERE kind = ? AND period = ? AND department = ?`, kind, key, dept).Scan(&version); err != nil {
			return err
		}
		now := tx.Now()
		id := tx.NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO reports (`+reportColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, kind, key, dept, version, string(textBody), string(body), s.ts(now), actor, s.ts(now)); err != nil {
			return err
		}
		out = SavedReport{ID: id, Kind: kind, Period: key, Department: dept, Version: version, Texts: texts,
			Body: body, IssuedAt: &now, IssuedBy: actor, UpdatedAt: now}
		return s.record(ctx, tx, audit.EntityReport, id, audit.ActionCreate, nil,
			map[string]any{"kind": kind, "period": key, "department": dept, "version": version})
	})
	return out, err
}

// ReportDoc is a report ready to print or export: the issued version's
// numbers when savedID names one, else today's numbers with the draft's texts.
type ReportDoc struct {
	Kind        string
	Department  string
	Monthly     *report.Monthly
	Quarterly   *report.Quarterly
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
func (d ReportDoc) Period() report.Period {
	if d.Monthly != nil {
		return d.Monthly.Period
	}
	return d.Quarterly.Period
}

// ReportDocument gathers what printing or exporting a report needs.
func (s *Store) ReportDocument(ctx context.Context, kind, period, dept, savedID string) (ReportDoc, error) {
	var doc ReportDoc
	st, err := s.Settings(ctx)
	if err != nil {
		return doc, err
	}
	actor, err := s.actor(ctx, s.read)
	if err != nil {
		return doc, err
	}
	zone, err := s.Zone(ctx)
	if err != nil {
		return doc, err
	}
	doc.CompanyName, doc.TimeZone, doc.GeneratedAt, doc.GeneratedBy = st.CompanyName, zone.String(), s.clock.Now(), actor
	if doc.CompanyLogo, err = s.companyLogo(ctx, s.read); err != nil {
		return doc, err
	}
	if savedID != "" {
		saved, err := s.SavedReportByID(ctx, savedID)
		if err != nil {
			return doc, err
		}
		doc.Kind, doc.Department, doc.Version, doc.IssuedBy = saved.Kind, saved.Department, saved.Version, saved.IssuedBy
		if saved.IssuedAt != nil {
			doc.IssuedAt = *saved.IssuedAt
		}
		if saved.Body == nil {
			return doc, notFound("issued")
		}
		if saved.Kind == report.KindMonthly {
			doc.Monthly = &report.Monthly{}
			err = json.Unmarshal(saved.Body, doc.Monthly)
		} else {
			doc.Quarterly = &report.Quarterly{}
			err = json.Unmarshal(saved.Body, doc.Quarterly)
		}
		return doc, err
	}
	view, err := s.LiveReport(ctx, kind, period, dept)
	if err != nil {
		return doc, err
	}
	doc.Kind, doc.Department, doc.Monthly, doc.Quarterly = kind, dept, view.Monthly, view.Quarterly
	return doc, nil
}

// risksOf counts the running clocks of the open requests' rows that are
// breached or due soon and lists the most pressing, at most limit, without
// reading anything but the customer names of those listed.
func (s *Store) risksOf(ctx context.Context, open []report.Row, limit int) ([]request.Alert, int, int, error) {
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return nil, 0, 0, err
	}
	// The running clocks kept in the rows are those of request_clocks,
	// written together (see deriveRequests), and counted as the
	// notification centre counts them.
	var clocks []sla.Running
	for i := range open {
		r := &open[i]
		for _, c := range r.Clocks {
			if c.Done.IsZero() {
				clocks = append(clocks, sla.Running{RequestID: r.RequestID, Kind: c.Kind, Due: c.Due,
					Allowance: c.Allowance, Clock: c.Calendar})
			}
		}
	}
	list := request.Alerts(lim.cal, lim.dueSoon, clocks, s.clock.Now(), limit)
	out := list.Items
	if err := s.alertDetails(ctx, s.read, out); err != nil {
		return nil, 0, 0, err
	}
	return out, list.Breached, list.DueSoon, nil
}
