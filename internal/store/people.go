package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
)

const personColumns = `id, name, department, roles, phone, email, active, created_at, updated_at, version`

func scanPerson(sc interface{ Scan(...any) error }) (people.Person, error) {
	var p people.Person
	var roles, created, updated string
	err := sc.Scan(&p.ID, &p.Name, &p.Department, &roles, &p.Phone, &p.Email, &p.Active, &created, &updated, &p.Version)
	if err == nil {
		err = json.Unmarshal([]byte(roles), &p.Roles)
	}
	p.CreatedAt, p.UpdatedAt = parseTS(created), parseTS(updated)
	return p, err
}

// People returns everyone, active first, by name.
func (s *Store) People(ctx context.Context) ([]people.Person, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+personColumns+` FROM people ORDER BY active DESC, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []people.Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// staff is the people list as the request rules see it.
func (s *Store) staff(ctx context.Context, q queryer) (request.Staff, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+personColumns+` FROM people`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []people.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return people.StaffOf(list), rows.Err()
}

func (s *Store) person(ctx context.Context, q queryer, id string) (people.Person, error) {
	p, err := scanPerson(q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return p, notFound("person")
	}
	return p, err
}

// Person loads a person for a change.
func (t *Tx) Person(ctx context.Context, id string) (people.Person, error) {
	return t.s.person(ctx, t, id)
}

// PersonNamed reports whether someone other than exceptID is called name.
func (t *Tx) PersonNamed(ctx context.Context, name, exceptID string) (bool, error) {
	var n int
	err := t.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE name = ? AND id <> ?`, name, exceptID).Scan(&n)
	return n > 0, err
}

// InsertPerson stores a new person with id.
func (t *Tx) InsertPerson(ctx context.Context, id string, f people.Fields) error {
	roles, err := rolesJSON(f.Roles)
	if err != nil {
		return err
	}
	now := t.s.ts(t.Now())
	_, err = t.ExecContext(ctx, `INSERT INTO people (id, name, department, roles, phone, email, active, created_at,
		updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		id, f.Name, f.Department, roles, f.Phone, f.Email, f.Active, now, now)
	return err
}

// UpdatePerson stores a person's fields over the version read.
func (t *Tx) UpdatePerson(ctx context.Context, id string, version int64, f people.Fields) error {
	roles, err := rolesJSON(f.Roles)
	if err != nil {
		return err
	}
	res, err := t.ExecContext(ctx, `UPDATE people SET name = ?, department = ?, roles = ?, phone = ?, email = ?,
		active = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		f.Name, f.Department, roles, f.Phone, f.Email, f.Active, t.s.ts(t.Now()), id, version)
	return changedOne(res, err, "person")
}

// ListPerson puts f on the people list unless someone of its name is on
// it (active or not); the entry is not audited, being a consequence of the
// change that names the person (settings, a new account).
func (t *Tx) ListPerson(ctx context.Context, f people.Fields) error {
	listed, err := t.PersonNamed(ctx, f.Name, "")
	if err != nil || listed {
		return err
	}
	return t.InsertPerson(ctx, t.NewID(), f)
}

func rolesJSON(roles []request.Role) (string, error) {
	if roles == nil {
		roles = []request.Role{}
	}
	b, err := json.Marshal(roles)
	return string(b), err
}
