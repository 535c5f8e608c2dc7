package app

import (
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// SettingsApp edits the local profile, numbering and word lists.
type SettingsApp struct{ d Deps }

// Get returns the current settings.
func (a *SettingsApp) Get() (settings.Settings, error) {
	s, err := a.d.Store.Settings(a.d.ctx())
	return result(a.d, "settings.get", s, err)
}

// Save validates and stores the settings.
func (a *SettingsApp) Save(s settings.Settings) (settings.Settings, error) {
	s, err := a.d.Store.SaveSettings(a.d.ctx(), s)
	return result(a.d, "settings.save", s, err)
}

// PreviewNumber shows the number the first request received now would get
// under pattern and device code, or the pattern's problems.
func (a *SettingsApp) PreviewNumber(pattern, device string) (string, error) {
	s := settings.Settings{NumberPattern: pattern, DeviceCode: device}.Normalize()
	p, err := request.ParseNumberPattern(s.NumberPattern, s.DeviceCode)
	if err != nil {
		return "", a.d.wire("settings.preview", err)
	}
	return p.Format(s.DeviceCode, a.d.Store.Now(), 1), nil
}

// Vocabularies returns every word list, inactive items included.
func (a *SettingsApp) Vocabularies() (vocab.Lists, error) {
	l, err := a.d.Store.Vocabularies(a.d.ctx())
	return result(a.d, "vocab.list", l, err)
}

// AddVocabItem appends label to the list of kind.
func (a *SettingsApp) AddVocabItem(kind, label string) (vocab.Item, error) {
	it, err := a.d.Store.AddVocabItem(a.d.ctx(), kind, label)
	return result(a.d, "vocab.add", it, err)
}

// UpdateVocabItem renames or retires an item.
func (a *SettingsApp) UpdateVocabItem(id string, version int64, label string, active bool) (vocab.Item, error) {
	it, err := a.d.Store.UpdateVocabItem(a.d.ctx(), id, version, label, active)
	return result(a.d, "vocab.update", it, err)
}

// ReorderVocab puts the list of kind in the order of ids.
func (a *SettingsApp) ReorderVocab(kind string, ids []string) (vocab.Lists, error) {
	l, err := a.d.Store.ReorderVocab(a.d.ctx(), kind, ids)
	return result(a.d, "vocab.reorder", l, err)
}
