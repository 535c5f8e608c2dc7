package comm

import (
	"strconv"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
)

// MeasureID names a measure of communication quality: the record
// measures of internal/report (report.RecordMeasures), defined there once.
type MeasureID = report.MeasureID

// The measures of plan 004 this package computes.
const (
	ScriptFitRate     = report.ScriptFitRate     // 话术适配率
	CheckPassRate     = report.CheckPassRate     // 抽检合格率
	RectificationRate = report.RectificationRate // 整改率
)

// Def is a measure as the 沟通质量 screen shows it: its name, how it is
// computed in one line (report.RecordMeasures) and its target (at least
// Target %, plan 004's default until the reports' targets say otherwise).
type Def struct {
	ID         MeasureID `json:"id"`
	Label      string    `json:"label"`
	Definition string    `json:"definition"`
	Target     float64   `json:"target"`
}

// DefOf returns the definition of id, with its default target.
func DefOf(id MeasureID) Def {
	d, _ := report.Lookup(id)
	return Def{ID: id, Label: d.Name, Definition: d.Definition, Target: report.DefaultConfig().Targets[id].Value}
}

// WithTarget judges r against target (at least target %) instead of the
// default.
func (r Result) WithTarget(target float64) Result {
	r.Def.Target = target
	if r.Value != nil {
		met := *r.Value >= target
		r.Met = &met
	}
	return r
}

// Ref is one record behind a measure: what opening the measure lists.
type Ref struct {
	RecordID  string    `json:"recordId"`
	RequestID string    `json:"requestId"`
	Number    string    `json:"number"`
	Kind      string    `json:"kind"`
	Who       string    `json:"who"`
	At        time.Time `json:"at"`
	// Counted: the record is in the numerator (used a current script,
	// passed, closed).
	Counted bool   `json:"counted"`
	Note    string `json:"note"`
}

// Result is a measure over a period: numerator, denominator, the value in
// percent (nil without a denominator), whether it meets its target (nil
// when it cannot be judged), and the records behind it.
type Result struct {
	Def   Def      `json:"def"`
	Num   int      `json:"num"`
	Den   int      `json:"den"`
	Value *float64 `json:"value"`
	Met   *bool    `json:"met"`
	Refs  []Ref    `json:"refs"`
}

func result(id MeasureID, refs []Ref) Result {
	r := Result{Def: DefOf(id), Refs: refs}
	if r.Refs == nil {
		r.Refs = []Ref{}
	}
	for _, ref := range refs {
		r.Den++
		if ref.Counted {
			r.Num++
		}
	}
	if r.Den > 0 {
		v := float64(r.Num) * 100 / float64(r.Den)
		met := v >= r.Def.Target
		r.Value, r.Met = &v, &met
	}
	return r
}

// Use is a customer-facing record of the period and the script it says it
// was written from (ScriptUse of its body; empty when none).
type Use struct {
	Ref
	ScriptID string
	Revision int
}

// ScriptFit is 话术适配率: of the records, those that used the revision of a
// script in force when they were written, the script active then. revs are
// every script's revisions by script id.
func ScriptFit(uses []Use, revs map[string][]Revision) Result {
	refs := make([]Ref, 0, len(uses))
	for _, u := range uses {
		ref := u.Ref
		switch {
		case u.ScriptID == "":
			ref.Note = "未使用话术"
		default:
			cur, ok := CurrentAt(revs[u.ScriptID], u.At)
			switch {
			case !ok:
				ref.Note = "话术不存在"
			case !cur.Active:
				ref.Note = "话术已停用"
			case cur.Revision != u.Revision:
				ref.Note = "使用的不是现行版本"
			default:
				ref.Counted, ref.Note = true, cur.Title
			}
		}
		refs = append(refs, ref)
	}
	return result(ScriptFitRate, refs)
}

// CheckedItem is a scored record of a weekly check.
type CheckedItem struct {
	Ref
	Passed bool
	Total  int
	Max    int
}

// PassRate is 抽检合格率: the share of the scored records that passed.
func PassRate(items []CheckedItem) Result {
	refs := make([]Ref, 0, len(items))
	for _, it := range items {
		ref := it.Ref
		ref.Counted = it.Passed
		ref.Note = scoreNote(it.Total, it.Max, it.Passed)
		refs = append(refs, ref)
	}
	return result(CheckPassRate, refs)
}

func scoreNote(total, max int, passed bool) string {
	v := "不合格"
	if passed {
		v = "合格"
	}
	return v + " " + strconv.Itoa(total) + "/" + strconv.Itoa(max)
}

// OpenedRectification is a 整改 item opened in the period.
type OpenedRectification struct {
	Ref
	Closed bool
	Due    string
}

// RectRate is 整改率: the share of the 整改 items opened in the period that
// are closed.
func RectRate(items []OpenedRectification) Result {
	refs := make([]Ref, 0, len(items))
	for _, it := range items {
		ref := it.Ref
		ref.Counted = it.Closed
		if it.Closed {
			ref.Note = "已整改"
		} else {
			ref.Note = "待整改，期限 " + it.Due
		}
		refs = append(refs, ref)
	}
	return result(RectificationRate, refs)
}
