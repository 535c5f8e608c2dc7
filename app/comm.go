package app

import (
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/filename"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/store"
)

// CommApp serves communication quality (plan 004): the reply-script library
// and the weekly quality checks with their 整改 items and measures.
type CommApp struct{ d Deps }

// ScriptBasics are the standard topics and the fields a script may name.
type ScriptBasics struct {
	Topics       []comm.Topic       `json:"topics"`
	Placeholders []comm.Placeholder `json:"placeholders"`
}

// Basics returns the standard topics and the placeholders.
func (a *CommApp) Basics() (_ ScriptBasics, err error) {
	defer a.d.guard("comm.basics", &err)
	return ScriptBasics{Topics: comm.Topics, Placeholders: comm.Placeholders}, nil
}

// Scripts returns the script library.
func (a *CommApp) Scripts() (_ []comm.Script, err error) {
	defer a.d.guard("comm.scripts", &err)
	return a.d.Store.Scripts(a.d.ctx())
}

// Revisions returns a script's revisions, the newest first.
func (a *CommApp) Revisions(id string) (_ []comm.Revision, err error) {
	defer a.d.guard("comm.revisions", &err)
	if _, err := a.d.Store.Script(a.d.ctx(), id); err != nil {
		return nil, err
	}
	return a.d.Store.ScriptRevisions(a.d.ctx(), id)
}

// SaveScript adds a script or makes a new revision of one.
func (a *CommApp) SaveScript(in comm.ScriptInput) (_ comm.Script, err error) {
	defer a.d.guard("comm.saveScript", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveScript{Input: in})
}

// Fill returns a script's text filled from a request, to insert into a
// record.
func (a *CommApp) Fill(scriptID, requestID string) (_ comm.Filled, err error) {
	defer a.d.guard("comm.fill", &err)
	s, err := a.d.Store.Script(a.d.ctx(), scriptID)
	if err != nil {
		return comm.Filled{}, err
	}
	src, err := a.d.Store.ScriptSource(a.d.ctx(), requestID)
	if err != nil {
		return comm.Filled{}, err
	}
	return comm.Fill(s, comm.Values(src))
}

// MissingTopics returns the recurring problems of the last 90 days'
// requests that no active script answers yet.
func (a *CommApp) MissingTopics() (_ []comm.MissingTopic, err error) {
	defer a.d.guard("comm.missingTopics", &err)
	titles, err := a.d.Store.RecentTitles(a.d.ctx(), a.d.Clock.Now().AddDate(0, 0, -90))
	if err != nil {
		return nil, err
	}
	scripts, err := a.d.Store.Scripts(a.d.ctx())
	if err != nil {
		return nil, err
	}
	return comm.MissingTopics(report.TopTerms(titles, 10), scripts), nil
}

// CheckConfig returns the weekly check's sample sizes and pass mark.
func (a *CommApp) CheckConfig() (_ comm.Config, err error) {
	defer a.d.guard("comm.checkConfig", &err)
	return a.d.Store.CheckConfig(a.d.ctx())
}

// SaveCheckConfig stores the weekly check's sample sizes and pass mark.
func (a *CommApp) SaveCheckConfig(c comm.Config) (_ comm.Config, err error) {
	defer a.d.guard("comm.saveCheckConfig", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveCheckConfig{Config: c})
}

// Checklist returns the checklist, retired items included.
func (a *CommApp) Checklist() (_ []comm.ChecklistItem, err error) {
	defer a.d.guard("comm.checklist", &err)
	return a.d.Store.Checklist(a.d.ctx())
}

// SaveChecklistItem adds or changes a checklist item.
func (a *CommApp) SaveChecklistItem(it comm.ChecklistItem) (_ []comm.ChecklistItem, err error) {
	defer a.d.guard("comm.saveChecklistItem", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveChecklistItem{Item: it})
}

// Checks lists the weekly checks, the newest first.
func (a *CommApp) Checks() (_ []store.QualityCheck, err error) {
	defer a.d.guard("comm.checks", &err)
	return a.d.Store.QualityChecks(a.d.ctx())
}

// Check returns a weekly check with its sample.
func (a *CommApp) Check(id string) (_ store.QualityCheck, err error) {
	defer a.d.guard("comm.check", &err)
	return a.d.Store.QualityCheck(a.d.ctx(), id)
}

