package comm

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Config holds the weekly check's settings: how many communication records
// are drawn per channel (SampleSize, or ChannelSizes for a channel named
// there) and the share of the checklist's points a record needs to pass.
type Config struct {
	SampleSize   int            `json:"sampleSize"`
	ChannelSizes map[string]int `json:"channelSizes"`
	PassPercent  int            `json:"passPercent"`
	Version      int64          `json:"version"`
}

// Limits of the check's settings.
const (
	MaxSample   = 50
	MaxScore    = 100
	MaxLabel    = 40
	MaxComment  = 2000
	MaxAction   = 2000
	MaxItems    = 20
	WeekPattern = "2006-W01"
)

// Size is how many records of channel are drawn each week.
func (c Config) Size(channel string) int {
	if n, ok := c.ChannelSizes[channel]; ok {
		return n
	}
	return c.SampleSize
}

// CheckConfig checks the settings: sizes 0 to MaxSample (0 leaves a
// channel out), channels of the word list, a pass mark of 1 to 100 %.
func CheckConfig(c *Config, channels []string) error {
	var fe apperr.Fields
	if c.SampleSize < 1 || c.SampleSize > MaxSample {
		fe.Range("sampleSize", 1, MaxSample)
	}
	if c.ChannelSizes == nil {
		c.ChannelSizes = map[string]int{}
	}
	for ch, n := range c.ChannelSizes {
		if !contains(channels, ch) {
			fe.AddParams("channelSizes", "check_channel_unknown", map[string]any{"channel": ch})
			break
		}
		if n < 0 || n > MaxSample {
			fe.Range("channelSizes", 0, MaxSample)
			break
		}
	}
	if c.PassPercent < 1 || c.PassPercent > 100 {
		fe.Range("passPercent", 1, 100)
	}
	return fe.Err()
}

// ChecklistItem is one point of the checklist a record is scored on, from
// 0 to MaxScore.
type ChecklistItem struct {
	ID       string `json:"id"`
	Position int    `json:"position"`
	Label    string `json:"label"`
	MaxScore int    `json:"maxScore"`
	Active   bool   `json:"active"`
	Version  int64  `json:"version"`
}

// CheckChecklistItem trims and checks an item: a label, a top score of 1
// to MaxScore, and no other active item of the same label.
func CheckChecklistItem(it *ChecklistItem, all []ChecklistItem) error {
	it.Label = strings.TrimSpace(it.Label)
	var fe apperr.Fields
	fe.RequiredLine("label", it.Label, MaxLabel)
	if it.MaxScore < 1 || it.MaxScore > MaxScore {
		fe.Range("maxScore", 1, MaxScore)
	}
	active := 0
	for _, o := range all {
		if o.ID == it.ID {
			continue
		}
		if o.Active {
			active++
		}
		if o.Active && it.Active && o.Label == it.Label {
			fe.Add("label", "duplicate")
		}
	}
	if it.Active && active >= MaxItems {
		fe.AddParams("label", "too_many", map[string]any{"max": MaxItems})
	}
	if !it.Active && active == 0 {
		fe.Add("active", "check_last_item")
	}
	return fe.Err()
}

// Week is an ISO week, "2026-W49", in the company's zone.
type Week struct {
	Key   string    `json:"key"`
	Start time.Time `json:"start"` // Monday 00:00
	End   time.Time `json:"end"`   // the next Monday 00:00
}

// ParseWeek reads an ISO week key in zone; a bad one is refused on field.
func ParseWeek(field, key string, zone *time.Location) (Week, error) {
	var y, w int
	if n, err := fmt.Sscanf(strings.TrimSpace(key), "%4d-W%2d", &y, &w); err != nil || n != 2 || y < 2000 || y > 2100 || w < 1 || w > 53 {
		return Week{}, (&apperr.Error{Code: apperr.Invalid, Key: "check_fields", Message: "输入有误，请检查标出的字段"}).WithField(field, "check_week_invalid")
	}
	// ISO week 1 holds January 4th.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, zone)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	start := monday.AddDate(0, 0, 7*(w-1))
	if yy, ww := start.ISOWeek(); yy != y || ww != w {
		return Week{}, (&apperr.Error{Code: apperr.Invalid, Key: "check_fields", Message: "输入有误，请检查标出的字段"}).WithField(field, "check_week_invalid")
	}
	return Week{Key: WeekKey(start), Start: start, End: start.AddDate(0, 0, 7)}, nil
}

