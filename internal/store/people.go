package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
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

// SavePerson adds a person (id empty) or changes one (id and the version read).
func (s *Store) SavePerson(ctx context.Context, id string, version int64, f people.Fields) (people.Person, error) {
	f = f.Normalize()
	if err := f.Validate(); err != nil {
		return people.Person{}, err
	}
	roles, err := json.Marshal(f.Roles)
	if err != nil {
		return people.Person{}, err
	}
	var out people.Person
	err = s.tx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE name = ? AND id <> ?`, f.Name, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &apperr.Error{Code: apperr.Conflict, Message: "已有同名人员", Key: "person_duplicate",
				Fields: []apperr.FieldError{{Field: "name", Key: "duplicate"}}}
		}
		now := s.ts(tx.Now())
		var before any
		if id == "" {
			id = tx.NewID()
			_, err = tx.ExecContext(ctx, `INSERT INTO people (id, name, department, roles, phone, email, active, created_at,
				updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
				id, f.Name, f.Department, string(roles), f.Phone, f.Email, f.Active, now, now)
		} else {
			b, err := s.person(ctx, tx, id)
			if err != nil {
				return err
			}
			if b.Version != version {
				return stale("person")
			}
			before = b
			_, err = tx.ExecContext(ctx, `UPDATE people SET name = ?, department = ?, roles = ?, phone = ?, email = ?,
				active = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
				f.Name, f.Department, string(roles), f.Phone, f.Email, f.Active, now, id, version)
			if err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		if out, err = s.person(ctx, tx, id); err != nil {
			return err
		}
		action := audit.ActionCreate
		if before != nil {
			action = audit.ActionUpdate
		}
		return s.record(ctx, tx, audit.EntityPerson, id, action, before, out)
	})
	return out, err
}
