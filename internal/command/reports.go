package command

import (
	"context"
	"encoding/json"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/store"
)

// reportConfigEntity is the audit entries' id of the reports' configuration.
const reportConfigEntity = "reportConfig"

// SaveReportConfig stores the reports' targets and type lists; the types it
// names must be on the word list.
type SaveReportConfig struct {
	Config report.Config `json:"config"`
}

// Name names the command.
func (SaveReportConfig) Name() string { return "report.saveConfig" }

func (c SaveReportConfig) run(ctx context.Context, tx *store.Tx) (report.Config, error) {
	cfg := c.Config.Normalize()
	cfg.Plan004Targets = true // the screen and the command line know plan 004's measures
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return report.Config{}, err
	}
	if err := cfg.Validate(lists); err != nil {
		return report.Config{}, err
	}
	before, err := tx.ReportConfig(ctx)
	if err != nil {
		return report.Config{}, err
	}
	if err := tx.SaveReportConfig(ctx, cfg); err != nil {
		return report.Config{}, err
	}
	return cfg, tx.Audit(ctx, audit.EntityReportConfig, reportConfigEntity, audit.ActionUpdate, before, cfg)
}

// SaveReportTexts keeps the texts written into the draft of a report: of
// Kind (monthly, quarterly, diagnosis, annual), for Period (2026-10, 2026Q3,
// 2026) and Department ("" for the whole company; plan 004's diagnosis and
// annual evaluation cover only the whole company).
type SaveReportTexts struct {
	Kind       string       `json:"kind"`
	Period     string       `json:"period"`
	Department string       `json:"department"`
	Texts      report.Texts `json:"texts"`
}

// Name names the command.
func (SaveReportTexts) Name() string { return "report.saveTexts" }

func (c SaveReportTexts) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	zone, err := tx.Zone(ctx)
	if err != nil {
		return struct{}{}, err
	}
	p, err := report.ParseFor(c.Kind, c.Period, zone)
	if err != nil {
		return struct{}{}, err
	}
	if err := report.CheckDepartment(c.Kind, c.Department); err != nil {
		return struct{}{}, err
	}
	if err := c.Texts.Validate(); err != nil {
		return struct{}{}, err
	}
	draft, ok, err := tx.ReportDraft(ctx, c.Kind, p.Key, c.Department)
	if err != nil {
		return struct{}{}, err
	}
	var before any
	id := draft.ID
	if ok {
		before = draft.Texts
		err = tx.SetReportTexts(ctx, id, c.Texts)
	} else {
		id = tx.NewID()
		err = tx.InsertReportDraft(ctx, id, c.Kind, p.Key, c.Department, c.Texts)
	}
	if err != nil {
		return struct{}{}, err
	}
	return struct{}{}, tx.Audit(ctx, audit.EntityReport, id, audit.ActionUpdate, before, c.Texts)
}

// IssueReport freezes a report (Kind, Period, Department as in
// SaveReportTexts) as a new version: its numbers as they are now and the
// draft's texts, so a later edit of old requests does not change a report
// already handed to management.
type IssueReport struct {
	Kind       string `json:"kind"`
	Period     string `json:"period"`
	Department string `json:"department"`
}

// Name names the command.
func (IssueReport) Name() string { return "report.issue" }

func (c IssueReport) run(ctx context.Context, tx *store.Tx) (store.SavedReport, error) {
	view, err := tx.LiveReport(ctx, c.Kind, c.Period, c.Department)
	if err != nil {
		return store.SavedReport{}, err
	}
	frozen, p, texts := view.Body()
	key := p.Key
	body, err := json.Marshal(frozen)
	if err != nil {
		return store.SavedReport{}, err
	}
	actor, err := tx.Actor(ctx)
	if err != nil {
		return store.SavedReport{}, err
	}
	version, err := tx.NextReportVersion(ctx, c.Kind, key, c.Department)
	if err != nil {
		return store.SavedReport{}, err
	}
	now := tx.Now()
	r := store.SavedReport{ID: tx.NewID(), Kind: c.Kind, Period: key, Department: c.Department, Version: version,
		Texts: texts, Body: body, IssuedAt: &now, IssuedBy: actor, UpdatedAt: now}
	if err := tx.InsertReport(ctx, r); err != nil {
		return store.SavedReport{}, err
	}
	return r, tx.Audit(ctx, audit.EntityReport, r.ID, audit.ActionCreate, nil,
		map[string]any{"kind": c.Kind, "period": key, "department": c.Department, "version": version})
}
