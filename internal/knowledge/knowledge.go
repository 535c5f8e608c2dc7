// Package knowledge makes archived requests the team's knowledge (template
// 002, step 7): at registration and at analysis, past requests of the same
// customer or with a similar title or description are offered with how they
// were solved, so that a consultant reuses an answer instead of starting
// over. The store finds the candidates through the Chinese search index;
// this package ranks them and reads each one's solution from its records.
package knowledge

import (
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// Limit is how many similar requests are offered.
const Limit = 5

// MaxQuery is how much of a query's text is used, in characters: enough
// for a title and the start of a description, and a bounded search.
const MaxQuery = 120

// Query asks for requests similar to one being registered or analysed.
type Query struct {
	CustomerID string `json:"customerId"`
	Text       string `json:"text"`      // title and description
	ExcludeID  string `json:"excludeId"` // the request itself, at analysis
}

// Hit is an archived request a search found.
type Hit struct {
	RequestID    string         `json:"requestId"`
	Number       string         `json:"number"`
	Title        string         `json:"title"`
	Type         string         `json:"type"`
	CustomerID   string         `json:"customerId"`
	CustomerName string         `json:"customerName"`
	Status       request.Status `json:"status"`
	ReceivedAt   time.Time      `json:"receivedAt"`
	// Rank orders text matches, best first (FTS5's bm25: lower is better).
	Rank float64 `json:"-"`
}

// Match is an archived request offered as knowledge, with its solution.
type Match struct {
	Hit
	SameCustomer bool     `json:"sameCustomer"`
	TextMatch    bool     `json:"textMatch"`
	Solution     Solution `json:"solution"`
}

// Solution is how an archived request was answered, from its records.
type Solution struct {
	Result      string `json:"result"`  // the result note's result, or the plan's content
	Process     string `json:"process"` // how it was handled (short path)
	Advice      string `json:"advice"`
	Lessons     string `json:"lessons"` // the retrospective
	Solved      *bool  `json:"solved"`  // the customer's word in the feedback, when given
	Overall     int    `json:"overall"` // satisfaction 1-5, 0 when none
	ResultNoted bool   `json:"resultNoted"`
}

// Rank merges the text matches (best first) and the same customer's
// requests (newest first) into at most limit matches: those both similar and
// of the same customer first, then the other text matches, then the
// customer's other requests.
func Rank(text, customer []Hit, customerID string, limit int) []Match {
	same := map[string]bool{}
	for _, h := range customer {
		same[h.RequestID] = true
	}
	var both, textOnly, custOnly []Match
	seen := map[string]bool{}
	for _, h := range text {
		if seen[h.RequestID] {
			continue
		}
		seen[h.RequestID] = true
		m := Match{Hit: h, TextMatch: true, SameCustomer: customerID != "" && (same[h.RequestID] || h.CustomerID == customerID)}
		if m.SameCustomer {
			both = append(both, m)
		} else {
			textOnly = append(textOnly, m)
		}
	}
	for _, h := range customer {
		if seen[h.RequestID] {
			continue
		}
		seen[h.RequestID] = true
		custOnly = append(custOnly, Match{Hit: h, SameCustomer: true})
	}
	out := append(append(both, textOnly...), custOnly...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// SolutionOf reads how a request was answered from its records: the
// result note (short path) or the latest plan's content, the
// retrospective's lessons and the feedback. A record whose body cannot be
// read is passed over: knowledge is offered, never relied on.
func SolutionOf(records []request.Record) Solution {
	var s Solution
	var plan string
	for _, rec := range records {
		switch rec.Kind {
		case request.KindResultNote:
			if b, err := request.BodyOf[request.ResultNote](rec); err == nil {
				s.Result, s.Process, s.Advice, s.ResultNoted = b.Result, b.Process, b.Advice, true
			}
		case request.KindPlan:
			if b, err := request.BodyOf[request.Plan](rec); err == nil && !b.Superseded {
				plan = strings.TrimSpace(strings.Join(nonEmpty(b.Content, b.Deliverables), "\n"))
			}
		case request.KindRetrospective:
			if b, err := request.BodyOf[request.Retrospective](rec); err == nil {
				s.Lessons = strings.TrimSpace(strings.Join(nonEmpty(b.WentWell, b.Lessons), "\n"))
			}
		case request.KindFeedback:
			if b, err := request.BodyOf[request.Feedback](rec); err == nil && b.Obtained {
				solved := b.Solved
				s.Solved, s.Overall = &solved, b.Overall
			}
		}
	}
	if !s.ResultNoted {
		s.Result = plan
	}
	return s
}

func nonEmpty(texts ...string) []string {
	var out []string
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// QueryText is the part of a query's text searched: its first MaxQuery
// characters.
func QueryText(text string) string {
	r := []rune(strings.TrimSpace(text))
	if len(r) > MaxQuery {
		r = r[:MaxQuery]
	}
	return string(r)
}
