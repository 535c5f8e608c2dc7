package store

import (
	"context"
	"database/sql"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

const vocabColumns = `id, kind, label, sort_order, active, default_path, created_at, updated_at, version`

func scanVocab(sc interface{ Scan(...any) error }) (vocab.Item, error) {
	var it vocab.Item
	var created, updated string
	err := sc.Scan(&it.ID, &it.Kind, &it.Label, &it.SortOrder, &it.Active, &it.DefaultPath, &created, &updated, &it.Version)
	it.CreatedAt, it.UpdatedAt = parseTS(created), parseTS(updated)
	return it, err
}

// Vocabularies returns every word list.
func (s *Store) Vocabularies(ctx context.Context) (vocab.Lists, error) {
	return s.vocabularies(ctx, s.read)
}

func (s *Store) vocabularies(ctx context.Context, q queryer) (vocab.Lists, error) {
	l := vocab.Lists{Types: []vocab.Item{}, Channels: []vocab.Item{}, Categories: []vocab.Item{}, Departments: []vocab.Item{}}
	rows, err := q.QueryContext(ctx, `SELECT `+vocabColumns+` FROM vocab_items ORDER BY kind, sort_order, label`)
	if err != nil {
		return l, err
	}
	defer rows.Close()
	for rows.Next() {
		it, err := scanVocab(rows)
		if err != nil {
			return l, err
		}
		switch it.Kind {
		case vocab.KindType:
			l.Types = append(l.Types, it)
		case vocab.KindChannel:
			l.Channels = append(l.Channels, it)
		case vocab.KindCategory:
			l.Categories = append(l.Categories, it)
		case vocab.KindDepartment:
			l.Departments = append(l.Departments, it)
		}
	}
	return l, rows.Err()
}

func (s *Store) vocabItem(ctx context.Context, q queryer, id string) (vocab.Item, error) {
	it, err := scanVocab(q.QueryRowContext(ctx, `SELECT `+vocabColumns+` FROM vocab_items WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return it, notFound("vocab")
	}
	return it, err
}

func duplicateLabel() error {
	return &apperr.Error{Code: apperr.Conflict, Message: "列表中已有同名项", Key: "vocab_duplicate",
		Fields: []apperr.FieldError{{Field: "label", Key: "duplicate"}}}
}

// AddVocabItem appends a label to the list of kind.
func (s *Store) AddVocabItem(ctx context.Context, kind, label string) (vocab.Item, error) {
	if !vocab.ValidKind(kind) {
		return vocab.Item{}, apperr.New(apperr.Invalid, "vocab_kind_unknown", apperr.P{"kind": kind}).WithField("kind", "not_in_list")
	}
	label, err := vocab.NormalizeLabel(label)
	if err != nil {
		return vocab.Item{}, err
	}
	var it vocab.Item
	err = s.tx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM vocab_items WHERE kind = ? AND label = ?`, kind, label).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return duplicateLabel()
		}
		now := s.ts(tx.Now())
		id := tx.NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO vocab_items (id, kind, label, sort_order, active, created_at, updated_at, version)
			VALUES (?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM vocab_items WHERE kind = ?), 1, ?, ?, 1)`,
			id, kind, label, kind, now, now); err != nil {
			return err
		}
		if it, err = s.vocabItem(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityVocab, id, audit.ActionCreate, nil, it)
	})
	return it, err
}

// UpdateVocabItem renames an item or retires it (active false). Requests keep
// the label they were saved with.
func (s *Store) UpdateVocabItem(ctx context.Context, id string, version int64, label string, active bool) (vocab.Item, error) {
	label, err := vocab.NormalizeLabel(label)
	if err != nil {
		return vocab.Item{}, err
	}
	var it vocab.Item
	err = s.tx(ctx, func(tx *Tx) error {
		before, err := s.vocabItem(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return stale("vocab")
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM vocab_items WHERE kind = ? AND label = ? AND id <> ?`,
			before.Kind, label, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return duplicateLabel()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE vocab_items SET label = ?, active = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, label, active, s.ts(tx.Now()), id, version); err != nil {
			return err
		}
		if it, err = s.vocabItem(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityVocab, id, audit.ActionUpdate, before, it)
	})
	return it, err
}

// ReorderVocab sets the display order of the list of kind to ids' order;
// ids must name exactly the list's items.
func (s *Store) ReorderVocab(ctx context.Context, kind string, ids []string) (vocab.Lists, error) {
	err := s.tx(ctx, func(tx *Tx) error {
		lists, err := s.vocabularies(ctx, tx)
		if err != nil {
			return err
		}
		items := lists.Of(kind)
		if items == nil && !vocab.ValidKind(kind) {
			return apperr.New(apperr.Invalid, "vocab_kind_unknown", apperr.P{"kind": kind})
		}
		have := map[string]bool{}
		for _, it := range items {
			have[it.ID] = true
		}
		if len(ids) != len(items) {
			return apperr.New(apperr.Conflict, "vocab_order_stale", nil)
		}
		for _, id := range ids {
			if !have[id] {
				return apperr.New(apperr.Conflict, "vocab_order_stale", nil)
			}
			delete(have, id)
		}
		now := s.ts(tx.Now())
		for i, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE vocab_items SET sort_order = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND sort_order <> ?`, i+1, now, id, i+1); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, audit.EntityVocab, kind, audit.ActionUpdate, map[string]any{"order": itemIDs(items)}, map[string]any{"order": ids})
	})
	if err != nil {
		return vocab.Lists{}, err
	}
	return s.Vocabularies(ctx)
}

func itemIDs(items []vocab.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

// SetTypePath sets the path requests of a type take by default ("full" or
// "short").
func (s *Store) SetTypePath(ctx context.Context, id string, version int64, path string) (vocab.Item, error) {
	if path != "full" && path != "short" {
		return vocab.Item{}, &apperr.Error{Code: apperr.Invalid, Message: "流程只能是完整流程或简易流程", Key: "path_invalid",
			Fields: []apperr.FieldError{{Field: "defaultPath", Key: "not_in_list"}}}
	}
	var it vocab.Item
	err := s.tx(ctx, func(tx *Tx) error {
		before, err := s.vocabItem(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return stale("vocab")
		}
		if before.Kind != vocab.KindType {
			return apperr.New(apperr.Invalid, "vocab_path_only_types", nil)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE vocab_items SET default_path = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, path, s.ts(tx.Now()), id, version); err != nil {
			return err
		}
		if it, err = s.vocabItem(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityVocab, id, audit.ActionUpdate, before, it)
	})
	return it, err
}

// Vocabularies loads the word lists for a change.
func (t *Tx) Vocabularies(ctx context.Context) (vocab.Lists, error) { return t.s.vocabularies(ctx, t) }
