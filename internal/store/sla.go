package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// SLASettings are the working calendar and the due-soon threshold.
type SLASettings struct {
	Hours sla.Hours `json:"hours"`
	// DueSoonPercent: a running clock is due soon when less than this share
	// of its allowance remains.
	DueSoonPercent int `json:"dueSoonPercent"`
	// Channels are plan 004's channel and cross-department limits and the
	// complaints' (sla.ChannelLimits); a database from before them reads
	// the defaults.
	Channels sla.ChannelLimits `json:"channels"`
}

// DefaultDueSoonPercent is the due-soon threshold of a new installation.
const DefaultDueSoonPercent = 25

// timeLimits is what every clock computation needs, built once and rebuilt
// when policies, hours or schedules change.
type timeLimits struct {
	zone     *time.Location // the company's time zone (settings.Settings.TimeZone)
	cal      *sla.Calendar
	policies []sla.Policy
	dueSoon  int
	channels sla.ChannelLimits
}

// limits returns the current calendar and policies, loading them inside q's
// view of the database when they are not cached.
func (s *Store) limits(ctx context.Context, q queryer) (*timeLimits, error) {
	s.limitsMu.Lock()
	defer s.limitsMu.Unlock()
	if s.cachedLimits != nil {
		return s.cachedLimits, nil
	}
	lim, err := s.loadLimits(ctx, q)
	if err != nil {
		return nil, err
	}
	s.cachedLimits = lim
	return lim, nil
}

// loadLimits reads the calendar and policies in q's view of the database,
// without the cache: a database being made (a team's snapshot, see
// adoptSnapshot) has limits of its own.
func (s *Store) loadLimits(ctx context.Context, q queryer) (*timeLimits, error) {
	set, err := s.slaSettings(ctx, q)
	if err != nil {
		return nil, err
	}
	user, err := s.userSchedules(ctx, q)
	if err != nil {
		return nil, err
	}
	zone, err := s.zone(ctx, q)
	if err != nil {
		return nil, err
	}
	cal, err := sla.New(zone, set.Hours, sla.MergeSchedules(sla.ChinaSchedules(), user))
	if err != nil {
		return nil, fmt.Errorf("working calendar: %w", err)
	}
	policies, err := s.policies(ctx, q)
	if err != nil {
		return nil, err
	}
	return &timeLimits{zone: zone, cal: cal, policies: policies, dueSoon: set.DueSoonPercent, channels: set.Channels}, nil
}

// zone loads the company's time zone from the settings (see settings.Zone).
func (s *Store) zone(ctx context.Context, q queryer) (*time.Location, error) {
	var name string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'timeZone'`).Scan(&name)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	loc, err := settings.Zone(name)
	if err != nil {
		return nil, fmt.Errorf("time zone setting: %w", err)
	}
	return loc, nil
}

// Zone returns the company's time zone, in which the working calendar
// counts and report periods and documents' dates are told.
func (s *Store) Zone(ctx context.Context) (*time.Location, error) {
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return nil, err
	}
	return lim.zone, nil
}

// Zone returns the company's time zone, inside the transaction.
func (t *Tx) Zone(ctx context.Context) (*time.Location, error) {
	lim, err := t.s.limits(ctx, t)
	if err != nil {
		return nil, err
	}
	return lim.zone, nil
}

// zoneChanged recomputes the open requests' clocks when the company's time
// zone changed from before to after: their due moments are the calendar's.
func (s *Store) zoneChanged(ctx context.Context, tx *Tx, before, after string) error {
	if before == after {
		return nil
	}
	return tx.limitsChanged(ctx)
}

func (s *Store) forgetLimits() {
	s.limitsMu.Lock()
	s.cachedLimits = nil
	s.limitsMu.Unlock()
}

func (s *Store) slaSettings(ctx context.Context, q queryer) (SLASettings, error) {
	set := SLASettings{Hours: sla.DefaultHours(), DueSoonPercent: DefaultDueSoonPercent}
	var raw string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'sla'`).Scan(&raw)
	if err == sql.ErrNoRows {
		set.Channels = sla.DefaultChannelLimits()
		return set, nil
	}
	if err != nil {
		return set, err
	}
	var has struct {
		Channels json.RawMessage `json:"channels"`
	}
	if err := json.Unmarshal([]byte(raw), &has); err != nil {
		return set, err
	}
	if len(has.Channels) == 0 {
		set.Channels = sla.DefaultChannelLimits() // saved before the channel limits existed
	}
	return set, json.Unmarshal([]byte(raw), &set)
}

