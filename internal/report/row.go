// Package report defines the measures management reads — response and
// handling time, on-time rates, resolution, satisfaction and the rest of
// DOMAIN.md's "Measures and reports" — once each, over one derived row per
// request, and builds the dashboard and the monthly and quarterly reports
// from them. Screen, PDF and Excel all read the same numbers from here.
package report

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// Row is what the measures need to know of one request, derived from its
// fields, transitions, records and clocks. The store keeps one per request,
// rewritten on every change, so a measure over years of requests reads one
// narrow table.
type Row struct {
	RequestID  string
	Number     string
	Title      string
	Received   time.Time
	Type       string
	Channel    string
	Category   string
	Urgency    request.Urgency
	Department string
	Owner      string
	Status     request.Status
	Path       request.Path
	// Assigned is the first assignment; Responded the first contact back to
	// the customer (or the result, when that came first).
	Assigned  time.Time
	Responded time.Time
	// Resolved is when the result note was given or the delivery made, and
	// ResultGiven when the customer was told; both zero again after a reopen.
	Resolved    time.Time
	ResultGiven time.Time
	// HandedOver starts the satisfaction follow-up: result told or delivery accepted.
	HandedOver time.Time
	// Contacts counts the contacts with the customer before the result was given.
	Contacts int
	Reopens  int
	// Surveyed: the follow-up was made, with feedback or the reason none could be had.
	Surveyed bool
	// Feedback is the customer's latest feedback, nil when none was obtained.
	Feedback *Scores
	// Delivered is the latest delivery of the full path; Promised the delivery
	// date the customer was promised in the analysis letter (YYYY-MM-DD).
	Delivered time.Time
	Promised  string
	// Implemented: the request reached implementation (a plan was carried out).
	Implemented bool
	// Scores of the analysis, for the quadrant chart; zero when not analysed.
	CustomerValue int
	BusinessValue int
	CostDays      float64
	Clocks        []Clock
	// Complaints counts the complaints registered against the request (办法
	// 003); ComplaintOpen: one of them is not closed yet.
	Complaints    int
	ComplaintOpen bool

	// Plan 004's needs and communication measures (Plan004).
	// HandoverAt is when the problem was handed to another department;
	// HandoverAnswered when the customer was answered after it.
	HandoverAt       time.Time
	HandoverAnswered time.Time
	// Started: analysis or handling began; Reclassified: after that the
	// request went back to triage or from the short to the full path, its
	// type or urgency not standing.
	Started      bool
	Reclassified bool
	// OfflineComms counts the communication records on an offline channel
	// (not OnlineChannels), OfflineIncomplete those lacking who was spoken
	// with, the summary or the next step.
	OfflineComms      int
	OfflineIncomplete int
	// Collected: the registration holds the contact, how to reach them and
	// the outcome expected, besides what the form requires.
	Collected bool
	// ArchiveMissing counts the documents the request's path requires that
	// its records cannot make (request.ArchiveGaps).
	ArchiveMissing int
	// HighValue: the analysis marks a high-value need; Assessments counts its
	// quarterly value assessments, Converted: one found it made into an
	// improvement.
	HighValue   bool
	Assessments int
	Converted   bool
}

// OnlineChannels are the channels plan 004 calls online communication (线上
// 沟通): the rest (来访/面谈, 电话, 合作伙伴转达, 市场调研/问卷) are offline, where
// the key information must be written down (线下沟通记录). A label counts
// by its first part ("在线客服/电话回访" as 在线客服).
var OnlineChannels = []string{"在线客服", "在线表单", "工单系统", "社交媒体", "产品内反馈", "邮件"}

// Online reports whether channel is an online one.
func Online(channel string) bool {
	first, _, _ := strings.Cut(channel, "/")
	return slices.Contains(OnlineChannels, strings.TrimSpace(first))
}

// Scores are one feedback's answers, 1-5 each.
type Scores struct {
	Timeliness    int  `json:"timeliness"`
	Effectiveness int  `json:"effectiveness"`
	Attitude      int  `json:"attitude"`
	Overall       int  `json:"overall"`
	Solved        bool `json:"solved"`
}

// Clock is one time limit of a request as stored: when it fell due and when
// it was met. Whether a running clock is breached depends on the moment asked.
type Clock struct {
	Kind sla.Kind
	Due  time.Time // zero while paused
	Done time.Time // zero while running
	// Allowance is the time the limit grants in seconds, on Calendar (24x7
	// or working time): what tells a running clock due soon.
	Allowance int64
	Calendar  sla.Clock
}

// Outcome of a clock at a moment.
type Outcome int

// Outcomes. Only met, late and breached clocks count for on-time rates.
const (
	Running Outcome = iota
	Met
	Late
	Breached
	Stopped // the request closed before the clock finished
)

// Outcome is the clock's result at now for a request in status st.
func (c Clock) Outcome(st request.Status, now time.Time) Outcome {
	switch {
	case !c.Done.IsZero():
		if !c.Due.IsZero() && c.Done.After(c.Due) {
			return Late
		}
		return Met
	case st.Closed() && !c.Kind.Independent():
		return Stopped
	case !c.Due.IsZero() && now.After(c.Due):
		return Breached
	}
	return Running
}

