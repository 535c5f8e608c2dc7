package request

import (
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// LinkKind is how one request stands to another: a duplicate of the kept
// one, a follow-up of the one it came from, or simply related.
type LinkKind string

// The kinds of link. A link goes From → To: From is a duplicate of To,
// From follows from To, From is related to To (shown alike both ways).
const (
	LinkDuplicate LinkKind = "duplicate" // 重复于
	LinkFollows   LinkKind = "follows"   // 后续于（源自）
	LinkRelated   LinkKind = "related"   // 相关
)

// LinkKinds are the kinds of link, in the order the UI offers them.
var LinkKinds = []LinkKind{LinkRelated, LinkFollows, LinkDuplicate}

// MaxLinkNote bounds a link's note, in characters.
const MaxLinkNote = MaxShort * 2

// Link is one link between two requests.
type Link struct {
	ID        string    `json:"id"`
	FromID    string    `json:"fromId"`
	ToID      string    `json:"toId"`
	Kind      LinkKind  `json:"kind"`
	Note      string    `json:"note"`
	CreatedBy string    `json:"createdBy"`
	CreatedAt time.Time `json:"createdAt"`
}

// LinkedRequest is a link as one of its two requests shows it: the other
// request, and whether the link starts here (Outgoing: this request is the
// duplicate, the follow-up) or there.
type LinkedRequest struct {
	Link     Link   `json:"link"`
	Outgoing bool   `json:"outgoing"`
	ID       string `json:"id"`
	Number   string `json:"number"`
	Title    string `json:"title"`
	Status   Status `json:"status"`
}

// LinkInput is a link a person asks for from the request they are on.
type LinkInput struct {
	Kind LinkKind `json:"kind"`
	// To names the other request by number or id.
	To   string `json:"to"`
	Note string `json:"note"`
}

// CheckLink decides whether from may be linked to to with in: not to
// itself, a known kind, not twice, and not as a duplicate — that link
// follows only from closing the request as a duplicate (the reject step
// with 重复的原需求), so the rule that a duplicate points to the kept request
// lives in one place (see KeptRequest). existing are from's links, both
// ways. It returns the input cleaned.
func CheckLink(from Request, to *Request, in LinkInput, existing []Link) (LinkInput, error) {
	in.To, in.Note = strings.TrimSpace(in.To), strings.TrimSpace(in.Note)
	var fe apperr.Fields
	switch in.Kind {
	case LinkRelated, LinkFollows:
	case LinkDuplicate:
		fe.Add("kind", "link_duplicate_by_reject")
	default:
		fe.Add("kind", "not_in_list")
	}
	fe.Line("note", in.Note, MaxLinkNote)
	if in.To == "" {
		fe.Add("to", "required")
	} else if to == nil {
		fe.Add("to", "link_target_not_found")
	} else if to.ID == from.ID {
		fe.Add("to", "link_self")
	}
	if err := fe.Err(); err != nil {
		return in, err
	}
	for _, l := range existing {
		same := l.FromID == from.ID && l.ToID == to.ID
		back := l.FromID == to.ID && l.ToID == from.ID
		if (same || (back && in.Kind == LinkRelated)) && l.Kind == in.Kind {
			return in, apperr.New(apperr.Conflict, "link_exists", apperr.P{"number": to.Number}).WithField("to", "link_exists")
		}
		if back && in.Kind == LinkFollows && l.Kind == LinkFollows {
			// A follows B and B follows A: a loop, never meant.
			return in, apperr.New(apperr.Invalid, "link_loop", apperr.P{"number": to.Number}).WithField("to", "link_loop")
		}
	}
	return in, nil
}

// CheckUnlink decides whether a link may be removed: a duplicate link
// stays while the request is closed as that duplicate (it is the step's
// record; reopening the request is the way back).
func CheckUnlink(l Link) error {
	if l.Kind == LinkDuplicate {
		return apperr.New(apperr.Invalid, "link_duplicate_kept", nil)
	}
	return nil
}

// MaxDuplicateChain bounds how far KeptRequest follows duplicates.
const MaxDuplicateChain = 20

// KeptRequest is the request a request closed as a duplicate of named
// should point to: named itself, or, when named was itself closed as a
// duplicate, the request kept in its place (followed to the end).
// duplicateOf gives a request's DuplicateOf ("" when it is none's
// duplicate). A chain that comes back to self is refused: a request cannot
// be a duplicate of its own duplicate.
func KeptRequest(self, named string, duplicateOf func(id string) (string, error)) (string, error) {
	cur := named
	for range MaxDuplicateChain {
		if cur == self {
			return "", fieldError("duplicateOf", "duplicate_of_own_duplicate", "所填原需求本身是本需求的重复")
		}
		next, err := duplicateOf(cur)
		if err != nil {
			return "", err
		}
		if next == "" {
			return cur, nil
		}
		cur = next
	}
	return cur, nil
}

// DuplicateLink is the link closing from as a duplicate of the kept
// request makes; ok is false when the step made no duplicate (no
// 重复的原需求 given) or the link is already there.
func DuplicateLink(after Request, existing []Link) (Link, bool) {
	if after.Status != StatusRejected || after.State.DuplicateOf == "" {
		return Link{}, false
	}
	for _, l := range existing {
		if l.Kind == LinkDuplicate && l.FromID == after.ID && l.ToID == after.State.DuplicateOf {
			return Link{}, false
		}
	}
	return Link{FromID: after.ID, ToID: after.State.DuplicateOf, Kind: LinkDuplicate}, true
}

// UndoneDuplicateLinks are the duplicate links of a request whose close as
// a duplicate no longer stands (the close was undone, restore): a request
// is a duplicate only while it is closed as one.
func UndoneDuplicateLinks(after Request, existing []Link) []Link {
	if after.Status == StatusRejected && after.State.DuplicateOf != "" {
		return nil
	}
	var out []Link
	for _, l := range existing {
		if l.Kind == LinkDuplicate && l.FromID == after.ID {
			out = append(out, l)
		}
	}
	return out
}

// FollowUpFields are the fields of a new request that follows from a
// feedback's 新的需求: the same customer and contact, the need as its
// title and description, received now by who acts; the rest (type,
// urgency, channel) the person chooses, defaulting to the original's.
func FollowUpFields(orig Request, fb Feedback, receivedBy string, now time.Time) (Fields, error) {
	need := strings.TrimSpace(fb.NewNeeds)
	if need == "" {
		return Fields{}, fieldError("newNeeds", "follow_up_no_need", "这条反馈没有写新的需求")
	}
	f := Fields{
		CustomerID:  orig.Fields.CustomerID,
		ContactID:   orig.Fields.ContactID,
		ContactName: orig.Fields.ContactName,
		ContactInfo: orig.Fields.ContactInfo,
		Channel:     orig.Fields.Channel,
		Type:        orig.Fields.Type,
		Category:    orig.Fields.Category,
		Urgency:     UrgencyNormal,
		Title:       firstLine(need, MaxTitle),
		Description: need,
		Background:  "源自需求 " + orig.Number + " 的满意度反馈",
		ReceivedAt:  now,
		ReceivedBy:  receivedBy,
	}
	return f, nil
}

// firstLine is the first line of s, cut to max characters.
func firstLine(s string, max int) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	r := []rune(strings.TrimSpace(s))
	if len(r) > max {
		r = r[:max]
	}
	return string(r)
}