// SLASettings returns the working hours and due-soon threshold.
func (s *Store) SLASettings(ctx context.Context) (SLASettings, error) {
	return s.slaSettings(ctx, s.read)
}

// SLASettings loads the working hours and due-soon threshold for a change.
func (t *Tx) SLASettings(ctx context.Context) (SLASettings, error) { return t.s.slaSettings(ctx, t) }

// SaveSLASettings stores the working hours and due-soon threshold, and
// recomputes every open request's clocks under them.
func (t *Tx) SaveSLASettings(ctx context.Context, set SLASettings) error {
	raw, err := json.Marshal(set)
	if err != nil {
		return err
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('sla', ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, string(raw), t.s.ts(t.Now())); err != nil {
		return err
	}
	return t.limitsChanged(ctx)
}

// limitsChanged recomputes every open request's clocks after the policies
// or the calendar changed. The cached limits are dropped before, so the
// clocks follow the change, and after: the transaction may yet roll back,
// and its commit must reach readers that cached the old limits meanwhile.
func (t *Tx) limitsChanged(ctx context.Context) error {
	t.s.forgetLimits()
	err := t.s.refreshOpenClocks(ctx, t)
	t.s.forgetLimits()
	t.AfterCommit(t.s.forgetLimits)
	return err
}

func (s *Store) userSchedules(ctx context.Context, q queryer) ([]sla.Schedule, error) {
	rows, err := q.QueryContext(ctx, `SELECT body FROM sla_schedules ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sla.Schedule
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		sc, err := sla.ParseSchedule([]byte(body))
		if err != nil {
			return nil, fmt.Errorf("stored schedule: %w", err)
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// ScheduleYear describes one year of the holiday calendar.
type ScheduleYear struct {
	Year     int          `json:"year"`
	Origin   string       `json:"origin"` // shipped, user, missing
	Schedule sla.Schedule `json:"schedule"`
}

// Schedules lists the holiday schedules from the earliest known year to
// the latest one or two years ahead, whichever is later, naming the years
// that have none.
func (s *Store) Schedules(ctx context.Context) ([]ScheduleYear, error) {
	user, err := s.userSchedules(ctx, s.read)
	if err != nil {
		return nil, err
	}
	byYear := map[int]ScheduleYear{}
	first, last := s.clock.Now().Year(), s.clock.Now().Year()+2
	for _, sc := range sla.ChinaSchedules() {
		byYear[sc.Year] = ScheduleYear{Year: sc.Year, Origin: "shipped", Schedule: sc}
		first, last = min(first, sc.Year), max(last, sc.Year)
	}
	for _, sc := range user {
		byYear[sc.Year] = ScheduleYear{Year: sc.Year, Origin: "user", Schedule: sc}
		first, last = min(first, sc.Year), max(last, sc.Year)
	}
	var out []ScheduleYear
	for y := first; y <= last; y++ {
		sy, ok := byYear[y]
		if !ok {
			sy = ScheduleYear{Year: y, Origin: "missing"}
		}
		out = append(out, sy)
	}
	return out, nil
}

// SaveSchedule stores a year's holiday schedule, replacing an earlier
// import or the shipped year, and recomputes every open request's clocks.
func (t *Tx) SaveSchedule(ctx context.Context, sc sla.Schedule) error {
	body, err := sla.FormatSchedule(sc)
	if err != nil {
		return err
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO sla_schedules (year, body, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (year) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		sc.Year, string(body), t.s.ts(t.Now())); err != nil {
		return err
	}
	return t.limitsChanged(ctx)
}

// ExportSchedule returns a year's schedule as a shareable JSON file.
func (s *Store) ExportSchedule(ctx context.Context, year int) ([]byte, error) {
	years, err := s.Schedules(ctx)
	if err != nil {
		return nil, err
	}
	for _, y := range years {
		if y.Year == year && y.Origin != "missing" {
			return sla.FormatSchedule(y.Schedule)
		}
	}
	return nil, apperr.New(apperr.NotFound, "holidays_year_missing", apperr.P{"year": year})
}

// EnsurePolicies stores the documents' default policies when there are none,
// and computes the clocks of the open requests under them. Like
// EnsureSettings, it is start-up seeding rather than a command.
func (s *Store) EnsurePolicies(ctx context.Context) error {
	return s.tx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sla_policies`).Scan(&n); err != nil || n > 0 {
			return err
		}
		for _, p := range sla.DefaultPolicies() {
			if err := s.insertPolicy(ctx, tx, tx.NewID(), p); err != nil {
				return err
			}
		}
		// A database upgraded from before time limits has open requests
		// without clocks: give them theirs.
		return tx.limitsChanged(ctx)
	})
}