// WeekKey is the ISO week key of t, in t's zone.
func WeekKey(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// Candidate is a communication record that may be drawn: its request,
// channel, who wrote it and when the contact was.
type Candidate struct {
	RecordID  string    `json:"recordId"`
	RequestID string    `json:"requestId"`
	Number    string    `json:"number"`
	Channel   string    `json:"channel"`
	Agent     string    `json:"agent"`
	At        time.Time `json:"at"`
	Summary   string    `json:"summary"`
}

// Sample draws the week's sample: for each channel, Size(channel) records
// at random from the seed, never one the checker wrote. The same
// candidates and seed give the same sample, whatever order the candidates
// come in. The sample is ordered by channel, then as drawn.
func Sample(cands []Candidate, seed uint64, cfg Config, checker string) []Candidate {
	by := map[string][]Candidate{}
	for _, c := range cands {
		if c.Agent == checker {
			continue
		}
		by[c.Channel] = append(by[c.Channel], c)
	}
	channels := make([]string, 0, len(by))
	for ch := range by {
		channels = append(channels, ch)
	}
	sort.Strings(channels)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := []Candidate{}
	for _, ch := range channels {
		list := by[ch]
		sort.Slice(list, func(i, j int) bool {
			if !list[i].At.Equal(list[j].At) {
				return list[i].At.Before(list[j].At)
			}
			return list[i].RecordID < list[j].RecordID
		})
		n := min(cfg.Size(ch), len(list))
		// A partial Fisher–Yates shuffle: the first n are the sample.
		for i := 0; i < n; i++ {
			j := i + rng.IntN(len(list)-i)
			list[i], list[j] = list[j], list[i]
		}
		out = append(out, list[:n]...)
	}
	return out
}

// Score is one checklist point's score of a record, with the point as it
// was when scored.
type Score struct {
	ItemID string `json:"itemId"`
	Label  string `json:"label"`
	Max    int    `json:"max"`
	Score  int    `json:"score"`
}

// Verdict is a scored record: its scores, their sum, the most it could
// have, and whether it passed.
type Verdict struct {
	Scores []Score `json:"scores"`
	Total  int     `json:"total"`
	Max    int     `json:"max"`
	Passed bool    `json:"passed"`
}

// Judge scores a record on the active checklist items: every one needs a
// score from 0 to its top score (a score out of range, missing or for an
// item not on the list is refused, named by "score.<item id>"); the record
// passes with at least passPercent of the points.
func Judge(items []ChecklistItem, scores map[string]int, passPercent int) (Verdict, error) {
	var fe apperr.Fields
	var v Verdict
	active := map[string]bool{}
	for _, it := range items {
		if !it.Active {
			continue
		}
		active[it.ID] = true
		s, ok := scores[it.ID]
		switch {
		case !ok:
			fe.Add("score."+it.ID, "required")
		case s < 0 || s > it.MaxScore:
			fe.Range("score."+it.ID, 0, float64(it.MaxScore))
		}
		v.Scores = append(v.Scores, Score{ItemID: it.ID, Label: it.Label, Max: it.MaxScore, Score: s})
		v.Total += s
		v.Max += it.MaxScore
	}
	ids := make([]string, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !active[id] {
			fe.Add("score."+id, "check_item_unknown")
		}
	}
	if err := fe.Err(); err != nil {
		return Verdict{}, err
	}
	v.Passed = v.Max > 0 && v.Total*100 >= passPercent*v.Max
	return v, nil
}

// CheckScorer refuses a score by the record's own author: nobody checks
// their own records.
func CheckScorer(scorer, agent string) error {
	if scorer == agent {
		return apperr.New(apperr.Forbidden, "check_own_record", apperr.P{"name": agent})
	}
	return nil
}

// Rectification is a 整改 item: what a failed check asks of the record's
// author, by a day, closed with what was done.
type Rectification struct {
	ID          string    `json:"id"`
	CheckItemID string    `json:"checkItemId"`
	Owner       string    `json:"owner"`
	Due         string    `json:"due"`
	Problem     string    `json:"problem"`
	Status      string    `json:"status"` // open, closed
	ActionTaken string    `json:"actionTaken"`
	ClosedBy    string    `json:"closedBy"`
	ClosedAt    time.Time `json:"closedAt"`
	CreatedAt   time.Time `json:"createdAt"`
	Version     int64     `json:"version"`
}

// CheckRectification checks a new 整改 item: an owner on the list of active
// people, a due day (YYYY-MM-DD) from today to a year ahead, and the
// problem to put right.
func CheckRectification(r *Rectification, activePeople []string, today string) error {
	r.Owner, r.Due, r.Problem = strings.TrimSpace(r.Owner), strings.TrimSpace(r.Due), strings.TrimSpace(r.Problem)
	var fe apperr.Fields
	fe.RequiredLine("owner", r.Owner, 100)
	if !fe.Has("owner") && !contains(activePeople, r.Owner) {
		fe.AddParams("owner", "not_a_person", map[string]any{"name": r.Owner})
	}
	if r.Due == "" {
		fe.Add("due", "required")
	} else if d, err := time.Parse("2006-01-02", r.Due); err != nil {
		fe.Add("due", "date_invalid")
	} else if r.Due < today {
		fe.Add("due", "in_past")
	} else if t, _ := time.Parse("2006-01-02", today); d.After(t.AddDate(1, 0, 0)) {
		fe.Add("due", "due_too_far")
	}
	fe.Required("problem", r.Problem, MaxComment)
	return fe.Err()
}

// Close closes an open 整改 item with what was done; without it, or for one
// already closed, it is refused.
func Close(r Rectification, action string) (string, error) {
	action = strings.TrimSpace(action)
	if r.Status == "closed" {
		return "", apperr.New(apperr.Conflict, "rectification_closed", nil)
	}
	var fe apperr.Fields
	fe.Required("actionTaken", action, MaxAction)
	return action, fe.Err()
}