// DrawCheck draws the week's sample for the person at the desk; seed ""
// for a new draw.
func (a *CommApp) DrawCheck(week, seed string) (_ store.QualityCheck, err error) {
	defer a.d.guard("comm.drawCheck", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.DrawCheck{Week: week, Seed: seed})
}

// ScoreCheckItem scores a sampled record; a failing one opens the 整改 item
// rect describes.
func (a *CommApp) ScoreCheckItem(id string, version int64, scores map[string]int, comment string, rect command.RectInput) (_ store.CheckItem, err error) {
	defer a.d.guard("comm.scoreCheckItem", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.ScoreCheckItem{ID: id, Version: version, Scores: scores, Comment: comment, Rect: rect})
}

// CloseRectification closes a 整改 item with what was done.
func (a *CommApp) CloseRectification(id string, version int64, actionTaken string) (_ comm.Rectification, err error) {
	defer a.d.guard("comm.closeRectification", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.CloseRectification{ID: id, Version: version, ActionTaken: actionTaken})
}

// Measures computes 话术适配率, 抽检合格率 and 整改率 over the days from and
// to (YYYY-MM-DD, both included, in the company's zone), each with the
// records behind it.
func (a *CommApp) Measures(from, to string) (_ []comm.Result, err error) {
	defer a.d.guard("comm.measures", &err)
	zone, err := a.d.Store.Zone(a.d.ctx())
	if err != nil {
		return nil, err
	}
	var fe apperr.Fields
	f, ferr := time.ParseInLocation("2006-01-02", from, zone)
	if ferr != nil {
		fe.Add("from", "date_invalid")
	}
	t, terr := time.ParseInLocation("2006-01-02", to, zone)
	if terr != nil {
		fe.Add("to", "date_invalid")
	} else if ferr == nil && t.Before(f) {
		fe.Add("to", "before_start")
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return a.d.Store.CommMeasures(a.d.ctx(), f, t.AddDate(0, 0, 1))
}

// CheckPDF prints a weekly check's report: its sample, scores and 整改 items.
func (a *CommApp) CheckPDF(id string) (_ []byte, err error) {
	defer a.d.guard("comm.checkPDF", &err)
	ctx := a.d.ctx()
	c, err := a.d.Store.QualityCheck(ctx, id)
	if err != nil {
		return nil, err
	}
	zone, err := a.d.Store.Zone(ctx)
	if err != nil {
		return nil, err
	}
	week, err := comm.ParseWeek("week", c.Week, zone)
	if err != nil {
		return nil, err
	}
	cfg, err := a.d.Store.CheckConfig(ctx)
	if err != nil {
		return nil, err
	}
	company, by, err := a.d.letterhead(ctx)
	if err != nil {
		return nil, err
	}
	wc := pdf.WeeklyCheck{Week: c.Week, From: week.Start, To: week.End.AddDate(0, 0, -1), Checker: c.Checker, Seed: c.Seed,
		PassPercent: cfg.PassPercent, GeneratedAt: a.d.Clock.Now(), GeneratedBy: by}
	for _, it := range c.Items {
		w := pdf.WeeklyCheckItem{Number: it.Number, Channel: it.Channel, Agent: it.Agent, At: it.At, Summary: it.Summary,
			Total: it.Total, Max: it.Max, Passed: it.Passed, Comment: it.Comment}
		for _, s := range it.Scores {
			w.Scores = append(w.Scores, fmt.Sprintf("%s %d/%d", s.Label, s.Score, s.Max))
		}
		if r := it.Rect; r != nil {
			w.RectOwner, w.RectDue, w.RectProblem, w.RectStatus, w.RectAction = r.Owner, r.Due, r.Problem, r.Status, r.ActionTaken
		}
		wc.Items = append(wc.Items, w)
	}
	out, err := pdf.RenderWeeklyCheck(company, wc)
	return out.PDF, err
}

// CheckFileName proposes the file name for saving a weekly check's report.
func (a *CommApp) CheckFileName(id string) (_ string, err error) {
	defer a.d.guard("comm.checkFileName", &err)
	c, err := a.d.Store.QualityCheck(a.d.ctx(), id)
	if err != nil {
		return "", err
	}
	return filename.Clean("沟通质量周抽检报告-" + c.Week + "-" + c.Checker + ".pdf"), nil
}