func (s *Store) insertPolicy(ctx context.Context, tx *Tx, id string, p sla.Policy) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sla_policies (id, urgency, type, channel, body, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, 1)`, id, p.Urgency, p.Type, p.Channel, string(body), s.ts(tx.Now()))
	return err
}

func (s *Store) policies(ctx context.Context, q queryer) ([]sla.Policy, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, body, updated_at, version FROM sla_policies ORDER BY urgency, type, channel`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []sla.Policy{}
	for rows.Next() {
		var p sla.Policy
		var id, body, updated string
		var version int64
		if err := rows.Scan(&id, &body, &updated, &version); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			return nil, err
		}
		p.ID, p.UpdatedAt, p.Version = id, parseTS(updated), version
		out = append(out, p)
	}
	return out, rows.Err()
}

// Policies returns every time-limit policy.
func (s *Store) Policies(ctx context.Context) ([]sla.Policy, error) {
	return s.policies(ctx, s.read)
}

// Policies loads every time-limit policy for a change.
func (t *Tx) Policies(ctx context.Context) ([]sla.Policy, error) { return t.s.policies(ctx, t) }

// InsertPolicy stores a new policy with id and recomputes every open
// request's clocks.
func (t *Tx) InsertPolicy(ctx context.Context, id string, p sla.Policy) error {
	if err := t.s.insertPolicy(ctx, t, id, p); err != nil {
		return err
	}
	return t.limitsChanged(ctx)
}

// UpdatePolicy stores policy p over its version p.Version and recomputes
// every open request's clocks.
func (t *Tx) UpdatePolicy(ctx context.Context, p sla.Policy) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	res, err := t.ExecContext(ctx, `UPDATE sla_policies SET urgency = ?, type = ?, channel = ?, body = ?, updated_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`, p.Urgency, p.Type, p.Channel, string(body),
		t.s.ts(t.Now()), p.ID, p.Version)
	if err := changedOne(res, err, "policy"); err != nil {
		return err
	}
	return t.limitsChanged(ctx)
}

// DeletePolicy removes a policy of the version read and recomputes every
// open request's clocks.
func (t *Tx) DeletePolicy(ctx context.Context, id string, version int64) error {
	res, err := t.ExecContext(ctx, `DELETE FROM sla_policies WHERE id = ? AND version = ?`, id, version)
	if err := changedOne(res, err, "policy"); err != nil {
		return err
	}
	return t.limitsChanged(ctx)
}

