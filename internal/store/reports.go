package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
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
	return c.Normalize().WithPlan004Targets(), nil
}

// ReportConfig loads the reports' configuration for a change.
func (t *Tx) ReportConfig(ctx context.Context) (report.Config, error) {
	return t.s.reportConfig(ctx, t)
}

// SaveReportConfig stores the reports' configuration.
func (t *Tx) SaveReportConfig(ctx context.Context, c report.Config) error {
	body, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = t.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		reportConfigKey, string(body), t.s.ts(t.Now()))
	return err
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
		d, ok := report.Lookup(report.MeasureID(dr.Measure))
		if !ok {
			var fe apperr.Fields
			fe.Add("drill", "not_in_list")
			return nil, fe.Err()
		}
		if d.Records {
			p, err := report.ParseRange(dr.From, dr.To, zone)
			if err != nil {
				return nil, err
			}
			return s.recordDrill(ctx, d.ID, dr.Part, p.From, p.To)
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
	Diagnosis *report.Diagnosis `json:"diagnosis"`
	Annual    *report.Annual    `json:"annual"`
	Issued    *SavedReport      `json:"issued"`
}

// Body is the report the view holds, its period and its texts.
func (v ReportView) Body() (any, report.Period, report.Texts) {
	switch {
	case v.Monthly != nil:
		return v.Monthly, v.Monthly.Period, v.Monthly.Texts
	case v.Quarterly != nil:
		return v.Quarterly, v.Quarterly.Period, v.Quarterly.Texts
	case v.Diagnosis != nil:
		return v.Diagnosis, v.Diagnosis.Period, v.Diagnosis.Texts
	case v.Annual != nil:
		return v.Annual, v.Annual.Period, v.Annual.Texts
	}
	return nil, report.Period{}, report.Texts{}
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
	isComm, err := commReport(kind, dept)
	if err != nil {
		return v, err
	}
	draft, _, err := s.reportDraft(ctx, s.read, kind, p.Key, dept)
	if err != nil {
		return v, err
	}
	switch {
	case kind == report.KindDiagnosis:
		d, err := s.diagnosis(ctx, p, draft.Texts)
		if err != nil {
			return v, err
		}
		v.Diagnosis = &d
	case kind == report.KindAnnual:
		a, err := s.annual(ctx, p, draft.Texts)
		if err != nil {
			return v, err
		}
		v.Annual = &a
	case !isComm:
		in, err := s.reportInput(ctx, p, dept)
		if err != nil {
			return v, err
		}
		if kind == report.KindMonthly {
			m := report.BuildMonthly(in, draft.Texts)
			v.Monthly = &m
		} else {
			q := report.BuildQuarterly(in, draft.Texts)
			if err := s.fillRecords(ctx, q.Plan004, q.Period, q.Previous, in.Config); err != nil {
				return v, err
			}
			v.Quarterly = &q
		}
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

// ReportDraft loads the draft of a report (period as its key) for a
// change, or none.
func (t *Tx) ReportDraft(ctx context.Context, kind, period, dept string) (SavedReport, bool, error) {
	return t.s.reportDraft(ctx, t, kind, period, dept)
}

// InsertReportDraft stores a new draft with id holding texts.
func (t *Tx) InsertReportDraft(ctx context.Context, id, kind, period, dept string, texts report.Texts) error {
	body, err := json.Marshal(texts)
	if err != nil {
		return err
	}
	_, err = t.ExecContext(ctx, `INSERT INTO reports (id, kind, period, department, version, texts, updated_at)
		VALUES (?, ?, ?, ?, 0, ?, ?)`, id, kind, period, dept, string(body), t.s.ts(t.Now()))
	return err
}

// SetReportTexts stores the texts of the draft id.
func (t *Tx) SetReportTexts(ctx context.Context, id string, texts report.Texts) error {
	body, err := json.Marshal(texts)
	if err != nil {
		return err
	}
	_, err = t.ExecContext(ctx, `UPDATE reports SET texts = ?, updated_at = ? WHERE id = ?`, string(body), t.s.ts(t.Now()), id)
	return err
}

// LiveReport computes a report from the data as committed, with the
// draft's texts (see Store.LiveReport), for a change that issues it.
func (t *Tx) LiveReport(ctx context.Context, kind, period, dept string) (ReportView, error) {
	return t.s.LiveReport(context.WithValue(ctx, writingKey{}, t), kind, period, dept)
}

// writingKey marks the context of a read made inside a write transaction,
// the *Tx: such a read must not start a write of its own (see keepSums),
// which would wait for the only write connection, held by that
// transaction, and it measures at the transaction's time.
type writingKey struct{}

// NextReportVersion is the version the next issue of a report (period as
// its key) gets: one after the latest, 1 for the first.
func (t *Tx) NextReportVersion(ctx context.Context, kind, period, dept string) (int, error) {
	var version int
	err := t.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM reports
		WHERE kind = ? AND period = ? AND department = ?`, kind, period, dept).Scan(&version)
	return version, err
}

// InsertReport stores an issued report: r's ID, Kind, Period, Department,
// Version, Texts, Body, IssuedAt and IssuedBy.
func (t *Tx) InsertReport(ctx context.Context, r SavedReport) error {
	texts, err := json.Marshal(r.Texts)
	if err != nil {
		return err
	}
	now := t.s.ts(t.Now())
	issued := now
	if r.IssuedAt != nil {
		issued = t.s.ts(*r.IssuedAt)
	}
	_, err = t.ExecContext(ctx, `INSERT INTO reports (`+reportColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.Kind, r.Period, r.Department, r.Version, string(texts), string(r.Body), issued, r.IssuedBy, now)
	return err
}

// risksOf counts the running clocks of the open requests' rows that are
// breached or due soon at now and lists the most pressing, at most limit,
// without reading anything but the customer names of those listed.
func (s *Store) risksOf(ctx context.Context, open []report.Row, limit int, now time.Time) ([]request.Alert, int, int, error) {
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return nil, 0, 0, err
	}
	// The running clocks kept in the rows are those of request_clocks,
	// written together (see deriveRequests), and counted as the
	// notification centre counts them.
	n := 0
	for i := range open {
		n += len(open[i].Clocks)
	}
	// Sized once: grown by appending, the slice of tens of thousands of
	// clocks was copied a dozen times.
	clocks := make([]sla.Running, 0, n)
	for i := range open {
		r := &open[i]
		for _, c := range r.Clocks {
			if c.Done.IsZero() {
				clocks = append(clocks, sla.Running{RequestID: r.RequestID, Kind: c.Kind, Due: c.Due,
					Allowance: c.Allowance, Clock: c.Calendar})
			}
		}
	}
	list := request.Alerts(lim.cal, lim.dueSoon, clocks, now, limit)
	out := list.Items
	if err := s.alertDetails(ctx, s.read, out); err != nil {
		return nil, 0, 0, err
	}
	return out, list.Breached, list.DueSoon, nil
}