// Open reports whether the request is still being worked on.
func (r *Row) Open() bool { return !r.Status.Closed() }

// Live reports whether the row can still change with time alone: the
// request is open, or a complaint against it is (its clocks run on after
// the request closed). Kept sums hold only rows that are not live.
func (r *Row) Live() bool { return r.Open() || r.ComplaintOpen }

// Valid reports whether the request counts in rates: invalid and cancelled
// ones were never the company's to solve.
func (r *Row) Valid() bool {
	return r.Status != request.StatusRejected && r.Status != request.StatusCancelled
}

// Solved: resolved, and the customer did not say it was not solved.
func (r *Row) Solved() bool {
	return !r.Resolved.IsZero() && (r.Feedback == nil || r.Feedback.Solved)
}

// Clock returns the request's clock of kind k.
func (r *Row) Clock(k sla.Kind) (Clock, bool) {
	for _, c := range r.Clocks {
		if c.Kind == k {
			return c, true
		}
	}
	return Clock{}, false
}

// Derive computes a request's row from its history; clocks are the stored
// measures of its time limits.
func Derive(r request.Request, trs []request.Transition, recs []request.Record, clocks []sla.Measure) Row {
	f := r.Fields
	row := Row{
		RequestID: r.ID, Number: r.Number, Title: f.Title, Received: f.ReceivedAt,
		Type: f.Type, Channel: f.Channel, Category: f.Category, Urgency: f.Urgency,
		Department: f.Department, Owner: f.Owner, Status: r.Status, Path: r.State.Path,
		Reopens: r.State.ReopenCount,
	}
	tl := request.Timeline(r, trs, recs)
	row.Assigned, row.Responded = tl.AssignedAt, tl.RespondedAt
	row.Resolved, row.ResultGiven, row.HandedOver = tl.ResolvedAt, tl.ResultGivenAt, tl.HandedOverAt
	row.HandoverAt = tl.HandoverAt
	row.HandoverAnswered = sla.AnsweredAfter(tl, tl.HandoverAt)
	f2 := r.Fields
	row.Collected = f2.ContactName != "" && f2.ContactInfo != "" && strings.TrimSpace(f2.ExpectedOutcome) != ""
	for _, t := range trs {
		switch {
		case t.Action == request.ActStart:
			row.Started = true
		case row.Started && (t.Action == request.ActReturnToTriage || t.Action == request.ActSwitchToFullPath):
			row.Reclassified = true
		}
		switch {
		case t.To == request.StatusImplementation:
			row.Implemented = true
		case t.Action == request.ActDeliver:
			row.Delivered = t.At
		case t.Action == request.ActReopen:
			row.Delivered = time.Time{}
		}
	}
	recs = append([]request.Record(nil), recs...)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].CreatedAt.Before(recs[j].CreatedAt) })
	for _, rec := range recs {
		switch rec.Kind {
		case request.KindCommunication:
			c, err := request.BodyOf[request.Communication](rec)
			if err != nil {
				continue
			}
			if row.ResultGiven.IsZero() || !c.At.After(row.ResultGiven) {
				row.Contacts++
			}
			ch := c.Channel
			if ch == "" {
				ch = f.Channel
			}
			if !Online(ch) {
				row.OfflineComms++
				if strings.TrimSpace(c.With) == "" || strings.TrimSpace(c.Summary) == "" || strings.TrimSpace(c.NextStep) == "" {
					row.OfflineIncomplete++
				}
			}
		case request.KindAnalysis:
			if a, err := request.BodyOf[request.Analysis](rec); err == nil {
				row.CustomerValue, row.BusinessValue, row.CostDays = a.CustomerValue, a.BusinessValue, a.CostDays
				row.Promised = a.ExpectedDelivery
			}
		case request.KindFeedback:
			// Only feedback after the hand-over answers the follow-up; the
			// latest one counts.
			if row.HandedOver.IsZero() || rec.CreatedAt.Before(row.HandedOver) {
				continue
			}
			fb, err := request.BodyOf[request.Feedback](rec)
			if err != nil {
				continue
			}
			row.Surveyed = true
			row.Feedback = nil
			if fb.Obtained {
				row.Feedback = &Scores{Timeliness: fb.Timeliness, Effectiveness: fb.Effectiveness,
					Attitude: fb.Attitude, Overall: fb.Overall, Solved: fb.Solved}
			}
		}
	}
	row.Complaints, row.ComplaintOpen = request.Complaints(recs)
	row.HighValue = request.HighValue(recs)
	for _, v := range request.ValueAssessments(recs) {
		row.Assessments++
		row.Converted = row.Converted || v.Converted()
	}
	if r.Status == request.StatusArchived {
		row.ArchiveMissing = len(request.ArchiveGaps(r.State.Path, recs))
	}
	for _, m := range clocks {
		row.Clocks = append(row.Clocks, Clock{Kind: m.Kind, Due: m.Due, Done: m.Done, Allowance: m.Allowance, Calendar: m.Limit.Clock})
	}
	// In the process's order, however they were read.
	sort.SliceStable(row.Clocks, func(i, j int) bool {
		return slices.Index(sla.Kinds, row.Clocks[i].Kind) < slices.Index(sla.Kinds, row.Clocks[j].Kind)
	})
	return row
}