// refreshClocks recomputes one request's derived rows (see deriveRequests);
// every write to a request or its records calls it.
func (s *Store) refreshClocks(ctx context.Context, tx *Tx, requestID string) error {
	r, seq, err := s.request(ctx, tx, requestID)
	if err != nil {
		return err
	}
	return s.deriveRequest(ctx, tx, r, seq, false)
}

// measure computes a request's clocks from its history: those of the
// policy that applies (none when none does) and the channel,
// cross-department and complaint clocks (sla.EvaluateChannels). With
// independentOnly (a request imported as already closed) only the clocks
// that run on after a request closed, a complaint's.
func (lim *timeLimits) measure(r request.Request, trs []request.Transition, recs []request.Record, now time.Time, independentOnly bool) ([]sla.Measure, error) {
	tl := request.Timeline(r, trs, recs)
	var ms []sla.Measure
	if p, ok := sla.Pick(lim.policies, string(r.Fields.Urgency), r.Fields.Type, r.Fields.Channel); ok && !independentOnly {
		var err error
		if ms, err = lim.cal.Evaluate(p, tl, now, lim.dueSoon); err != nil {
			return nil, fmt.Errorf("clocks of %s: %w", r.Number, err)
		}
	}
	more, err := lim.cal.EvaluateChannels(lim.channels, r.Fields.Channel, r.Fields.Department, tl, now, lim.dueSoon)
	if err != nil {
		return nil, fmt.Errorf("channel clocks of %s: %w", r.Number, err)
	}
	for _, m := range more {
		if !independentOnly || m.Kind.Independent() {
			ms = append(ms, m)
		}
	}
	return ms, nil
}

// clockColumns are the columns of a stored clock; req is its request's seq
// (0030).
const clockColumns = `req, kind, start_at, due_at, done_at, allowance, clock`

// clockWidth is how many columns clockColumns names.
const clockWidth = 7

// clockArgs are the values of one stored clock of the request whose seq is
// req, in clockColumns' order: times in Unix milliseconds (0015).
func (s *Store) clockArgs(req int64, m sla.Measure) []any {
	return []any{req, kindCode(m.Kind), clockAt(m.Start), clockAtOrNull(m.Due), clockAtOrNull(m.Done), m.Allowance,
		calendarCode(m.Limit.Clock)}
}

// clockAt is a clock's time as stored: Unix milliseconds, which keep all of
// what the store's timestamps keep.
func clockAt(t time.Time) int64 { return t.UnixMilli() }

// clockAtOrNull is clockAt, or NULL for no time.
func clockAtOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return clockAt(t)
}

// clockTime reads a time stored by clockAtOrNull: the zero time for NULL.
func clockTime(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// closedStatuses is request.ClosedStatuses as an SQL list, for a query of
// the open requests.
var closedStatuses = func() string {
	q := make([]string, 0, 3)
	for _, s := range request.ClosedStatuses() {
		q = append(q, "'"+string(s)+"'")
	}
	return "(" + strings.Join(q, ", ") + ")"
}()

// refreshOpenClocks recomputes the clocks of every request not yet closed,
// and of every one with a complaint not yet closed, after a policy or the
// calendar changed.
func (s *Store) refreshOpenClocks(ctx context.Context, tx *Tx) error {
	ids, err := queryIDs(ctx, tx, `SELECT id FROM requests WHERE status NOT IN `+closedStatuses+`
		UNION SELECT r.id FROM request_records k JOIN requests r ON r.seq = k.req
			WHERE k.kind = 'complaint' AND k.status != 'closed'`)
	if err != nil {
		return err
	}
	return s.deriveRequests(ctx, tx, ids)
}

// Clocks measures a request's clocks now, for the detail page.
func (s *Store) Clocks(ctx context.Context, requestID string) ([]sla.Measure, error) {
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return nil, err
	}
	r, _, err := s.request(ctx, s.read, requestID)
	if err != nil {
		return nil, err
	}
	trs, err := s.transitions(ctx, s.read, requestID)
	if err != nil {
		return nil, err
	}
	recs, err := s.records(ctx, s.read, requestID)
	if err != nil {
		return nil, err
	}
	ms, err := lim.measure(r, trs, recs, s.clock.Now(), importedClosed(trs))
	if ms == nil && err == nil {
		ms = []sla.Measure{}
	}
	return ms, err
}

