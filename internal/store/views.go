package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/view"
)

// viewCounts keeps the count of each saved view at the database's data
// version (see dashboards): the navigation asks for every view's count
// on each page and after each change, and a count is read again only
// when something was committed since.
type viewCounts struct {
	mu      sync.Mutex
	epoch   int64
	version int64
	counts  map[string]request.Total // by the view's query as JSON
}

func (c *viewCounts) get(epoch, version int64, key string) (request.Total, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.epoch != epoch || c.version != version {
		return request.Total{}, false
	}
	t, ok := c.counts[key]
	return t, ok
}

func (c *viewCounts) put(epoch, version int64, key string, t request.Total) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.epoch != epoch || c.version != version || c.counts == nil {
		c.epoch, c.version, c.counts = epoch, version, map[string]request.Total{}
	}
	c.counts[key] = t
}

const viewColumns = `id, name, query, columns, created_at, updated_at, version`

func scanView(rows interface{ Scan(...any) error }, v *view.View, extra ...any) error {
	var q, cols, created, updated string
	if err := rows.Scan(append([]any{&v.ID, &v.Name, &q, &cols, &created, &updated, &v.Version}, extra...)...); err != nil {
		return err
	}
	v.UpdatedAt = parseTS(updated)
	// A body that does not read is kept out of the way, not fatal: the
	// view then selects everything until it is saved again.
	_ = json.Unmarshal([]byte(q), &v.Query)
	_ = json.Unmarshal([]byte(cols), &v.Columns)
	return nil
}

// views reads the team's views and owner's own, each by name.
func (s *Store) views(ctx context.Context, q queryer, owner string) ([]view.View, error) {
	out := []view.View{}
	err := eachRow(ctx, q, `SELECT `+viewColumns+`, created_by FROM team_views ORDER BY name, id`, nil,
		func(rows *sql.Rows) error {
			v := view.View{Scope: view.ScopeTeam}
			err := scanView(rows, &v, &v.CreatedBy)
			out = append(out, v)
			return err
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, q, `SELECT `+viewColumns+` FROM my_views WHERE owner = ? ORDER BY name, id`, []any{owner},
		func(rows *sql.Rows) error {
			v := view.View{Scope: view.ScopeMine, Owner: owner, CreatedBy: owner}
			err := scanView(rows, &v)
			out = append(out, v)
			return err
		})
	return out, err
}

// Views reads the team's views and the acting person's own, each with how
// many requests it selects now: one count per view, kept until the data
// changes (viewCounts).
func (s *Store) Views(ctx context.Context) ([]view.Counted, error) {
	owner, err := s.Actor(ctx)
	if err != nil {
		return nil, err
	}
	vs, err := s.views(ctx, s.read, owner)
	if err != nil {
		return nil, err
	}
	epoch, version, verr := s.dataVersion(ctx)
	out := make([]view.Counted, 0, len(vs))
	for _, v := range vs {
		b, _ := json.Marshal(v.Query)
		key := string(b)
		t, ok := s.viewCounts.get(epoch, version, key)
		if verr != nil || !ok {
			if t, err = s.TotalRequests(ctx, v.Query); err != nil {
				return nil, err
			}
			if verr == nil {
				s.viewCounts.put(epoch, version, key, t)
			}
		}
		out = append(out, view.Counted{View: v, Count: t.N, Capped: !t.Exact})
	}
	return out, nil
}

// ViewsOf loads the views of a scope a save is judged against: the team's,
// or owner's own.
func (t *Tx) ViewsOf(ctx context.Context, scope view.Scope, owner string) ([]view.View, error) {
	all, err := t.s.views(ctx, t, owner)
	if err != nil {
		return nil, err
	}
	out := []view.View{}
	for _, v := range all {
		if v.Scope == scope {
			out = append(out, v)
		}
	}
	return out, nil
}

// SaveView inserts v (no id yet) or updates it from version v.Version, and
// returns it as saved.
func (t *Tx) SaveView(ctx context.Context, v view.View) (view.View, error) {
	q, err := json.Marshal(v.Query)
	if err != nil {
		return v, err
	}
	cols, err := json.Marshal(v.Columns)
	if err != nil {
		return v, err
	}
	now := t.s.ts(t.Now())
	v.UpdatedAt = t.Now()
	if v.ID == "" {
		v.ID, v.Version = t.NewID(), 1
		if v.Scope == view.ScopeTeam {
			_, err = t.ExecContext(ctx, `INSERT INTO team_views (id, name, query, columns, created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, v.ID, v.Name, q, cols, v.CreatedBy, now, now)
		} else {
			_, err = t.ExecContext(ctx, `INSERT INTO my_views (id, owner, name, query, columns, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, v.ID, v.Owner, v.Name, q, cols, now, now)
		}
		return v, err
	}
	table, owner := "team_views", ""
	if v.Scope == view.ScopeMine {
		table, owner = "my_views", " AND owner = ?"
	}
	args := []any{v.Name, q, cols, now, v.ID, v.Version}
	if owner != "" {
		args = append(args, v.Owner)
	}
	res, err := t.ExecContext(ctx, `UPDATE `+table+` SET name = ?, query = ?, columns = ?, updated_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`+owner, args...)
	if err != nil {
		return v, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = stale("view")
		}
		return v, err
	}
	v.Version++
	return v, nil
}

// View loads a view of a scope for a change: a personal one only of owner.
func (t *Tx) View(ctx context.Context, scope view.Scope, id, owner string) (view.View, error) {
	vs, err := t.ViewsOf(ctx, scope, owner)
	if err != nil {
		return view.View{}, err
	}
	for _, v := range vs {
		if v.ID == id {
			return v, nil
		}
	}
	return view.View{}, notFound("view")
}

// DeleteView removes a view.
func (t *Tx) DeleteView(ctx context.Context, v view.View) error {
	table := "team_views"
	if v.Scope == view.ScopeMine {
		table = "my_views"
	}
	_, err := t.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, v.ID)
	return err
}
