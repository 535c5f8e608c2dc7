package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// AddVocabItem appends Label to the word list of Kind (type, channel,
// category, department); a list names each thing once.
type AddVocabItem struct {
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// Name names the command.
func (AddVocabItem) Name() string { return "vocab.add" }

func (c AddVocabItem) run(ctx context.Context, tx *store.Tx) (vocab.Item, error) {
	if err := vocab.CheckKind(c.Kind); err != nil {
		return vocab.Item{}, err
	}
	label, err := vocab.NormalizeLabel(c.Label)
	if err != nil {
		return vocab.Item{}, err
	}
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return vocab.Item{}, err
	}
	items := lists.Of(c.Kind)
	if err := vocab.CheckUnique(items, label, ""); err != nil {
		return vocab.Item{}, err
	}
	it := vocab.Item{ID: tx.NewID(), Kind: c.Kind, Label: label, SortOrder: vocab.NextSortOrder(items)}
	if err := tx.InsertVocabItem(ctx, it); err != nil {
		return vocab.Item{}, err
	}
	if it, err = tx.VocabItem(ctx, it.ID); err != nil {
		return vocab.Item{}, err
	}
	return it, tx.Audit(ctx, audit.EntityVocab, it.ID, audit.ActionCreate, nil, it)
}

// UpdateVocabItem renames an item or retires it (Active false), from the
// version the user read. Requests keep the label they were saved with.
type UpdateVocabItem struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Label   string `json:"label"`
	Active  bool   `json:"active"`
}

// Name names the command.
func (UpdateVocabItem) Name() string { return "vocab.update" }

func (c UpdateVocabItem) run(ctx context.Context, tx *store.Tx) (vocab.Item, error) {
	label, err := vocab.NormalizeLabel(c.Label)
	if err != nil {
		return vocab.Item{}, err
	}
	before, err := tx.VocabItem(ctx, c.ID)
	if err != nil {
		return vocab.Item{}, err
	}
	if before.Version != c.Version {
		return vocab.Item{}, apperr.Stale("vocab")
	}
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return vocab.Item{}, err
	}
	if err := vocab.CheckUnique(lists.Of(before.Kind), label, c.ID); err != nil {
		return vocab.Item{}, err
	}
	if err := tx.UpdateVocabItem(ctx, c.ID, c.Version, label, c.Active); err != nil {
		return vocab.Item{}, err
	}
	after, err := tx.VocabItem(ctx, c.ID)
	if err != nil {
		return vocab.Item{}, err
	}
	return after, tx.Audit(ctx, audit.EntityVocab, c.ID, audit.ActionUpdate, before, after)
}

// ReorderVocab sets the display order of the list of Kind to IDs' order;
// IDs must name exactly the list's items. It returns every list.
type ReorderVocab struct {
	Kind string   `json:"kind"`
	IDs  []string `json:"ids"`
}

// Name names the command.
func (ReorderVocab) Name() string { return "vocab.reorder" }

func (c ReorderVocab) run(ctx context.Context, tx *store.Tx) (vocab.Lists, error) {
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return vocab.Lists{}, err
	}
	items := lists.Of(c.Kind)
	if err := vocab.CheckOrder(c.Kind, items, c.IDs); err != nil {
		return vocab.Lists{}, err
	}
	if err := tx.SetVocabOrder(ctx, c.IDs); err != nil {
		return vocab.Lists{}, err
	}
	if err := tx.Audit(ctx, audit.EntityVocab, c.Kind, audit.ActionUpdate,
		map[string]any{"order": vocab.IDs(items)}, map[string]any{"order": c.IDs}); err != nil {
		return vocab.Lists{}, err
	}
	return tx.Vocabularies(ctx)
}

// SetTypePath sets the path requests of a type take by default
// (vocab.PathFull or vocab.PathShort), from the version the user read.
type SetTypePath struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Path    string `json:"path"`
}

// Name names the command.
func (SetTypePath) Name() string { return "vocab.setTypePath" }

func (c SetTypePath) run(ctx context.Context, tx *store.Tx) (vocab.Item, error) {
	if err := vocab.CheckPath(c.Path); err != nil {
		return vocab.Item{}, err
	}
	before, err := tx.VocabItem(ctx, c.ID)
	if err != nil {
		return vocab.Item{}, err
	}
	if before.Version != c.Version {
		return vocab.Item{}, apperr.Stale("vocab")
	}
	if err := vocab.CanSetPath(before); err != nil {
		return vocab.Item{}, err
	}
	if err := tx.SetVocabPath(ctx, c.ID, c.Version, c.Path); err != nil {
		return vocab.Item{}, err
	}
	after, err := tx.VocabItem(ctx, c.ID)
	if err != nil {
		return vocab.Item{}, err
	}
	return after, tx.Audit(ctx, audit.EntityVocab, c.ID, audit.ActionUpdate, before, after)
}