// The two ways to the running clocks, for runningClocks: from the index of
// the running clocks (where asks for them by time) or from the requests
// (where names them by id). The order is fixed (CROSS JOIN): without the
// planner's statistics, which a table made by an upgrade lacks until the
// start's optimize, SQLite walked every request for the first.
const (
	clocksFirst   = `request_clocks k CROSS JOIN requests r ON r.seq = k.req`
	requestsFirst = `requests r CROSS JOIN request_clocks k ON k.req = r.seq`
)

// runningClocks reads the clocks not yet stopped that where (on the clock
// k and its request r) selects, by way of from.
func (s *Store) runningClocks(ctx context.Context, q queryer, from, where string, args ...any) ([]sla.Running, error) {
	rows, err := q.QueryContext(ctx, runningClocksSQL(from, where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sla.Running
	for rows.Next() {
		var c sla.Running
		var start, due sql.NullInt64
		var kind, calendar string
		if err := rows.Scan(&c.RequestID, &kind, &start, &due, &c.Allowance, &calendar); err != nil {
			return nil, err
		}
		c.Kind, c.Clock = kindOf(kind), calendarOf(calendar)
		c.Start, c.Due = clockTime(start), clockTime(due)
		out = append(out, c)
	}
	return out, rows.Err()
}

func runningClocksSQL(from, where string) string {
	return `SELECT r.id, k.kind, k.start_at, k.due_at, k.allowance, k.clock
		FROM ` + from + ` WHERE k.done_at IS NULL AND ` + where
}

// pressing returns, for each of the given requests, its most pressing
// running clock, for the list and the board (see request.Badges).
func (s *Store) pressing(ctx context.Context, ids []string) (map[string]request.ClockBadge, error) {
	if len(ids) == 0 {
		return map[string]request.ClockBadge{}, nil
	}
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return nil, err
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	clocks, err := s.runningClocks(ctx, s.read, requestsFirst, `r.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	return request.Badges(lim.cal, lim.dueSoon, clocks, s.clock.Now()), nil
}

// AllAlerts asks Alerts for every alert, not only the most pressing.
const AllAlerts = request.AllAlerts

// Alerts counts the running clocks of open requests that are due soon or
// breached and lists the most pressing of them, at most limit (every one
// when limit is AllAlerts), as request.Alerts decides. The clocks are read
// alone; the requests' numbers, titles and customers only for those
// listed, so a short list stays quick with thousands due.
func (s *Store) Alerts(ctx context.Context, limit int) (request.AlertList, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return request.AlertList{}, err
	}
	defer tx.Rollback()
	lim, err := s.limits(ctx, tx)
	if err != nil {
		return request.AlertList{}, err
	}
	clocks, err := s.runningClocks(ctx, tx, clocksFirst, `k.due_at IS NOT NULL`)
	if err != nil {
		return request.AlertList{}, err
	}
	out := request.Alerts(lim.cal, lim.dueSoon, clocks, s.clock.Now(), limit)
	if err := s.alertDetails(ctx, tx, out.Items); err != nil {
		return request.AlertList{}, err
	}
	return out, nil
}

// alertDetails fills in the alerts' requests: number, title, customer,
// urgency, owner, and whether the clock has been escalated.
func (s *Store) alertDetails(ctx context.Context, q queryer, as []request.Alert) error {
	byID := map[string][]int{}
	var ids []string
	for i, a := range as {
		if _, seen := byID[a.RequestID]; !seen {
			ids = append(ids, a.RequestID)
		}
		byID[a.RequestID] = append(byID[a.RequestID], i)
	}
	const chunk = 500
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		ids = ids[n:]
		in := placeholders(n)
		rows, err := q.QueryContext(ctx, `SELECT r.id, r.number, r.title, c.name, r.urgency, r.owner
			FROM requests r JOIN customers c ON c.id = r.customer_id WHERE r.id IN (`+in+`)`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var a request.Alert
			if err := rows.Scan(&id, &a.Number, &a.Title, &a.Customer, &a.Urgency, &a.Owner); err != nil {
				rows.Close()
				return err
			}
			for _, i := range byID[id] {
				as[i].Number, as[i].Title, as[i].Customer, as[i].Urgency, as[i].Owner = a.Number, a.Title, a.Customer, a.Urgency, a.Owner
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = q.QueryContext(ctx, `SELECT DISTINCT request_id, clock FROM escalations WHERE request_id IN (`+in+`)`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var kind sla.Kind
			if err := rows.Scan(&id, &kind); err != nil {
				rows.Close()
				return err
			}
			for _, i := range byID[id] {
				if as[i].Kind == kind {
					as[i].Escalated = true
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}

// OverdueClocks returns the running clocks of open requests due at or before
// at that have no escalation for reason yet, the earliest due first.
func (t *Tx) OverdueClocks(ctx context.Context, reason string, at time.Time) ([]sla.Running, error) {
	return t.s.runningClocks(ctx, t, clocksFirst, `k.due_at IS NOT NULL AND k.due_at <= ?
		AND (r.status NOT IN `+closedStatuses+`
			OR k.kind IN `+kindCodeSQL(sla.KindComplaintAccept, sla.KindComplaintAnswer)+`)
		AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.request_id = r.id AND e.reason = ? AND e.clock = `+kindNameSQL("k.kind")+`)
		ORDER BY k.due_at`, clockAt(at), reason)
}

// OpenRequestsOf returns the ids of the open requests of an urgency that
// have no escalation for reason yet.
func (t *Tx) OpenRequestsOf(ctx context.Context, u request.Urgency, reason string) ([]string, error) {
	return queryIDs(ctx, t, `SELECT id FROM requests WHERE urgency = ?
		AND status NOT IN `+closedStatuses+`
		AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.request_id = requests.id AND e.reason = ?)`, string(u), reason)
}

// InsertEscalation records e unless the request already has one for the
// same reason and clock, and reports whether it did.
func (t *Tx) InsertEscalation(ctx context.Context, e request.Escalation) (bool, error) {
	res, err := t.ExecContext(ctx, `INSERT INTO escalations (id, request_id, at, reason, clock, recipient, note, actor)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?
		WHERE NOT EXISTS (SELECT 1 FROM escalations WHERE request_id = ? AND reason = ? AND clock = ?)`,
		e.ID, e.RequestID, t.s.ts(e.At), e.Reason, e.Clock, e.Recipient, e.Note, e.Actor, e.RequestID, e.Reason, e.Clock)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// EscalationRecipients returns who receives escalations, from the
// settings: the supervisor (breached time limits) and the response-group
// leader (emergencies).
func (t *Tx) EscalationRecipients(ctx context.Context) (supervisor, leader string, err error) {
	st, err := t.s.settings(ctx, t)
	return st.Supervisor, st.ResponseLeader, err
}

// Escalations returns a request's escalations, oldest first.
func (s *Store) Escalations(ctx context.Context, requestID string) ([]request.Escalation, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, request_id, at, reason, clock, recipient, note, actor
		FROM escalations WHERE request_id = ? ORDER BY at, id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []request.Escalation{}
	for rows.Next() {
		var e request.Escalation
		var at string
		if err := rows.Scan(&e.ID, &e.RequestID, &at, &e.Reason, &e.Clock, &e.Recipient, &e.Note, &e.Actor); err != nil {
			return nil, err
		}
		e.At = parseTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
