// Package notify decides what a person's notifications are ("mine"): the
// notes that name them, the time limits of their work that are due soon or
// breached, requests assigned to them, reviews, approvals and tasks waiting
// for them; which of them the bell shows first, which are read or snoozed;
// and what the team server's group robot (钉钉 / 企业微信) posts.
package notify

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/notes"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// Kinds of notification, in the order the bell ranks them (see Select).
const (
	KindBreached = "breached" // a clock of my work is breached
	KindMention  = "mention"  // a note names me
	KindApprove  = "approve"  // a plan waits for my approval
	KindReview   = "review"   // a plan waits for my department's review
	KindAssigned = "assigned" // a request was assigned to me
	KindAssign   = "assign"   // a request waits for me to triage or assign it
	KindTask     = "task"     // a task of mine is open
	KindDueSoon  = "due_soon" // a clock of my work is due soon
)

var rank = map[string]int{KindBreached: 0, KindMention: 1, KindApprove: 2, KindReview: 3, KindAssigned: 4,
	KindAssign: 5, KindTask: 6, KindDueSoon: 7}

// Item is one notification of a person.
type Item struct {
	// Key names the notification for its marks: the same event keeps its
	// key (a clock that goes from due soon to breached is a new one).
	Key       string `json:"key"`
	Kind      string `json:"kind"`
	RequestID string `json:"requestId"`
	Number    string `json:"number"`
	Title     string `json:"title"`
	// Detail: the clock's kind, the note's text, the department to review
	// for, the task's title.
	Detail string `json:"detail"`
	// From: who wrote the note.
	From string `json:"from,omitempty"`
	// At: when it arose (the note's time), or when the clock is due.
	At   time.Time `json:"at"`
	Read bool      `json:"read"`
}

// Mark is a person's mark on one notification.
type Mark struct {
	ReadAt       time.Time `json:"readAt"`
	SnoozedUntil time.Time `json:"snoozedUntil"`
}

// List is what the bell shows of a person's notifications.
type List struct {
	// Person is whom the notifications are for ("mine").
	Person string `json:"person"`
	Items  []Item `json:"items"`
	// Unread counts the unread items shown; Snoozed the items hidden until
	// their snooze ends.
	Unread  int `json:"unread"`
	Snoozed int `json:"snoozed"`
}

// MentionWindow is how far back mentions are shown.
const MentionWindow = 30 * 24 * time.Hour

// MaxItems is the most items the bell lists.
const MaxItems = 100

// Mine gathers person's notifications: the mentions of them, and of their
// work (我的工作) the requests assigned to them, the approvals, reviews,
// triage, assignment and tasks waiting for them, and the running clocks of
// those requests that are due soon or breached (alerts are every such
// clock; only those of the person's requests are theirs).
func Mine(mentions []notes.Mention, work []request.WorkItem, alerts []request.Alert) []Item {
	var out []Item
	for _, m := range mentions {
		out = append(out, Item{Key: "mention/" + m.NoteID, Kind: KindMention, RequestID: m.RequestID, Number: m.Number,
			Title: m.Title, Detail: m.Body, From: m.Author, At: m.At})
	}
	mine := map[string]bool{}
	for _, w := range work {
		mine[w.RequestID] = true
		it := Item{RequestID: w.RequestID, Number: w.Number, Title: w.Title, Detail: w.Detail, At: w.UpdatedAt}
		switch {
		case w.Kind == "approve":
			it.Kind, it.Key = KindApprove, "approve/"+w.RequestID
		case w.Kind == "review":
			it.Kind, it.Key = KindReview, "review/"+w.RequestID+"/"+w.Detail
		case w.Kind == "own" && w.Status == request.StatusAssigned:
			it.Kind, it.Key = KindAssigned, "assigned/"+w.RequestID
		case w.Kind == "triage" || w.Kind == "assign":
			it.Kind, it.Key = KindAssign, w.Kind+"/"+w.RequestID
		case w.Kind == "task":
			it.Kind, it.Key = KindTask, "task/"+w.RequestID+"/"+w.Detail
		default:
			continue
		}
		out = append(out, it)
	}
	for _, a := range alerts {
		if !mine[a.RequestID] {
			continue
		}
		kind := KindDueSoon
		if a.State == sla.StateBreached {
			kind = KindBreached
		}
		out = append(out, Item{Key: "clock/" + a.RequestID + "/" + string(a.Kind) + "/" + string(a.State), Kind: kind,
			RequestID: a.RequestID, Number: a.Number, Title: a.Title, Detail: string(a.Kind), At: a.Due})
	}
	return out
}

