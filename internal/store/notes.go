package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/notes"
	"github.com/reqdesk/reqdesk/internal/notify"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// Internal notes (internal/notes), their mentions, a person's read and
// snooze marks on their notifications (internal/notify), and the team
// server's group robot with what it posted.

const noteColumns = `id, request_id, author, body, mentions, created_at, version`

func scanNote(sc interface{ Scan(...any) error }) (notes.Note, error) {
	var n notes.Note
	var mentions, created string
	err := sc.Scan(&n.ID, &n.RequestID, &n.Author, &n.Body, &mentions, &created, &n.Version)
	if err != nil {
		return n, err
	}
	n.CreatedAt = parseTS(created)
	n.Mentions = []string{}
	return n, json.Unmarshal([]byte(mentions), &n.Mentions)
}

// Notes returns a request's internal notes, the newest first.
func (s *Store) Notes(ctx context.Context, requestID string) ([]notes.Note, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+noteColumns+` FROM request_notes WHERE request_id = ?
		ORDER BY created_at DESC, id DESC`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []notes.Note{}
	for rows.Next() {
		n, err := scanNote(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// InsertNote stores a new note and who it names.
func (t *Tx) InsertNote(ctx context.Context, requestID, author, body string, mentions []string) (notes.Note, error) {
	n := notes.Note{ID: t.NewID(), RequestID: requestID, Author: author, Body: body, Mentions: mentions,
		CreatedAt: t.Now(), Version: 1}
	js, err := json.Marshal(mentions)
	if err != nil {
		return n, err
	}
	now := t.s.ts(t.Now())
	if _, err := t.ExecContext(ctx, `INSERT INTO request_notes (`+noteColumns+`, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
		n.ID, requestID, author, body, string(js), now, now); err != nil {
		return n, err
	}
	for _, p := range mentions {
		if _, err := t.ExecContext(ctx, `INSERT INTO note_mentions (id, note_id, request_id, person, created_at) VALUES (?, ?, ?, ?, ?)`,
			t.NewID(), n.ID, requestID, p, now); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Mentions returns the mentions of person (every person's when "") made
// since, the newest first, at most limit.
func (s *Store) Mentions(ctx context.Context, person string, since time.Time, limit int) ([]notes.Mention, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT n.id, n.request_id, r.number, r.title, m.person, n.author, n.body, m.created_at
		FROM note_mentions m JOIN request_notes n ON n.id = m.note_id JOIN requests r ON r.id = m.request_id
		WHERE (? = '' OR m.person = ?) AND m.created_at >= ?
		ORDER BY m.created_at DESC, m.id DESC LIMIT ?`, person, person, s.ts(since), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []notes.Mention{}
	for rows.Next() {
		var m notes.Mention
		var at string
		if err := rows.Scan(&m.NoteID, &m.RequestID, &m.Number, &m.Title, &m.Person, &m.Author, &m.Body, &at); err != nil {
			return nil, err
		}
		m.At = parseTS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Marks returns person's read and snooze marks by notification key.
func (s *Store) Marks(ctx context.Context, person string) (map[string]notify.Mark, error) {
	return s.marks(ctx, s.read, person)
}

// Marks loads person's marks for a change.
func (t *Tx) Marks(ctx context.Context, person string) (map[string]notify.Mark, error) {
	return t.s.marks(ctx, t, person)
}

func (s *Store) marks(ctx context.Context, q queryer, person string) (map[string]notify.Mark, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, read_at, snoozed_until FROM notification_marks WHERE person = ?`, person)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]notify.Mark{}
	for rows.Next() {
		var key string
		var read, snoozed sql.NullString
		if err := rows.Scan(&key, &read, &snoozed); err != nil {
			return nil, err
		}
		var m notify.Mark
		if read.Valid {
			m.ReadAt = parseTS(read.String)
		}
		if snoozed.Valid {
			m.SnoozedUntil = parseTS(snoozed.String)
		}
		out[key] = m
	}
	return out, rows.Err()
}

// SaveMark stores person's mark on the notification key; a zero time
// clears that part of it.
func (t *Tx) SaveMark(ctx context.Context, person, key string, m notify.Mark) error {
	opt := func(v time.Time) any {
		if v.IsZero() {
			return nil
		}
		return t.s.ts(v)
	}
	_, err := t.ExecContext(ctx, `INSERT INTO notification_marks (id, person, key, read_at, snoozed_until, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, 1)
		ON CONFLICT (id) DO UPDATE SET read_at = excluded.read_at, snoozed_until = excluded.snoozed_until,
			updated_at = excluded.updated_at, version = version + 1`,
		person+"\x1f"+key, person, key, opt(m.ReadAt), opt(m.SnoozedUntil), t.s.ts(t.Now()))
	return err
}

// Robot returns the group robot as set on this machine (Kind "" when none).
func (s *Store) Robot(ctx context.Context) (notify.Robot, error) {
	return s.robot(ctx, s.read)
}

// Robot loads the group robot for a change.
func (t *Tx) Robot(ctx context.Context) (notify.Robot, error) { return t.s.robot(ctx, t) }

func (s *Store) robot(ctx context.Context, q queryer) (notify.Robot, error) {
	var r notify.Robot
	var since string
	err := q.QueryRowContext(ctx, `SELECT kind, url, secret, keyword, enabled, since FROM robot_config WHERE id = 'robot'`).
		Scan(&r.Kind, &r.URL, &r.Secret, &r.Keyword, &r.Enabled, &since)
	if err == sql.ErrNoRows {
		return notify.Robot{}, nil
	}
	r.Since = parseTS(since)
	return r, err
}

// SaveRobot sets the group robot; Since is kept unless the address
// changed or the robot is turned on again, when it starts now.
func (t *Tx) SaveRobot(ctx context.Context, r notify.Robot) (notify.Robot, error) {
	old, err := t.Robot(ctx)
	if err != nil {
		return r, err
	}
	r.Since = old.Since
	if old.URL != r.URL || !old.Enabled || r.Since.IsZero() {
		r.Since = t.Now()
	}
	now := t.s.ts(t.Now())
	_, err = t.ExecContext(ctx, `INSERT INTO robot_config (id, kind, url, secret, keyword, enabled, since, updated_at)
		VALUES ('robot', ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, url = excluded.url, secret = excluded.secret,
			keyword = excluded.keyword, enabled = excluded.enabled, since = excluded.since, updated_at = excluded.updated_at`,
		r.Kind, r.URL, r.Secret, r.Keyword, r.Enabled, t.s.ts(r.Since), now)
	return r, err
}

// RobotPost is what the robot did with one event.
type RobotPost struct {
	Posted   bool
	Attempts int
	NextAt   time.Time
}

// RobotPosts returns what the robot did with the events keys names.
func (s *Store) RobotPosts(ctx context.Context, keys []string) (map[string]RobotPost, error) {
	out := map[string]RobotPost{}
	for len(keys) > 0 {
		n := min(500, len(keys))
		args := make([]any, n)
		for i, k := range keys[:n] {
			args[i] = k
		}
		keys = keys[n:]
		rows, err := s.read.QueryContext(ctx, `SELECT key, posted_at, attempts, next_at FROM robot_posts WHERE key IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var key string
			var posted, next sql.NullString
			var p RobotPost
			if err := rows.Scan(&key, &posted, &p.Attempts, &next); err != nil {
				rows.Close()
				return nil, err
			}
			p.Posted = posted.Valid
			if next.Valid {
				p.NextAt = parseTS(next.String)
			}
			out[key] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// NoteRobotPost records an attempt to post the event key: posted, or
// failed with errText and to be tried again at next.
func (s *Store) NoteRobotPost(ctx context.Context, key string, posted bool, next time.Time, errText string) error {
	return s.Write(ctx, WriteAt{}, func(tx *Tx) error {
		now := s.ts(tx.Now())
		var postedAt, nextAt any
		if posted {
			postedAt = now
		} else {
			nextAt = s.ts(next)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO robot_posts (key, posted_at, attempts, next_at, last_error, created_at)
			VALUES (?, ?, 1, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET posted_at = excluded.posted_at, attempts = attempts + 1,
				next_at = excluded.next_at, last_error = excluded.last_error`,
			key, postedAt, nextAt, errText, now)
		return err
	})
}

// MyNotifications are the notifications of the person acting ("mine": the
// account logged in, the account a laptop joined with, else the local
// profile), as the bell shows them (notify.Select).
func (s *Store) MyNotifications(ctx context.Context) (notify.List, error) {
	me, err := s.actor(ctx, s.read)
	if err != nil {
		return notify.List{}, err
	}
	now := s.clock.Now()
	mentions, err := s.Mentions(ctx, me, now.Add(-notify.MentionWindow), notify.MaxItems)
	if err != nil {
		return notify.List{}, err
	}
	work, err := s.MyWork(ctx)
	if err != nil {
		return notify.List{}, err
	}
	alerts, err := s.alertsOf(ctx, work)
	if err != nil {
		return notify.List{}, err
	}
	marks, err := s.Marks(ctx, me)
	if err != nil {
		return notify.List{}, err
	}
	return notify.Select(me, notify.Mine(mentions, work, alerts), marks, now), nil
}

// alertsOf are the running clocks due soon or breached of the requests of
// work, read for those requests only: every browser's bell asks each
// minute, and the team's clocks at 100k requests are thousands.
func (s *Store) alertsOf(ctx context.Context, work []request.WorkItem) ([]request.Alert, error) {
	seen := map[string]bool{}
	var ids []any
	for _, w := range work {
		if !seen[w.RequestID] {
			seen[w.RequestID] = true
			ids = append(ids, w.RequestID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return nil, err
	}
	var clocks []sla.Running
	for len(ids) > 0 {
		n := min(500, len(ids))
		part, err := s.runningClocks(ctx, s.read, requestsFirst, `k.due_at IS NOT NULL AND r.id IN (`+placeholders(n)+`)`, ids[:n]...)
		if err != nil {
			return nil, err
		}
		clocks = append(clocks, part...)
		ids = ids[n:]
	}
	out := request.Alerts(lim.cal, lim.dueSoon, clocks, s.clock.Now(), AllAlerts)
	if err := s.alertDetails(ctx, s.read, out.Items); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// RobotEvents are what the group robot would post now (notify.Events):
// mentions, breached clocks and reviews waiting since r.Since.
func (s *Store) RobotEvents(ctx context.Context, r notify.Robot) ([]notify.Event, error) {
	mentions, err := s.Mentions(ctx, "", r.Since, 1000)
	if err != nil {
		return nil, err
	}
	alerts, err := s.Alerts(ctx, AllAlerts)
	if err != nil {
		return nil, err
	}
	reviews, err := s.ReviewsWaiting(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT name, phone FROM people WHERE phone <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	phones := map[string]string{}
	for rows.Next() {
		var n, p string
		if err := rows.Scan(&n, &p); err != nil {
			return nil, err
		}
		phones[n] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return notify.Events(mentions, alerts.Items, reviews, phones, r.Since), nil
}

// ReviewsWaiting are the reviews every department still owes on plans
// under review, one item a department.
func (s *Store) ReviewsWaiting(ctx context.Context) ([]request.WorkItem, error) {
	ids, err := queryIDs(ctx, s.read, `SELECT id FROM requests WHERE status = ?`, request.StatusPlanReview)
	if err != nil {
		return nil, err
	}
	var out []request.WorkItem
	for _, id := range ids {
		r, _, err := s.request(ctx, s.read, id)
		if err != nil {
			return nil, err
		}
		recs, err := s.records(ctx, s.read, id)
		if err != nil {
			return nil, err
		}
		for _, d := range request.Summarize(r, recs, nil).PendingReviews {
			if w, ok := request.ReviewWork(r, recs, d); ok {
				out = append(out, w)
			}
		}
	}
	return out, nil
}
