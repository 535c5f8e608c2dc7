// Package request holds the customer request: its fields, the rules a
// request must satisfy, and how request numbers are made.
package request

import (
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// Urgency is how pressing a request is (紧急程度).
type Urgency string

// Urgencies, most pressing first. Potential (潜在) is a need the customer has
// not stated, found by analysis.
const (
	UrgencyUrgent    Urgency = "urgent"
	UrgencyImportant Urgency = "important"
	UrgencyNormal    Urgency = "normal"
	UrgencyPotential Urgency = "potential"
)

// Urgencies lists every urgency in order.
var Urgencies = []Urgency{UrgencyUrgent, UrgencyImportant, UrgencyNormal, UrgencyPotential}

// ImpactScope is how widely a request reaches (影响范围).
type ImpactScope string

// Impact scopes, narrowest first.
const (
	ImpactSingle       ImpactScope = "single"        // 单客户/局部场景
	ImpactMulti        ImpactScope = "multi"         // 多客户/通用场景
	ImpactBusinessLine ImpactScope = "business_line" // 全业务线
)

// ImpactScopes lists every scope in order.
var ImpactScopes = []ImpactScope{ImpactSingle, ImpactMulti, ImpactBusinessLine}

// Status is where a request stands in the process.
type Status string

// StatusRegistered is the state of a newly recorded request.
const StatusRegistered Status = "registered"

// Length limits, in characters.
const (
	MaxTitle = 200
	MaxShort = 100
	MaxText  = 5000
	MaxLong  = 20000
)

// Fields are the editable fields of a request: every column of the paper
// registration table (客户需求登记表) and the further fields the process needs.
type Fields struct {
	CustomerID      string      `json:"customerId"`
	ContactID       string      `json:"contactId"`
	ContactName     string      `json:"contactName"`
	ContactInfo     string      `json:"contactInfo"`
	Channel         string      `json:"channel"`
	Type            string      `json:"type"`
	Category        string      `json:"category"`
	Urgency         Urgency     `json:"urgency"`
	ImpactScope     ImpactScope `json:"impactScope"`
	Title           string      `json:"title"`
	Description     string      `json:"description"`
	Background      string      `json:"background"`
	ExpectedOutcome string      `json:"expectedOutcome"`
	TimeRequirement string      `json:"timeRequirement"`
	Scene           string      `json:"scene"`
	Product         string      `json:"product"`
	ReceivedAt      time.Time   `json:"receivedAt"`
	ReceivedBy      string      `json:"receivedBy"`
	Owner           string      `json:"owner"`
	Department      string      `json:"department"`
}

// Request is a recorded customer request.
type Request struct {
	ID           string    `json:"id"`
	Number       string    `json:"number"`
	Status       Status    `json:"status"`
	CustomerName string    `json:"customerName"`
	Fields       Fields    `json:"fields"`
	State        State     `json:"state"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
	Version      int64     `json:"version"`
}

// Detail is a request with what the detail page shows beside it.
type Detail struct {
	Request  Request           `json:"request"`
	Customer customer.Customer `json:"customer"`
	Contact  *customer.Contact `json:"contact"`
	History  []audit.Entry     `json:"history"`
	// Records are the stage records, oldest first.
	Records []Record `json:"records"`
	// Transitions are the state changes, oldest first.
	Transitions []Transition `json:"transitions"`
	// Options are the next steps from here, each with what blocks it.
	Options []Option `json:"options"`
	// Clocks are the request's time limits measured now.
	Clocks []sla.Measure `json:"clocks"`
	// Escalations are the times it was brought to someone's attention.
	Escalations []Escalation `json:"escalations"`
}

// Row is a request as the list shows it.
type Row struct {
	ID           string    `json:"id"`
	Number       string    `json:"number"`
	CustomerID   string    `json:"customerId"`
	CustomerName string    `json:"customerName"`
	ContactName  string    `json:"contactName"`
	ContactInfo  string    `json:"contactInfo"`
	Channel      string    `json:"channel"`
	Type         string    `json:"type"`
	Urgency      Urgency   `json:"urgency"`
	Title        string    `json:"title"`
	ReceivedAt   time.Time `json:"receivedAt"`
	ReceivedBy   string    `json:"receivedBy"`
	Status       Status    `json:"status"`
	Owner        string    `json:"owner"`
	Department   string    `json:"department"`
	UpdatedAt    time.Time `json:"updatedAt"`
	// Clock is the most pressing running time limit, nil when none runs.
	Clock *ClockBadge `json:"clock"`
	// Snippet shows where a search found the request when the hit is not
	// in its brief description: a passage of the detailed description, or
	// the contact. Nil without a search or when the title holds the hit.
	Snippet *Snippet `json:"snippet,omitempty"`
}

// A Snippet is a passage of one field around what a search found.
type Snippet struct {
	Field string        `json:"field"` // description, contactName or contactInfo
	Parts []SnippetPart `json:"parts"` // the passage, its hits marked; "…" where it was cut
}

// A SnippetPart is a piece of a snippet, found by the search or not.
type SnippetPart struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// Sort keys a list can be ordered by.
const (
	SortReceivedAt = "receivedAt"
	SortNumber     = "number"
	SortUrgency    = "urgency"
	SortUpdatedAt  = "updatedAt"
	SortCustomer   = "customerName"
)

// Query selects a page of requests. Empty filters select everything;
// ReceivedFrom and ReceivedTo are local calendar days (YYYY-MM-DD), inclusive.
type Query struct {
	Search       string    `json:"search"`
	Statuses     []Status  `json:"statuses"`
	Urgencies    []Urgency `json:"urgencies"`
	Types        []string  `json:"types"`
	Channels     []string  `json:"channels"`
	CustomerID   string    `json:"customerId"`
	Owner        string    `json:"owner"`
	ReceivedFrom string    `json:"receivedFrom"`
	ReceivedTo   string    `json:"receivedTo"`
	Sort         string    `json:"sort"`
	Desc         bool      `json:"desc"`
	Offset       int       `json:"offset"`
	Limit        int       `json:"limit"`
	// Drill narrows the list to the requests behind a number of the
	// dashboard or a report.
	Drill *Drill `json:"drill"`
	// ExactTotal asks for the exact total even when it costs reading every
	// match of a search: a page then counts them all (Page.TotalExact),
	// and store.TotalRequests counts past TotalCap.
	ExactTotal bool `json:"exactTotal,omitempty"`
	// IDs narrows the list to these requests: the rows selected in the
	// list, for a bulk action's export or print.
	IDs []string `json:"ids,omitempty"`
}

// Drill names the requests behind one number of the dashboard: those a
// measure counted (Part "in"), or only its hits or misses, among the requests
// received in the period (From, To: YYYY-MM-DD, both included) and
// department; or those with one value of a dimension (Dim type, channel,
// category, urgency, department, owner, term; stage and age read the
// requests open now, age within Stage when set).
type Drill struct {
	Measure    string `json:"measure"`
	Part       string `json:"part"` // in, hit, miss
	From       string `json:"from"`
	To         string `json:"to"`
	Department string `json:"department"`
	Dim        string `json:"dim"`
	Key        string `json:"key"`
	Stage      string `json:"stage"`
	// Label says in words what the drill shows, for the list's banner.
	Label string `json:"label"`
}

// Page is one page of requests and the number that matched in all.
type Page struct {
	Items []Row `json:"items"`
	Total int   `json:"total"`
	// TotalExact is false when Total is only a lower bound: a search
	// sorted by receipt reads its matches newest first and stops once the
	// page is certain, so the newest come at once without counting them
	// all; Total is then the matches found, at least to the end of the
	// page. The list asks for the total next (store.TotalRequests).
	TotalExact bool `json:"totalExact"`
}

// Total is how many requests a list selects: N exactly, or, when Exact is
// false, more than N (N is then TotalCap).
type Total struct {
	N     int  `json:"n"`
	Exact bool `json:"exact"`
}

// TotalCap is as far as a search's total is counted unless the exact
// number is asked for: beyond it the list says "10,000+".
const TotalCap = 10000

// MaxLimit is the largest page a list query returns.
const MaxLimit = 500

// Normalize trims the text fields and folds full-width characters in the
// contact information.
func (f Fields) Normalize() Fields {
	t := strings.TrimSpace
	f.CustomerID = t(f.CustomerID)
	f.ContactID = t(f.ContactID)
	f.ContactName = strings.Join(strings.Fields(f.ContactName), " ")
	f.ContactInfo = customer.NormalizePhone(f.ContactInfo)
	f.Channel = t(f.Channel)
	f.Type = t(f.Type)
	f.Category = t(f.Category)
	f.Urgency = Urgency(t(string(f.Urgency)))
	f.ImpactScope = ImpactScope(t(string(f.ImpactScope)))
	f.Title = strings.Join(strings.Fields(f.Title), " ")
	f.Description = t(f.Description)
	f.Background = t(f.Background)
	f.ExpectedOutcome = t(f.ExpectedOutcome)
	f.TimeRequirement = t(f.TimeRequirement)
	f.Scene = t(f.Scene)
	f.Product = t(f.Product)
	f.ReceivedBy = t(f.ReceivedBy)
	f.Owner = t(f.Owner)
	f.Department = t(f.Department)
	return f
}

// Validate checks normalized fields against the rules and the current word
// lists. prev is the request's fields before an edit (nil when creating): a
// value retired from a list since stays acceptable on the request that has it.
// now bounds the receipt time, which may not lie in the future. The receiver
// is a person of staff (one who has left since still counts: receipt is a
// fact of the past), the owner an active one; a name kept as saved stays.
func (f Fields) Validate(lists vocab.Lists, staff Staff, prev *Fields, now time.Time) error {
	var fe apperr.Fields
	if f.CustomerID == "" {
		fe.Add("customerId", "required")
	}
	fe.RequiredLine("title", f.Title, MaxTitle)
	fe.MaxLen("description", f.Description, MaxLong)
	fe.Line("contactName", f.ContactName, MaxShort)
	fe.Line("contactInfo", f.ContactInfo, MaxShort)
	if f.ContactInfo != "" && !fe.Has("contactInfo") {
		if strings.Contains(f.ContactInfo, "@") {
			if !customer.ValidEmail(f.ContactInfo) {
				fe.Add("contactInfo", "email_invalid")
			}
		} else if !customer.ValidPhone(f.ContactInfo) {
			fe.Add("contactInfo", "contact_info_invalid")
		}
	}
	for _, c := range []struct {
		field, kind, value, old string
		required                bool
	}{
		{"channel", vocab.KindChannel, f.Channel, prevOf(prev).Channel, true},
		{"type", vocab.KindType, f.Type, prevOf(prev).Type, true},
		{"category", vocab.KindCategory, f.Category, prevOf(prev).Category, false},
		{"department", vocab.KindDepartment, f.Department, prevOf(prev).Department, false},
	} {
		if c.value == "" {
			if c.required {
				fe.Add(c.field, "required")
			}
			continue
		}
		if c.value == c.old {
			continue // kept as saved, even if the list item was renamed or retired since
		}
		if found, active := lists.Lookup(c.kind, c.value); !found || !active {
			fe.Add(c.field, "not_in_list")
		}
	}
	switch {
	case f.Urgency == "":
		fe.Add("urgency", "required")
	case !validUrgency(f.Urgency):
		fe.Add("urgency", "not_in_list")
	}
	if f.ImpactScope != "" && !validScope(f.ImpactScope) {
		fe.Add("impactScope", "not_in_list")
	}
	fe.MaxLen("background", f.Background, MaxText)
	fe.MaxLen("expectedOutcome", f.ExpectedOutcome, MaxText)
	fe.MaxLen("scene", f.Scene, MaxText)
	fe.Line("timeRequirement", f.TimeRequirement, MaxShort*2)
	fe.Line("product", f.Product, MaxShort)
	fe.Line("owner", f.Owner, MaxShort)
	fe.RequiredLine("receivedBy", f.ReceivedBy, MaxShort)
	staff.CheckPerson(&fe, "receivedBy", f.ReceivedBy, prevOf(prev).ReceivedBy, false)
	staff.CheckPerson(&fe, "owner", f.Owner, prevOf(prev).Owner, true)
	switch {
	case f.ReceivedAt.IsZero():
		fe.Add("receivedAt", "required")
	case f.ReceivedAt.After(now.Add(5 * time.Minute)):
		fe.Add("receivedAt", "in_future")
	case f.ReceivedAt.Year() < 2000:
		fe.Add("receivedAt", "too_early")
	}
	return fe.Err()
}

func prevOf(p *Fields) Fields {
	if p == nil {
		return Fields{}
	}
	return *p
}

func validUrgency(u Urgency) bool {
	for _, v := range Urgencies {
		if v == u {
			return true
		}
	}
	return false
}

func validScope(s ImpactScope) bool {
	for _, v := range ImpactScopes {
		if v == s {
			return true
		}
	}
	return false
}