// Select is what the bell shows of items given the person's marks at now:
// snoozed items are left out (counted) until their snooze ends; unread
// before read; then by kind (breached clocks, mentions, approvals, reviews,
// assignments, triage, tasks, clocks due soon); clocks earliest due first,
// the rest newest first. At most MaxItems.
func Select(person string, items []Item, marks map[string]Mark, now time.Time) List {
	out := List{Person: person, Items: []Item{}}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		m := marks[it.Key]
		if m.SnoozedUntil.After(now) {
			out.Snoozed++
			continue
		}
		it.Read = !m.ReadAt.IsZero()
		out.Items = append(out.Items, it)
	}
	sort.SliceStable(out.Items, func(i, j int) bool {
		a, b := out.Items[i], out.Items[j]
		if a.Read != b.Read {
			return !a.Read
		}
		if rank[a.Kind] != rank[b.Kind] {
			return rank[a.Kind] < rank[b.Kind]
		}
		if a.Kind == KindBreached || a.Kind == KindDueSoon {
			return a.At.Before(b.At)
		}
		return a.At.After(b.At)
	})
	if len(out.Items) > MaxItems {
		out.Items = out.Items[:MaxItems]
	}
	for _, it := range out.Items {
		if !it.Read {
			out.Unread++
		}
	}
	return out
}

// Mark actions.
const (
	ActionRead   = "read"
	ActionUnread = "unread"
	ActionSnooze = "snooze"
)

// MarkInput marks notifications of the person acting, by key: read, unread
// again, or snoozed until Until.
type MarkInput struct {
	Keys   []string  `json:"keys"`
	Action string    `json:"action"`
	Until  time.Time `json:"until"`
}

// MaxSnooze is the longest a notification may be snoozed.
const MaxSnooze = 30 * 24 * time.Hour

// MaxKeys bounds how many notifications one mark names (mark all read).
const MaxKeys = 500

// Apply is the mark a notification has after action at now: read, unread
// again, or snoozed until (after now, within MaxSnooze). Snoozing leaves
// the read mark as it is; marking read or unread ends a snooze.
func Apply(m Mark, action string, until, now time.Time) (Mark, error) {
	switch action {
	case ActionRead:
		return Mark{ReadAt: now}, nil
	case ActionUnread:
		return Mark{}, nil
	case ActionSnooze:
		var fe apperr.Fields
		if !until.After(now) || until.Sub(now) > MaxSnooze {
			fe.AddParams("until", "snooze_range", map[string]any{"days": int(MaxSnooze / (24 * time.Hour))})
			return m, fe.Err()
		}
		m.SnoozedUntil = until
		return m, nil
	}
	var fe apperr.Fields
	fe.Add("action", "not_in_list")
	return m, fe.Err()
}

// CheckKeys refuses a mark that names no notification, too many, or a key
// that is not one (a key is a line of at most 300 characters).
func CheckKeys(keys []string) error {
	var fe apperr.Fields
	if len(keys) == 0 {
		fe.Add("keys", "required")
	} else if len(keys) > MaxKeys {
		fe.AddParams("keys", "too_many", map[string]any{"max": MaxKeys})
	}
	for _, k := range keys {
		if strings.TrimSpace(k) == "" || !strings.Contains(k, "/") {
			fe.Add("keys", "not_in_list")
			break
		}
		if fe.Line("keys", k, 300); fe.Has("keys") {
			break
		}
	}
	return fe.Err()
}

// Notice is the desktop notification for the unread items of a person the
// previous look did not have (seen, updated): one item says what it is,
// several make one summary.
func Notice(seen map[string]bool, l List) (title, body string, ok bool) {
	var fresh []Item
	for _, it := range l.Items {
		if it.Read || seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		fresh = append(fresh, it)
	}
	if len(fresh) == 0 {
		return "", "", false
	}
	title = "需求管家 · 我的提醒"
	if len(fresh) == 1 {
		return title, Text(fresh[0]), true
	}
	return title, fmt.Sprintf("%d 条新提醒，例如 %s", len(fresh), Text(fresh[0])), true
}

// Text says one notification in a line (the desktop notification's body).
func Text(it Item) string {
	head := it.Number + " " + it.Title
	switch it.Kind {
	case KindMention:
		return fmt.Sprintf("%s 在 %s 的内部备注中提到了您：%s", it.From, head, clip(it.Detail, 60))
	case KindBreached:
		return fmt.Sprintf("%s：%s已超时", head, sla.Kind(it.Detail).Name())
	case KindDueSoon:
		return fmt.Sprintf("%s：%s即将到期", head, sla.Kind(it.Detail).Name())
	case KindApprove:
		return head + "：方案等待您审批"
	case KindReview:
		return fmt.Sprintf("%s：方案等待%s评审", head, it.Detail)
	case KindAssigned:
		return head + "：已分配给您"
	case KindAssign:
		return head + "：等待分类或分配"
	case KindTask:
		return fmt.Sprintf("%s：任务“%s”待完成", head, it.Detail)
	}
	return head
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
