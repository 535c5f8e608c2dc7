package command

import (
	"context"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Audit entities of communication quality.
const (
	entityScript        = "comm_script"
	entityCheckConfig   = "comm_check_config"
	entityChecklist     = "comm_checklist"
	entityCheck         = "comm_check"
	entityCheckItem     = "comm_check_item"
	entityRectification = "comm_rectification"
)

// checkScriptUse refuses a record that names a script revision the library
// does not have (the body's form is request.ScriptUse's to check).
func checkScriptUse(ctx context.Context, tx *store.Tx, body any) error {
	b, ok := body.(interface{ Script() request.ScriptUse })
	if !ok || b.Script().ScriptID == "" {
		return nil
	}
	u := b.Script()
	found, err := tx.ScriptRevisionExists(ctx, u.ScriptID, u.ScriptRevision)
	if err != nil || found {
		return err
	}
	var fe apperr.Fields
	fe.Add("scriptId", "not_found")
	return fe.Err()
}

func channelLabels(ctx context.Context, tx *store.Tx) ([]string, error) {
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(lists.Channels))
	for _, it := range lists.Channels {
		out = append(out, it.Label)
	}
	return out, nil
}

// SaveScript adds a reply script (Input.ID empty) or makes a new revision
// of one read at Input.Version, noting who changed what and why.
type SaveScript struct {
	Input comm.ScriptInput `json:"input"`
}

// Name names the command.
func (SaveScript) Name() string { return "comm.saveScript" }

func (c SaveScript) run(ctx context.Context, tx *store.Tx) (comm.Script, error) {
	in := c.Input
	channels, err := channelLabels(ctx, tx)
	if err != nil {
		return comm.Script{}, err
	}
	if err := comm.CheckScript(&in, channels); err != nil {
		return comm.Script{}, err
	}
	actor, err := tx.Actor(ctx)
	if err != nil {
		return comm.Script{}, err
	}
	if in.ID == "" {
		id := tx.NewID()
		if err := tx.InsertScript(ctx, id, in, actor); err != nil {
			return comm.Script{}, err
		}
		out, err := tx.Script(ctx, id)
		if err != nil {
			return out, err
		}
		return out, tx.Audit(ctx, entityScript, id, audit.ActionCreate, nil, out)
	}
	old, err := tx.Script(ctx, in.ID)
	if err != nil {
		return comm.Script{}, err
	}
	if old.Version != in.Version {
		return comm.Script{}, apperr.Stale("script")
	}
	if !comm.Changed(old, in) {
		return comm.Script{}, apperr.New(apperr.Invalid, "script_unchanged", nil)
	}
	if err := tx.UpdateScript(ctx, old, in, actor); err != nil {
		return comm.Script{}, err
	}
	out, err := tx.Script(ctx, in.ID)
	if err != nil {
		return out, err
	}
	return out, tx.Audit(ctx, entityScript, in.ID, audit.ActionUpdate, old, out)
}

// SaveCheckConfig stores the weekly check's sample sizes and pass mark.
type SaveCheckConfig struct {
	Config comm.Config `json:"config"`
}

// Name names the command.
func (SaveCheckConfig) Name() string { return "comm.saveCheckConfig" }

func (c SaveCheckConfig) run(ctx context.Context, tx *store.Tx) (comm.Config, error) {
	cfg := c.Config
	channels, err := channelLabels(ctx, tx)
	if err != nil {
		return cfg, err
	}
	if err := comm.CheckConfig(&cfg, channels); err != nil {
		return cfg, err
	}
	before, err := tx.CheckConfig(ctx)
	if err != nil {
		return cfg, err
	}
	if err := tx.SaveCheckConfig(ctx, cfg); err != nil {
		return cfg, err
	}
	after, err := tx.CheckConfig(ctx)
	if err != nil {
		return after, err
	}
	return after, tx.Audit(ctx, entityCheckConfig, "check", audit.ActionUpdate, before, after)
}

// SaveChecklistItem adds a checklist item (Item.ID empty) or changes one
// read at Item.Version; an item is retired (Active false), never removed,
// so old scores keep their labels.
type SaveChecklistItem struct {
	Item comm.ChecklistItem `json:"item"`
}

