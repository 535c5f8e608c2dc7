// Package comm holds the rules of communication quality (plan 004): the
// reply scripts (话术库) with their placeholders and revisions, the weekly
// quality checks (质量抽检) of communication records with their 整改 items,
// and the measures read from them (话术适配率, 抽检合格率, 整改率). Every
// function here is pure; internal/command loads and saves through
// internal/store.
package comm

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Topic is one of the standard topics a script answers (plan 004: greetings
// and answer templates). A script may also take a recurring problem's word
// as its topic (see MissingTopics).
type Topic struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// Topics are the standard topics, in the order of a conversation.
var Topics = []Topic{
	{"greeting", "问候"}, {"clarify", "澄清提问"}, {"progress", "进度告知"},
	{"result", "结果答复"}, {"apology", "致歉"}, {"closing", "结束语"},
}

// IsStandardTopic reports whether key is one of Topics.
func IsStandardTopic(key string) bool {
	for _, t := range Topics {
		if t.Key == key {
			return true
		}
	}
	return false
}

// Placeholder is a field a script may name in braces, filled from the
// request it is used on.
type Placeholder struct {
	Name string `json:"name"`
	Hint string `json:"hint"`
}

// Placeholders are every field a script may name; any other name in braces
// is refused when the script is saved.
var Placeholders = []Placeholder{
	{"客户名称", "需求的客户"},
	{"联系人", "需求的联系人"},
	{"需求编号", "如 XR-2026-001"},
	{"需求标题", "需求描述（简要）"},
	{"预计完成日期", "需求分析确认函中的预计交付日期"},
	{"负责人", "需求负责人"},
	{"接收时间", "需求的接收日期"},
	{"公司名称", "设置中的公司名称"},
	{"当前日期", "插入话术的日期"},
}

// Limits of a script's text, in characters.
const (
	MaxBody  = 2000
	MaxTitle = 60
	MaxTopic = 40
	MaxNote  = 500
)

var braces = regexp.MustCompile(`\{([^{}]*)\}`)

// Fields lists the placeholder names body uses, each once, in order.
func Fields(body string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range braces.FindAllStringSubmatch(body, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

func knownField(name string) bool {
	for _, p := range Placeholders {
		if p.Name == name {
			return true
		}
	}
	return false
}

// Script is a reply script at its current revision.
type Script struct {
	ID        string    `json:"id"`
	Channel   string    `json:"channel"` // "" = every channel
	Topic     string    `json:"topic"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Active    bool      `json:"active"`
	Revision  int       `json:"revision"`
	UpdatedBy string    `json:"updatedBy"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	Version   int64     `json:"version"`
}

// Revision is one revision of a script: what it said from ChangedAt on,
// who changed it and why.
type Revision struct {
	ScriptID  string    `json:"scriptId"`
	Revision  int       `json:"revision"`
	Channel   string    `json:"channel"`
	Topic     string    `json:"topic"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Active    bool      `json:"active"`
	Note      string    `json:"note"`
	ChangedBy string    `json:"changedBy"`
	ChangedAt time.Time `json:"changedAt"`
}

// ScriptInput adds a script (ID empty) or changes one read at Version.
type ScriptInput struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Channel string `json:"channel"`
	Topic   string `json:"topic"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	Active  bool   `json:"active"`
	// Note says what changed and why (the monthly review); required for a
	// change.
	Note string `json:"note"`
}

// CheckScript trims in and checks it: a channel of the word list or none,
// a topic, a title, a text whose every {field} is one of Placeholders, and
// for a change a note of what changed. An unknown field is named in the
// error (script_unknown_field on "body").
func CheckScript(in *ScriptInput, channels []string) error {
	in.Channel, in.Topic, in.Title = strings.TrimSpace(in.Channel), strings.TrimSpace(in.Topic), strings.TrimSpace(in.Title)
	in.Body, in.Note = strings.TrimSpace(in.Body), strings.TrimSpace(in.Note)
	var fe apperr.Fields
	if in.Channel != "" && !contains(channels, in.Channel) {
		fe.Add("channel", "not_in_list")
	}
	fe.RequiredLine("topic", in.Topic, MaxTopic)
	fe.RequiredLine("title", in.Title, MaxTitle)
	fe.Required("body", in.Body, MaxBody)
	if !fe.Has("body") {
		for _, name := range Fields(in.Body) {
			if !knownField(name) {
				fe.AddParams("body", "script_unknown_field", map[string]any{"name": name, "known": placeholderNames()})
				break
			}
		}
	}
	if in.ID != "" {
		fe.Required("note", in.Note, MaxNote)
	} else {
		fe.MaxLen("note", in.Note, MaxNote)
	}
	return fe.Err()
}

func placeholderNames() string {
	names := make([]string, len(Placeholders))
	for i, p := range Placeholders {
		names[i] = "{" + p.Name + "}"
	}
	return strings.Join(names, " ")
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Changed reports whether in changes anything of s (else a save is refused
// as having nothing to record).
func Changed(s Script, in ScriptInput) bool {
	return s.Channel != in.Channel || s.Topic != in.Topic || s.Title != in.Title || s.Body != in.Body || s.Active != in.Active
}

// Source is what a script's fields are filled from: a request, its
// customer, the analysis' expected delivery and the company.
type Source struct {
	Request request.Request
	// ExpectedDelivery is the analysis letter's expected delivery day
	// (YYYY-MM-DD), "" when none was written.
	ExpectedDelivery string
	Company          string
	Now              time.Time
	Zone             *time.Location
}

// Values gives every placeholder's value from src; a field without a value
// is "".
func Values(src Source) map[string]string {
	zone := src.Zone
	if zone == nil {
		zone = time.Local
	}
	r := src.Request.Fields
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		t = t.In(zone)
		return t.Format("2006年1月2日")
	}
	expected := ""
	if t, err := time.ParseInLocation("2006-01-02", src.ExpectedDelivery, zone); err == nil {
		expected = day(t)
	}
	return map[string]string{
		"客户名称":   src.Request.CustomerName,
		"联系人":    r.ContactName,
		"需求编号":   src.Request.Number,
		"需求标题":   r.Title,
		"预计完成日期": expected,
		"负责人":    r.Owner,
		"接收时间":   day(r.ReceivedAt),
		"公司名称":   src.Company,
		"当前日期":   day(src.Now),
	}
}

// Filled is a script's text with its fields filled in.
type Filled struct {
	Text     string `json:"text"`
	ScriptID string `json:"scriptId"`
	Revision int    `json:"revision"`
	// Missing names the fields the request has no value for; they stay in
	// the text in braces for the writer to fill.
	Missing []string `json:"missing"`
}

// Fill fills s's fields from values. A field without a value stays as it
// is and is listed in Missing; a field no placeholder has (a script saved
// before the list changed) is refused, naming it.
func Fill(s Script, values map[string]string) (Filled, error) {
	out := Filled{ScriptID: s.ID, Revision: s.Revision, Missing: []string{}}
	for _, name := range Fields(s.Body) {
		if !knownField(name) {
			return out, apperr.New(apperr.Invalid, "script_unknown_field", apperr.P{"name": name, "known": placeholderNames()})
		}
	}
	out.Text = braces.ReplaceAllStringFunc(s.Body, func(m string) string {
		name := m[1 : len(m)-1]
		if v := values[name]; v != "" {
			return v
		}
		if !contains(out.Missing, name) {
			out.Missing = append(out.Missing, name)
		}
		return m
	})
	return out, nil
}

// CurrentAt is the revision of a script in force at t: the last one made at
// or before t (revs of one script, any order); ok false before the first.
func CurrentAt(revs []Revision, t time.Time) (Revision, bool) {
	var best Revision
	ok := false
	for _, r := range revs {
		if r.ChangedAt.After(t) {
			continue
		}
		if !ok || r.Revision > best.Revision {
			best, ok = r, true
		}
	}
	return best, ok
}

// MissingTopic is a recurring problem of the requests (report.TopTerms of
// their titles) no active script answers yet.
type MissingTopic struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// MissingTopics are the recurring problems among terms that no active
// script takes as its topic or names in its title.
func MissingTopics(terms []report.Term, scripts []Script) []MissingTopic {
	out := []MissingTopic{}
	for _, t := range terms {
		covered := false
		for _, s := range scripts {
			if s.Active && (strings.Contains(strings.ToLower(s.Topic), t.Term) || strings.Contains(strings.ToLower(s.Title), t.Term)) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, MissingTopic{Term: t.Term, Count: t.Count})
		}
	}
	return out
}

// SortScripts orders scripts for the library: standard topics in their
// order, then the others by topic; within a topic by channel and title.
func SortScripts(list []Script) {
	rank := func(topic string) int {
		for i, t := range Topics {
			if t.Key == topic {
				return i
			}
		}
		return len(Topics)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if ra, rb := rank(a.Topic), rank(b.Topic); ra != rb {
			return ra < rb
		}
		if a.Topic != b.Topic {
			return a.Topic < b.Topic
		}
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		return a.Title < b.Title
	})
}
