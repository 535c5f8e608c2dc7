package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Communication quality (internal/comm): reply scripts and their revisions,
// the weekly checks, their scored records and 整改 items.

const scriptColumns = `id, channel, topic, title, body, active, revision, updated_by, created_at, updated_at, version`

func scanScript(sc interface{ Scan(...any) error }) (comm.Script, error) {
	var s comm.Script
	var created, updated string
	err := sc.Scan(&s.ID, &s.Channel, &s.Topic, &s.Title, &s.Body, &s.Active, &s.Revision, &s.UpdatedBy, &created, &updated, &s.Version)
	s.CreatedAt, s.UpdatedAt = parseTS(created), parseTS(updated)
	return s, err
}

// Scripts returns the script library, in its order (comm.SortScripts).
func (s *Store) Scripts(ctx context.Context) ([]comm.Script, error) {
	return s.scripts(ctx, s.read)
}

func (s *Store) scripts(ctx context.Context, q queryer) ([]comm.Script, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+scriptColumns+` FROM comm_scripts`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []comm.Script{}
	for rows.Next() {
		sc, err := scanScript(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	comm.SortScripts(out)
	return out, rows.Err()
}

// Script loads one script.
func (s *Store) Script(ctx context.Context, id string) (comm.Script, error) {
	return s.script(ctx, s.read, id)
}

func (s *Store) script(ctx context.Context, q queryer, id string) (comm.Script, error) {
	sc, err := scanScript(q.QueryRowContext(ctx, `SELECT `+scriptColumns+` FROM comm_scripts WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return sc, notFound("script")
	}
	return sc, err
}

// Script loads a script for a change.
func (t *Tx) Script(ctx context.Context, id string) (comm.Script, error) {
	return t.s.script(ctx, t, id)
}

// ScriptRevisions returns every revision of a script, the newest first.
func (s *Store) ScriptRevisions(ctx context.Context, id string) ([]comm.Revision, error) {
	all, err := s.revisions(ctx, s.read, id)
	if err != nil {
		return nil, err
	}
	out := all[id]
	if out == nil {
		out = []comm.Revision{}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// revisions loads the revisions of one script (id) or of all (id ""), by
// script, oldest first.
func (s *Store) revisions(ctx context.Context, q queryer, id string) (map[string][]comm.Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT script_id, revision, channel, topic, title, body, active, note, changed_by, changed_at
		FROM comm_script_revisions WHERE ? = '' OR script_id = ? ORDER BY script_id, revision`, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]comm.Revision{}
	for rows.Next() {
		var r comm.Revision
		var at string
		if err := rows.Scan(&r.ScriptID, &r.Revision, &r.Channel, &r.Topic, &r.Title, &r.Body, &r.Active, &r.Note, &r.ChangedBy, &at); err != nil {
			return nil, err
		}
		r.ChangedAt = parseTS(at)
		out[r.ScriptID] = append(out[r.ScriptID], r)
	}
	return out, rows.Err()
}

// InsertScript stores a new script with id as its first revision.
func (t *Tx) InsertScript(ctx context.Context, id string, in comm.ScriptInput, actor string) error {
	now := t.s.ts(t.Now())
	if _, err := t.ExecContext(ctx, `INSERT INTO comm_scripts (id, channel, topic, title, body, active, revision, updated_by,
		created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1)`,
		id, in.Channel, in.Topic, in.Title, in.Body, in.Active, actor, now, now); err != nil {
		return err
	}
	return t.insertRevision(ctx, id, 1, in, actor)
}

// UpdateScript stores a script's new revision over the version read.
func (t *Tx) UpdateScript(ctx context.Context, old comm.Script, in comm.ScriptInput, actor string) error {
	res, err := t.ExecContext(ctx, `UPDATE comm_scripts SET channel = ?, topic = ?, title = ?, body = ?, active = ?,
		revision = revision + 1, updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		in.Channel, in.Topic, in.Title, in.Body, in.Active, actor, t.s.ts(t.Now()), old.ID, in.Version)
	if err := changedOne(res, err, "script"); err != nil {
		return err
	}
	return t.insertRevision(ctx, old.ID, old.Revision+1, in, actor)
}

func (t *Tx) insertRevision(ctx context.Context, id string, rev int, in comm.ScriptInput, actor string) error {
	_, err := t.ExecContext(ctx, `INSERT INTO comm_script_revisions (id, script_id, revision, channel, topic, title, body,
		active, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.NewID(), id, rev, in.Channel, in.Topic, in.Title, in.Body, in.Active, in.Note, actor, t.s.ts(t.Now()))
	return err
}

// ScriptRevisionExists reports whether script id has revision rev.
func (t *Tx) ScriptRevisionExists(ctx context.Context, id string, rev int) (bool, error) {
	var n int
	err := t.QueryRowContext(ctx, `SELECT count(*) FROM comm_script_revisions WHERE script_id = ? AND revision = ?`, id, rev).Scan(&n)
	return n > 0, err
}

// ScriptSource gathers what a script's fields are filled from for a
// request: the request, the analysis letter's expected delivery, the
// company's name and time zone.
func (s *Store) ScriptSource(ctx context.Context, requestID string) (comm.Source, error) {
	var src comm.Source
	var err error
	if src.Request, _, err = s.request(ctx, s.read, requestID); err != nil {
		return src, err
	}
	var expected sql.NullString
	err = s.read.QueryRowContext(ctx, `SELECT record_field(body, 'expectedDelivery') FROM request_records
		WHERE req = `+reqOf+` AND kind = ?`, requestID, request.KindAnalysis).Scan(&expected)
	if err != nil && err != sql.ErrNoRows {
		return src, err
	}
	src.ExpectedDelivery = expected.String
	set, err := s.settings(ctx, s.read)
	if err != nil {
		return src, err
	}
	src.Company = set.CompanyName
	src.Now = s.Now()
	src.Zone, err = s.zone(ctx, s.read)
	return src, err
}

// RecentTitles returns the titles of the requests received since t: what
// the recurring problems are found in.
func (s *Store) RecentTitles(ctx context.Context, since time.Time) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT title FROM requests WHERE received_at >= ?`, s.ts(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return nil, err
		}
		out = append(out, title)
	}
	return out, rows.Err()
}

// CheckConfig returns the weekly check's settings.
func (s *Store) CheckConfig(ctx context.Context) (comm.Config, error) {
	return s.checkConfig(ctx, s.read)
}

// CheckConfig loads the weekly check's settings for a change.
func (t *Tx) CheckConfig(ctx context.Context) (comm.Config, error) { return t.s.checkConfig(ctx, t) }

func (s *Store) checkConfig(ctx context.Context, q queryer) (comm.Config, error) {
	var c comm.Config
	var sizes string
	if err := q.QueryRowContext(ctx, `SELECT sample_size, channel_sizes, pass_percent, version FROM comm_check_config WHERE id = 'check'`).
		Scan(&c.SampleSize, &sizes, &c.PassPercent, &c.Version); err != nil {
		return c, err
	}
	err := json.Unmarshal([]byte(sizes), &c.ChannelSizes)
	return c, err
}

// SaveCheckConfig stores the weekly check's settings over the version read.
func (t *Tx) SaveCheckConfig(ctx context.Context, c comm.Config) error {
	sizes, err := json.Marshal(c.ChannelSizes)
	if err != nil {
		return err
	}
	res, err := t.ExecContext(ctx, `UPDATE comm_check_config SET sample_size = ?, channel_sizes = ?, pass_percent = ?,
		updated_at = ?, version = version + 1 WHERE id = 'check' AND version = ?`, c.SampleSize, string(sizes), c.PassPercent, t.s.ts(t.Now()), c.Version)
	return changedOne(res, err, "check_config")
}

// Checklist returns the checklist, in order, retired items included.
func (s *Store) Checklist(ctx context.Context) ([]comm.ChecklistItem, error) {
	return s.checklist(ctx, s.read)
}

// Checklist loads the checklist for a change.
func (t *Tx) Checklist(ctx context.Context) ([]comm.ChecklistItem, error) {
	return t.s.checklist(ctx, t)
}

func (s *Store) checklist(ctx context.Context, q queryer) ([]comm.ChecklistItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, position, label, max_score, active, version FROM comm_checklist ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []comm.ChecklistItem{}
	for rows.Next() {
		var it comm.ChecklistItem
		if err := rows.Scan(&it.ID, &it.Position, &it.Label, &it.MaxScore, &it.Active, &it.Version); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// InsertChecklistItem adds an item with id at the end of the list.
func (t *Tx) InsertChecklistItem(ctx context.Context, id string, it comm.ChecklistItem) error {
	now := t.s.ts(t.Now())
	_, err := t.ExecContext(ctx, `INSERT INTO comm_checklist (id, position, label, max_score, active, created_at, updated_at, version)
		VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM comm_checklist), ?, ?, ?, ?, ?, 1)`,
		id, it.Label, it.MaxScore, it.Active, now, now)
	return err
}

// UpdateChecklistItem stores an item over the version read.
func (t *Tx) UpdateChecklistItem(ctx context.Context, it comm.ChecklistItem) error {
	res, err := t.ExecContext(ctx, `UPDATE comm_checklist SET label = ?, max_score = ?, active = ?, updated_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`, it.Label, it.MaxScore, it.Active, t.s.ts(t.Now()), it.ID, it.Version)
	return changedOne(res, err, "check_item")
}

// Candidates returns the communication records of [from, to) (by the time
// of the contact) that a weekly check may draw: channel as recorded, else
// the request's.
func (t *Tx) Candidates(ctx context.Context, from, to time.Time) ([]comm.Candidate, error) {
	// The contact's time is in the body; records are written within days
	// of it (request.ClockSkew and the receipt bound it from below), so
	// the rows are narrowed by when they were written, a week either side.
	rows, err := t.QueryContext(ctx, `SELECT `+uuidText("r.id")+`, q.id, q.number, r.body, q.channel, r.created_by
		FROM request_records r JOIN requests q ON q.seq = r.req
		WHERE r.kind = ? AND r.created_at >= ? AND r.created_at < ?`,
		request.KindCommunication, millis(from.AddDate(0, 0, -7)), millis(to.AddDate(0, 0, 7)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []comm.Candidate
	for rows.Next() {
		var c comm.Candidate
		var body []byte
		var channel string
		if err := rows.Scan(&c.RecordID, &c.RequestID, &c.Number, &body, &channel, &c.Agent); err != nil {
			return nil, err
		}
		b, err := request.BodyOf[request.Communication](request.Record{ID: c.RecordID, Kind: request.KindCommunication, Body: recordBody(body)})
		if err != nil {
			return nil, err
		}
		if b.At.Before(from) || !b.At.Before(to) {
			continue
		}
		c.At, c.Channel, c.Summary = b.At, b.Channel, b.Summary
		if c.Channel == "" {
			c.Channel = channel
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CheckTaken reports whether checker has drawn the week's sample already.
func (t *Tx) CheckTaken(ctx context.Context, week, checker string) (bool, error) {
	var n int
	err := t.QueryRowContext(ctx, `SELECT count(*) FROM comm_checks WHERE week = ? AND checker = ?`, week, checker).Scan(&n)
	return n > 0, err
}

// InsertCheck stores a weekly check and its sample.
func (t *Tx) InsertCheck(ctx context.Context, id, week, checker string, seed uint64, sizes map[string]int, sample []comm.Candidate) error {
	now := t.s.ts(t.Now())
	sz, err := json.Marshal(sizes)
	if err != nil {
		return err
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO comm_checks (id, week, checker, seed, sizes, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1)`, id, week, checker, int64(seed), string(sz), now, now); err != nil {
		return err
	}
	for i, c := range sample {
		if _, err := t.ExecContext(ctx, `INSERT INTO comm_check_items (id, check_id, position, record_id, request_id, channel,
			agent, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			t.NewID(), id, i+1, idKey(c.RecordID), c.RequestID, c.Channel, c.Agent, now, now); err != nil {
			return err
		}
	}
	return nil
}

// QualityCheck is a weekly check with its sample.
type QualityCheck struct {
	ID        string         `json:"id"`
	Week      string         `json:"week"`
	Checker   string         `json:"checker"`
	Seed      string         `json:"seed"` // a uint64 as text: JavaScript numbers hold 53 bits
	Sizes     map[string]int `json:"sizes"`
	CreatedAt time.Time      `json:"createdAt"`
	Items     []CheckItem    `json:"items"`
	// Size counts the sample's records, Scored and Passed its scored and
	// passed ones, Open its open 整改 items.
	Size   int `json:"size"`
	Scored int `json:"scored"`
	Passed int `json:"passed"`
	Open   int `json:"open"`
}

// CheckItem is a sampled record: where it is, who wrote it, what it says,
// and once scored its verdict and 整改 item.
type CheckItem struct {
	ID        string              `json:"id"`
	CheckID   string              `json:"checkId"`
	Position  int                 `json:"position"`
	RecordID  string              `json:"recordId"`
	RequestID string              `json:"requestId"`
	Number    string              `json:"number"`
	Channel   string              `json:"channel"`
	Agent     string              `json:"agent"`
	At        time.Time           `json:"at"`
	Summary   string              `json:"summary"`
	Scores    []comm.Score        `json:"scores"`
	Total     int                 `json:"total"`
	Max       int                 `json:"max"`
	Passed    *bool               `json:"passed"`
	Comment   string              `json:"comment"`
	ScoredBy  string              `json:"scoredBy"`
	ScoredAt  time.Time           `json:"scoredAt"`
	Rect      *comm.Rectification `json:"rectification"`
	Version   int64               `json:"version"`
}

// QualityChecks lists the weekly checks, the newest week first, without their
// samples' records.
func (s *Store) QualityChecks(ctx context.Context) ([]QualityCheck, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT c.id, c.week, c.checker, c.seed, c.sizes, c.created_at,
		(SELECT count(*) FROM comm_check_items i WHERE i.check_id = c.id AND i.passed IS NOT NULL),
		(SELECT count(*) FROM comm_check_items i WHERE i.check_id = c.id AND i.passed = 1),
		(SELECT count(*) FROM comm_rectifications x JOIN comm_check_items i ON i.id = x.check_item_id
			WHERE i.check_id = c.id AND x.status = 'open'),
		(SELECT count(*) FROM comm_check_items i WHERE i.check_id = c.id)
		FROM comm_checks c ORDER BY c.week DESC, c.checker`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []QualityCheck{}
	for rows.Next() {
		c, err := scanCheck(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func scanCheck(sc interface{ Scan(...any) error }) (QualityCheck, error) {
	var c QualityCheck
	var seed int64
	var sizes, created string
	err := sc.Scan(&c.ID, &c.Week, &c.Checker, &seed, &sizes, &created, &c.Scored, &c.Passed, &c.Open, &c.Size)
	if err != nil {
		return c, err
	}
	c.Seed = formatSeed(uint64(seed))
	c.CreatedAt = parseTS(created)
	c.Items = []CheckItem{}
	return c, json.Unmarshal([]byte(sizes), &c.Sizes)
}

func formatSeed(v uint64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// QualityCheck loads a weekly check with its sample.
func (s *Store) QualityCheck(ctx context.Context, id string) (QualityCheck, error) {
	return s.check(ctx, s.read, id)
}

func (s *Store) check(ctx context.Context, q queryer, id string) (QualityCheck, error) {
	c, err := scanCheck(q.QueryRowContext(ctx, `SELECT c.id, c.week, c.checker, c.seed, c.sizes, c.created_at,
		(SELECT count(*) FROM comm_check_items i WHERE i.check_id = c.id AND i.passed IS NOT NULL),
		(SELECT count(*) FROM comm_check_items i WHERE i.check_id = c.id AND i.passed = 1),
		(SELECT count(*) FROM comm_rectifications x JOIN comm_check_items i ON i.id = x.check_item_id
			WHERE i.check_id = c.id AND x.status = 'open'),
		(SELECT count(*) FROM comm_check_items i WHERE i.check_id = c.id)
		FROM comm_checks c WHERE c.id = ?`, id))
	if err == sql.ErrNoRows {
		return c, notFound("check")
	}
	if err != nil {
		return c, err
	}
	c.Items, err = s.checkItems(ctx, q, `i.check_id = ?`, id)
	return c, err
}

var checkItemColumns = `i.id, i.check_id, i.position, ` + uuidText("i.record_id") + `, i.request_id, q.number, i.channel, i.agent, r.body,
	i.scores, i.total, i.max_total, i.passed, i.comment, i.scored_by, i.scored_at, i.version,
	x.id, x.owner, x.due, x.problem, x.status, x.action_taken, x.closed_by, x.closed_at, x.created_at, x.version`

func (s *Store) checkItems(ctx context.Context, q queryer, where string, args ...any) ([]CheckItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+checkItemColumns+` FROM comm_check_items i
		JOIN requests q ON q.id = i.request_id JOIN request_records r ON r.id = i.record_id
		LEFT JOIN comm_rectifications x ON x.check_item_id = i.id
		WHERE `+where+` ORDER BY i.check_id, i.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []CheckItem{}
	for rows.Next() {
		var it CheckItem
		var body []byte
		var scores, scoredAt string
		var passed sql.NullBool
		var xID, xOwner, xDue, xProblem, xStatus, xAction, xClosedBy, xClosedAt, xCreated sql.NullString
		var xVersion sql.NullInt64
		if err := rows.Scan(&it.ID, &it.CheckID, &it.Position, &it.RecordID, &it.RequestID, &it.Number, &it.Channel, &it.Agent, &body,
			&scores, &it.Total, &it.Max, &passed, &it.Comment, &it.ScoredBy, &scoredAt, &it.Version,
			&xID, &xOwner, &xDue, &xProblem, &xStatus, &xAction, &xClosedBy, &xClosedAt, &xCreated, &xVersion); err != nil {
			return nil, err
		}
		b, err := request.BodyOf[request.Communication](request.Record{ID: it.RecordID, Kind: request.KindCommunication, Body: recordBody(body)})
		if err != nil {
			return nil, err
		}
		it.At, it.Summary = b.At, b.Summary
		if err := json.Unmarshal([]byte(scores), &it.Scores); err != nil {
			return nil, err
		}
		if passed.Valid {
			it.Passed = &passed.Bool
		}
		it.ScoredAt = parseTS(scoredAt)
		if xID.Valid {
			it.Rect = &comm.Rectification{ID: xID.String, CheckItemID: it.ID, Owner: xOwner.String, Due: xDue.String,
				Problem: xProblem.String, Status: xStatus.String, ActionTaken: xAction.String, ClosedBy: xClosedBy.String,
				ClosedAt: parseTS(xClosedAt.String), CreatedAt: parseTS(xCreated.String), Version: xVersion.Int64}
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// CheckItem loads a sampled record for a change.
func (t *Tx) CheckItem(ctx context.Context, id string) (CheckItem, error) {
	list, err := t.s.checkItems(ctx, t, `i.id = ?`, id)
	if err != nil {
		return CheckItem{}, err
	}
	if len(list) == 0 {
		return CheckItem{}, notFound("check")
	}
	return list[0], nil
}

// CheckItemOfRect loads the sampled record a 整改 item belongs to.
func (t *Tx) CheckItemOfRect(ctx context.Context, rectID string) (CheckItem, error) {
	list, err := t.s.checkItems(ctx, t, `x.id = ?`, rectID)
	if err != nil {
		return CheckItem{}, err
	}
	if len(list) == 0 || list[0].Rect == nil {
		return CheckItem{}, notFound("rectification")
	}
	return list[0], nil
}

// ScoreCheckItem stores a record's verdict over the version read.
func (t *Tx) ScoreCheckItem(ctx context.Context, id string, version int64, v comm.Verdict, comment, scorer string) error {
	scores, err := json.Marshal(v.Scores)
	if err != nil {
		return err
	}
	now := t.s.ts(t.Now())
	res, err := t.ExecContext(ctx, `UPDATE comm_check_items SET scores = ?, total = ?, max_total = ?, passed = ?, comment = ?,
		scored_by = ?, scored_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		string(scores), v.Total, v.Max, v.Passed, comment, scorer, now, now, id, version)
	return changedOne(res, err, "check")
}

// InsertRectification opens a 整改 item with id.
func (t *Tx) InsertRectification(ctx context.Context, id string, r comm.Rectification) error {
	now := t.s.ts(t.Now())
	_, err := t.ExecContext(ctx, `INSERT INTO comm_rectifications (id, check_item_id, owner, due, problem, status,
		created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, 1)`, id, r.CheckItemID, r.Owner, r.Due, r.Problem, now, now)
	return err
}

// CloseRectification closes a 整改 item over the version read.
func (t *Tx) CloseRectification(ctx context.Context, id string, version int64, action, actor string) error {
	now := t.s.ts(t.Now())
	res, err := t.ExecContext(ctx, `UPDATE comm_rectifications SET status = 'closed', action_taken = ?, closed_by = ?,
		closed_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'open'`,
		action, actor, now, now, id, version)
	return changedOne(res, err, "rectification")
}

// ActiveNames lists the active people's names.
func (t *Tx) ActiveNames(ctx context.Context) ([]string, error) {
	rows, err := t.QueryContext(ctx, `SELECT name FROM people WHERE active = 1 ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// saidRecordsSQL reads the customer-facing records of [?, ?):
// communication records, progress updates (not meeting minutes), result
// notes and feedback follow-ups, with their requests' numbers when numbers
// (looking each up costs more than reading the records: a measure's value
// needs none). The kinds are literals, the same as request_records_said's
// (migration 0024), so the period is read from that index instead of the
// whole table; TestSaidRecordsUseIndex keeps the two together.
func saidRecordsSQL(numbers bool) string {
	id, number, join := `(SELECT id FROM requests WHERE seq = r.req)`, `''`, ``
	if numbers {
		id, number, join = `q.id`, `q.number`, `JOIN requests q ON q.seq = r.req`
	}
	return `SELECT ` + uuidText("r.id") + `, ` + id + `, ` + number + `, r.kind, r.created_by, r.created_at,
	coalesce(record_field(r.body, 'scriptId'), ''), coalesce(record_field(r.body, 'scriptRevision'), 0)
	FROM request_records r ` + join + `
	WHERE r.created_at >= ? AND r.created_at < ?
	AND r.kind IN ('communication', 'result_note', 'feedback', 'progress')
	AND (r.kind <> 'progress' OR record_field(r.body, 'type') = 'update')
	ORDER BY r.created_at, r.id`
}

// CommMeasures computes 话术适配率, 抽检合格率 and 整改率 over [from, to),
// each with the records behind it.
func (s *Store) CommMeasures(ctx context.Context, from, to time.Time) ([]comm.Result, error) {
	return s.commMeasures(ctx, from, to, true)
}

// commMeasures is CommMeasures, with the records' request numbers when
// numbers.
func (s *Store) commMeasures(ctx context.Context, from, to time.Time, numbers bool) ([]comm.Result, error) {
	f, tt := s.ts(from), s.ts(to)
	rows, err := s.read.QueryContext(ctx, saidRecordsSQL(numbers), millis(from), millis(to))
	if err != nil {
		return nil, err
	}
	var uses []comm.Use
	for rows.Next() {
		var u comm.Use
		var at any // Unix milliseconds (0028)
		if err := rows.Scan(&u.RecordID, &u.RequestID, &u.Number, &u.Kind, &u.Who, &at, &u.ScriptID, &u.Revision); err != nil {
			rows.Close()
			return nil, err
		}
		u.At = storedTime(at)
		uses = append(uses, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	revs, err := s.revisions(ctx, s.read, "")
	if err != nil {
		return nil, err
	}
	items, err := s.checkItems(ctx, s.read, `i.passed IS NOT NULL AND i.scored_at >= ? AND i.scored_at < ?`, f, tt)
	if err != nil {
		return nil, err
	}
	var checked []comm.CheckedItem
	for _, it := range items {
		checked = append(checked, comm.CheckedItem{Ref: comm.Ref{RecordID: it.RecordID, RequestID: it.RequestID, Number: it.Number,
			Kind: string(request.KindCommunication), Who: it.Agent, At: it.ScoredAt}, Passed: *it.Passed, Total: it.Total, Max: it.Max})
	}
	items, err = s.checkItems(ctx, s.read, `x.created_at >= ? AND x.created_at < ?`, f, tt)
	if err != nil {
		return nil, err
	}
	var rects []comm.OpenedRectification
	for _, it := range items {
		rects = append(rects, comm.OpenedRectification{Ref: comm.Ref{RecordID: it.RecordID, RequestID: it.RequestID, Number: it.Number,
			Kind: string(request.KindCommunication), Who: it.Rect.Owner, At: it.Rect.CreatedAt}, Closed: it.Rect.Status == "closed", Due: it.Rect.Due})
	}
	cfg, err := s.ReportConfig(ctx)
	if err != nil {
		return nil, err
	}
	out := []comm.Result{comm.ScriptFit(uses, revs), comm.PassRate(checked), comm.RectRate(rects)}
	for i, r := range out {
		if t, ok := cfg.Targets[r.Def.ID]; ok && !t.Relative {
			out[i] = r.WithTarget(t.Value)
		}
	}
	return out, nil
}

// RecordValues are the record measures (report.RecordMeasures) over
// [from, to), by id: what report.FillRecords puts into a report's results.
// They are kept while nothing they read changes (recordMemo); the map is
// shared: read it, never change it.
func (s *Store) RecordValues(ctx context.Context, from, to time.Time) (map[report.MeasureID]report.Value, error) {
	var seq int64
	if err := s.read.QueryRowContext(ctx, `SELECT seq FROM record_changes WHERE id = 1`).Scan(&seq); err != nil {
		return nil, err
	}
	key := [2]int64{from.UnixMilli(), to.UnixMilli()}
	if v, ok := s.recordValues.get(seq, key); ok {
		return v, nil
	}
	rs, err := s.commMeasures(ctx, from, to, false)
	if err != nil {
		return nil, err
	}
	out := map[report.MeasureID]report.Value{}
	for _, r := range rs {
		out[r.Def.ID] = report.RecordValue(r.Def.ID, r.Num, r.Den)
	}
	s.recordValues.put(seq, key, out)
	return out, nil
}

// recordMemo keeps the record measures of the periods asked for at one
// count of record_changes (0029), whose triggers count every write to what
// the measures read: the same count read before the values were computed
// means nothing they read was committed since, whichever connection or
// program wrote. Values computed while a change commits may hold it and
// are kept under the count before it, which no later caller reads again.
// The count starts again only with another database, which LoadSnapshot
// and a restore (a new store) bring with a memo of their own or reset.
type recordMemo struct {
	mu  sync.Mutex
	seq int64
	m   map[[2]int64]map[report.MeasureID]report.Value
	// computed counts the values computed (tests).
	computed atomic.Int64
}

func (m *recordMemo) get(seq int64, key [2]int64) (map[report.MeasureID]report.Value, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[key]
	return v, ok && m.seq == seq
}

func (m *recordMemo) put(seq int64, key [2]int64, v map[report.MeasureID]report.Value) {
	m.computed.Add(1)
	m.mu.Lock()
	defer m.mu.Unlock()
	if seq < m.seq && m.m != nil {
		return // computed before a change another caller has seen
	}
	// A few dozen periods at most are asked for (a dashboard's two, a
	// report's): past that, start again.
	if m.seq != seq || m.m == nil || len(m.m) >= 64 {
		m.seq, m.m = seq, map[[2]int64]map[report.MeasureID]report.Value{}
	}
	m.m[key] = v
}

// reset forgets every kept value (the database was replaced).
func (m *recordMemo) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m = nil
}

// fillRecords puts the record measures of period p and the one before it
// into rs (report.FillRecords).
func (s *Store) fillRecords(ctx context.Context, rs []report.Result, p, prev report.Period, cfg report.Config) error {
	cur, err := s.RecordValues(ctx, p.From, p.To)
	if err != nil {
		return err
	}
	before, err := s.RecordValues(ctx, prev.From, prev.To)
	if err != nil {
		return err
	}
	report.FillRecords(rs, cur, before, cfg)
	return nil
}

// recordDrill returns the requests behind a record measure over [from, to):
// those of its records (part "in"), counted ("hit") or not ("miss").
func (s *Store) recordDrill(ctx context.Context, id report.MeasureID, part string, from, to time.Time) ([]string, error) {
	rs, err := s.commMeasures(ctx, from, to, false)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	seen := map[string]bool{}
	for _, r := range rs {
		if r.Def.ID != id {
			continue
		}
		for _, ref := range r.Refs {
			if part == "hit" && !ref.Counted || part == "miss" && ref.Counted || seen[ref.RequestID] {
				continue
			}
			seen[ref.RequestID] = true
			ids = append(ids, ref.RequestID)
		}
	}
	return ids, nil
}

// QualityCheck loads a weekly check with its sample inside a change.
func (t *Tx) QualityCheck(ctx context.Context, id string) (QualityCheck, error) {
	return t.s.check(ctx, t, id)
}