// Name names the command.
func (SaveChecklistItem) Name() string { return "comm.saveChecklistItem" }

func (c SaveChecklistItem) run(ctx context.Context, tx *store.Tx) ([]comm.ChecklistItem, error) {
	it := c.Item
	all, err := tx.Checklist(ctx)
	if err != nil {
		return nil, err
	}
	var before *comm.ChecklistItem
	if it.ID != "" {
		for i := range all {
			if all[i].ID == it.ID {
				before = &all[i]
			}
		}
		if before == nil {
			return nil, apperr.Missing("check_item")
		}
		if before.Version != it.Version {
			return nil, apperr.Stale("check_item")
		}
	}
	if err := comm.CheckChecklistItem(&it, all); err != nil {
		return nil, err
	}
	action := audit.ActionUpdate
	if it.ID == "" {
		it.ID, action = tx.NewID(), audit.ActionCreate
		err = tx.InsertChecklistItem(ctx, it.ID, it)
	} else {
		err = tx.UpdateChecklistItem(ctx, it)
	}
	if err != nil {
		return nil, err
	}
	out, err := tx.Checklist(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range out {
		if x.ID == it.ID {
			return out, tx.Audit(ctx, entityChecklist, it.ID, action, before, x)
		}
	}
	return out, nil
}

// DrawCheck draws the acting person's weekly check: the sample of the
// week's communication records (comm.Sample), never their own. Seed, a
// decimal number, repeats an earlier draw; empty, one is made from the
// command's id (so a replay draws the same).
type DrawCheck struct {
	Week string `json:"week"`
	Seed string `json:"seed"`
}

// Name names the command.
func (DrawCheck) Name() string { return "comm.drawCheck" }

func (c DrawCheck) run(ctx context.Context, tx *store.Tx) (store.QualityCheck, error) {
	zone, err := tx.Zone(ctx)
	if err != nil {
		return store.QualityCheck{}, err
	}
	week, err := comm.ParseWeek("week", c.Week, zone)
	if err != nil {
		return store.QualityCheck{}, err
	}
	var fe apperr.Fields
	if week.Start.After(tx.Now()) {
		fe.Add("week", "in_future")
	}
	var seed uint64
	if s := strings.TrimSpace(c.Seed); s != "" {
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			fe.Add("seed", "check_seed_invalid")
		}
	} else {
		h := fnv.New64a()
		h.Write([]byte(tx.NewID()))
		seed = h.Sum64()
	}
	if err := fe.Err(); err != nil {
		return store.QualityCheck{}, err
	}
	checker, err := tx.Actor(ctx)
	if err != nil {
		return store.QualityCheck{}, err
	}
	taken, err := tx.CheckTaken(ctx, week.Key, checker)
	if err != nil {
		return store.QualityCheck{}, err
	}
	if taken {
		return store.QualityCheck{}, apperr.New(apperr.Conflict, "check_exists", apperr.P{"week": week.Key, "name": checker})
	}
	cfg, err := tx.CheckConfig(ctx)
	if err != nil {
		return store.QualityCheck{}, err
	}
	cands, err := tx.Candidates(ctx, week.Start, week.End)
	if err != nil {
		return store.QualityCheck{}, err
	}
	sample := comm.Sample(cands, seed, cfg, checker)
	if len(sample) == 0 {
		return store.QualityCheck{}, apperr.New(apperr.Invalid, "check_no_records", apperr.P{"week": week.Key})
	}
	sizes := map[string]int{}
	for _, s := range sample {
		sizes[s.Channel] = cfg.Size(s.Channel)
	}
	id := tx.NewID()
	if err := tx.InsertCheck(ctx, id, week.Key, checker, seed, sizes, sample); err != nil {
		return store.QualityCheck{}, err
	}
	out, err := tx.QualityCheck(ctx, id)
	if err != nil {
		return out, err
	}
	return out, tx.Audit(ctx, entityCheck, id, audit.ActionCreate, nil, map[string]any{"week": week.Key, "checker": checker,
		"seed": out.Seed, "records": len(out.Items)})
}

// RectInput is the 整改 item a failed check opens.
type RectInput struct {
	Owner   string `json:"owner"`
	Due     string `json:"due"`
	Problem string `json:"problem"`
}

