package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// A customer may have thousands of requests: what the request page shows
// beside a request is bounded, and the customer page reads them a page at
// a time.
const (
	// MaxCustomerRequests is how many of the customer's other requests the
	// request page lists (open ones first).
	MaxCustomerRequests = 10
	// MaxContactComms is how many of the contact's latest communication
	// records the request page lists.
	MaxContactComms = 8
	// contactCommRequests is how many of the contact's latest requests the
	// communication records are read from.
	contactCommRequests = 50
)

// HistoryRow is one of a customer's requests as the customer history
// shows it: its state and, once given, the customer's satisfaction.
type HistoryRow struct {
	ID         string          `json:"id"`
	Number     string          `json:"number"`
	Title      string          `json:"title"`
	Type       string          `json:"type"`
	Urgency    request.Urgency `json:"urgency"`
	Status     request.Status  `json:"status"`
	Open       bool            `json:"open"`
	Owner      string          `json:"owner"`
	ContactID  string          `json:"contactId"`
	ReceivedAt time.Time       `json:"receivedAt"`
	// Satisfaction is the latest feedback's overall score (1-5), 0 when
	// none was given.
	Satisfaction int `json:"satisfaction"`
}

// ContactComm is a communication record of one of the contact's requests.
type ContactComm struct {
	RecordID  string    `json:"recordId"`
	RequestID string    `json:"requestId"`
	Number    string    `json:"number"`
	At        time.Time `json:"at"`
	Channel   string    `json:"channel"`
	With      string    `json:"with"`
	Summary   string    `json:"summary"`
	NextStep  string    `json:"nextStep"`
	CreatedBy string    `json:"createdBy"`
}

// RequestHistory is what the request page shows of its customer and
// contact: the customer's other requests (open first, then the latest,
// at most MaxCustomerRequests, with how many there are) and the contact's
// latest communication records, and the request's links.
type RequestHistory struct {
	Others      []HistoryRow            `json:"others"`
	OthersTotal int                     `json:"othersTotal"`
	OpenTotal   int                     `json:"openTotal"`
	Comms       []ContactComm           `json:"comms"`
	Links       []request.LinkedRequest `json:"links"`
}

// CustomerHistoryPage is a page of a customer's requests, open first, then
// the latest received, with the counts.
type CustomerHistoryPage struct {
	Items []HistoryRow `json:"items"`
	Total int          `json:"total"`
	Open  int          `json:"open"`
	// AvgSatisfaction is the mean of the latest overall scores of the
	// requests that have one, 0 when none has.
	AvgSatisfaction float64 `json:"avgSatisfaction"`
	Rated           int     `json:"rated"`
}

const historyColumns = `r.id, r.number, r.title, r.type, r.urgency, r.status, r.owner, COALESCE(r.contact_id, ''),
	r.received_at, COALESCE((SELECT record_field(f.body, 'overall') FROM request_records f
		WHERE f.req = r.seq AND f.kind = 'feedback' AND record_field(f.body, 'obtained')
		ORDER BY f.created_at DESC LIMIT 1), 0)`

// closedList is the closed statuses as an SQL list of literals (they are
// fixed words of the program, never input).
func closedList() string {
	var b strings.Builder
	for i, st := range request.ClosedStatuses() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + string(st) + "'")
	}
	return b.String()
}

func scanHistory(rows *sql.Rows) (HistoryRow, error) {
	var h HistoryRow
	var at string
	var sat float64
	if err := rows.Scan(&h.ID, &h.Number, &h.Title, &h.Type, &h.Urgency, &h.Status, &h.Owner, &h.ContactID, &at,
		&sat); err != nil {
		return h, err
	}
	h.ReceivedAt, h.Satisfaction = parseTS(at), int(sat)
	h.Open = !h.Status.Closed()
	return h, nil
}

