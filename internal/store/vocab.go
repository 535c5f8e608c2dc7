package store

import (
	"context"
	"database/sql"

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

// VocabItem loads a list item for a change.
func (t *Tx) VocabItem(ctx context.Context, id string) (vocab.Item, error) {
	return t.s.vocabItem(ctx, t, id)
}

// InsertVocabItem stores a new active item: it.ID, Kind, Label and
// SortOrder.
func (t *Tx) InsertVocabItem(ctx context.Context, it vocab.Item) error {
	now := t.s.ts(t.Now())
	_, err := t.ExecContext(ctx, `INSERT INTO vocab_items (id, kind, label, sort_order, active, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, 1, ?, ?, 1)`, it.ID, it.Kind, it.Label, it.SortOrder, now, now)
	return err
}

// UpdateVocabItem stores an item's label and whether it is active over the
// version read.
func (t *Tx) UpdateVocabItem(ctx context.Context, id string, version int64, label string, active bool) error {
	res, err := t.ExecContext(ctx, `UPDATE vocab_items SET label = ?, active = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, label, active, t.s.ts(t.Now()), id, version)
	return changedOne(res, err, "vocab")
}

// SetVocabOrder stores ids' order as the display order of their items;
// only the items that move change.
func (t *Tx) SetVocabOrder(ctx context.Context, ids []string) error {
	now := t.s.ts(t.Now())
	for i, id := range ids {
		if _, err := t.ExecContext(ctx, `UPDATE vocab_items SET sort_order = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND sort_order <> ?`, i+1, now, id, i+1); err != nil {
			return err
		}
	}
	return nil
}

// SetVocabPath stores a request type's default path over the version read.
func (t *Tx) SetVocabPath(ctx context.Context, id string, version int64, path string) error {
	res, err := t.ExecContext(ctx, `UPDATE vocab_items SET default_path = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, path, t.s.ts(t.Now()), id, version)
	return changedOne(res, err, "vocab")
}

// Vocabularies loads the word lists for a change.
func (t *Tx) Vocabularies(ctx context.Context) (vocab.Lists, error) { return t.s.vocabularies(ctx, t) }