// ScoreCheckItem scores a sampled record on the checklist (read at
// Version); a record that fails opens a 整改 item, whose owner, due day
// and problem Rect gives. Nobody scores their own record, and a score
// stands once given.
type ScoreCheckItem struct {
	ID      string         `json:"id"`
	Version int64          `json:"version"`
	Scores  map[string]int `json:"scores"`
	Comment string         `json:"comment"`
	Rect    RectInput      `json:"rect"`
}

// Name names the command.
func (ScoreCheckItem) Name() string { return "comm.scoreCheckItem" }

func (c ScoreCheckItem) run(ctx context.Context, tx *store.Tx) (store.CheckItem, error) {
	it, err := tx.CheckItem(ctx, c.ID)
	if err != nil {
		return it, err
	}
	if it.Version != c.Version {
		return it, apperr.Stale("check")
	}
	if it.Passed != nil {
		return it, apperr.New(apperr.Conflict, "check_item_scored", nil)
	}
	scorer, err := tx.Actor(ctx)
	if err != nil {
		return it, err
	}
	if err := comm.CheckScorer(scorer, it.Agent); err != nil {
		return it, err
	}
	items, err := tx.Checklist(ctx)
	if err != nil {
		return it, err
	}
	cfg, err := tx.CheckConfig(ctx)
	if err != nil {
		return it, err
	}
	v, err := comm.Judge(items, c.Scores, cfg.PassPercent)
	if err != nil {
		return it, err
	}
	comment := strings.TrimSpace(c.Comment)
	var fe apperr.Fields
	fe.MaxLen("comment", comment, comm.MaxComment)
	if err := fe.Err(); err != nil {
		return it, err
	}
	var rect comm.Rectification
	if !v.Passed {
		names, err := tx.ActiveNames(ctx)
		if err != nil {
			return it, err
		}
		zone, err := tx.Zone(ctx)
		if err != nil {
			return it, err
		}
		rect = comm.Rectification{CheckItemID: it.ID, Owner: c.Rect.Owner, Due: c.Rect.Due, Problem: c.Rect.Problem}
		if err := comm.CheckRectification(&rect, names, tx.Now().In(zone).Format("2006-01-02")); err != nil {
			return it, err
		}
	}
	if err := tx.ScoreCheckItem(ctx, it.ID, it.Version, v, comment, scorer); err != nil {
		return it, err
	}
	if !v.Passed {
		rect.ID = tx.NewID()
		if err := tx.InsertRectification(ctx, rect.ID, rect); err != nil {
			return it, err
		}
		if err := tx.Audit(ctx, entityRectification, rect.ID, audit.ActionCreate, nil, rect); err != nil {
			return it, err
		}
	}
	out, err := tx.CheckItem(ctx, it.ID)
	if err != nil {
		return out, err
	}
	return out, tx.Audit(ctx, entityCheckItem, it.ID, audit.ActionUpdate, nil, map[string]any{"scores": v.Scores, "total": v.Total,
		"max": v.Max, "passed": v.Passed, "comment": comment, "record": it.RecordID})
}

// CloseRectification closes a 整改 item, read at Version, with what was done.
type CloseRectification struct {
	ID          string `json:"id"`
	Version     int64  `json:"version"`
	ActionTaken string `json:"actionTaken"`
}

// Name names the command.
func (CloseRectification) Name() string { return "comm.closeRectification" }

func (c CloseRectification) run(ctx context.Context, tx *store.Tx) (comm.Rectification, error) {
	it, err := tx.CheckItemOfRect(ctx, c.ID)
	if err != nil {
		return comm.Rectification{}, err
	}
	before := *it.Rect
	if before.Version != c.Version {
		return before, apperr.Stale("rectification")
	}
	action, err := comm.Close(before, c.ActionTaken)
	if err != nil {
		return before, err
	}
	actor, err := tx.Actor(ctx)
	if err != nil {
		return before, err
	}
	if err := tx.CloseRectification(ctx, c.ID, c.Version, action, actor); err != nil {
		return before, err
	}
	it, err = tx.CheckItemOfRect(ctx, c.ID)
	if err != nil {
		return before, err
	}
	return *it.Rect, tx.Audit(ctx, entityRectification, c.ID, audit.ActionUpdate, before, *it.Rect)
}