// customerRequests reads a customer's requests other than except, open
// first and the latest received first within each, from offset, at most
// limit. Each half is read by the customer's index in order of receipt and
// stops at the page, however many requests the customer has.
func (s *Store) customerRequests(ctx context.Context, customerID, except string, offset, limit int) ([]HistoryRow, error) {
	out := []HistoryRow{}
	read := func(where string, off, lim int) error {
		if lim <= 0 {
			return nil
		}
		return eachRow(ctx, s.read, `SELECT `+historyColumns+` FROM requests r INDEXED BY requests_customer
			WHERE r.customer_id = ? AND r.id <> ? AND `+where+` ORDER BY r.received_at DESC, r.seq DESC LIMIT ? OFFSET ?`,
			[]any{customerID, except, lim, off}, func(rows *sql.Rows) error {
				h, err := scanHistory(rows)
				out = append(out, h)
				return err
			})
	}
	var open int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM requests INDEXED BY requests_customer
		WHERE customer_id = ? AND id <> ? AND status NOT IN (`+closedList()+`)`, customerID, except).Scan(&open); err != nil {
		return nil, err
	}
	if err := read(`r.status NOT IN (`+closedList()+`)`, offset, min(limit, open-offset)); err != nil {
		return nil, err
	}
	return out, read(`r.status IN (`+closedList()+`)`, max(offset-open, 0), limit-len(out))
}

// RequestHistory reads what the request page shows beside request id: its
// customer's other requests, its contact's latest communication, its links.
func (s *Store) RequestHistory(ctx context.Context, id string) (RequestHistory, error) {
	h := RequestHistory{Others: []HistoryRow{}, Comms: []ContactComm{}}
	var customerID, contactID string
	err := s.read.QueryRowContext(ctx, `SELECT customer_id, COALESCE(contact_id, '') FROM requests WHERE id = ?`, id).
		Scan(&customerID, &contactID)
	if err == sql.ErrNoRows {
		return h, notFound("request")
	}
	if err != nil {
		return h, err
	}
	if h.Others, err = s.customerRequests(ctx, customerID, id, 0, MaxCustomerRequests); err != nil {
		return h, err
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(status NOT IN (`+closedList()+`)), 0)
		FROM requests INDEXED BY requests_customer WHERE customer_id = ? AND id <> ?`, customerID, id).
		Scan(&h.OthersTotal, &h.OpenTotal); err != nil {
		return h, err
	}
	if contactID != "" {
		if h.Comms, err = s.contactComms(ctx, contactID); err != nil {
			return h, err
		}
	}
	h.Links, err = s.LinkedRequests(ctx, id)
	return h, err
}

// contactComms reads the latest communication records of the contact's
// latest requests (this one included), newest first.
func (s *Store) contactComms(ctx context.Context, contactID string) ([]ContactComm, error) {
	out := []ContactComm{}
	err := eachRow(ctx, s.read, `SELECT `+uuidText("c.id")+`, r.id, r.number, record_field(c.body, 'at'), record_field(c.body, 'channel'),
			record_field(c.body, 'with'), record_field(c.body, 'summary'), record_field(c.body, 'nextStep'), c.created_by
		FROM (SELECT seq, id, number FROM requests INDEXED BY requests_contact WHERE contact_id = ?
			ORDER BY received_at DESC LIMIT ?) r
		JOIN request_records c ON c.req = r.seq AND c.kind = 'communication'
		ORDER BY record_field(c.body, 'at') DESC, c.id LIMIT ?`,
		[]any{contactID, contactCommRequests, MaxContactComms}, func(rows *sql.Rows) error {
			var c ContactComm
			var at, ch, with, sum, next sql.NullString
			if err := rows.Scan(&c.RecordID, &c.RequestID, &c.Number, &at, &ch, &with, &sum, &next, &c.CreatedBy); err != nil {
				return err
			}
			c.At, _ = time.Parse(time.RFC3339Nano, at.String)
			c.Channel, c.With, c.Summary, c.NextStep = ch.String, with.String, sum.String, next.String
			out = append(out, c)
			return nil
		})
	return out, err
}

// CustomerHistory reads a page of a customer's requests (open first, then
// the latest) with their states and satisfaction, and the counts.
func (s *Store) CustomerHistory(ctx context.Context, customerID string, offset, limit int) (CustomerHistoryPage, error) {
	p := CustomerHistoryPage{}
	limit, offset = clampLimit(limit, 20), max(offset, 0)
	var err error
	if p.Items, err = s.customerRequests(ctx, customerID, "", offset, limit); err != nil {
		return p, err
	}
	var avg sql.NullFloat64
	err = s.read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(status NOT IN (`+closedList()+`)), 0),
			avg(NULLIF(sat, 0)), count(NULLIF(sat, 0))
		FROM (SELECT r.status, COALESCE((SELECT record_field(f.body, 'overall') FROM request_records f
			WHERE f.req = r.seq AND f.kind = 'feedback' AND record_field(f.body, 'obtained')
			ORDER BY f.created_at DESC LIMIT 1), 0) AS sat
		FROM requests r INDEXED BY requests_customer WHERE r.customer_id = ?)`, customerID).
		Scan(&p.Total, &p.Open, &avg, &p.Rated)
	p.AvgSatisfaction = avg.Float64
	return p, err
}
