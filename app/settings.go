package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// SettingsApp edits the local profile, numbering and word lists.
type SettingsApp struct{ d Deps }

// Get returns the current settings.
func (a *SettingsApp) Get() (_ settings.Settings, err error) {
	defer a.d.guard("settings.get", &err)
	return a.d.Store.Settings(a.d.ctx())
}

// Save validates and stores the settings.
func (a *SettingsApp) Save(s settings.Settings) (_ settings.Settings, err error) {
	defer a.d.guard("settings.save", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveSettings{Settings: s})
}

// PreviewNumber shows the number the first request received now would get
// under pattern and device code, or the pattern's problems.
func (a *SettingsApp) PreviewNumber(pattern, device string) (_ string, err error) {
	defer a.d.guard("settings.preview", &err)
	s := settings.Settings{NumberPattern: pattern, DeviceCode: device}.Normalize()
	p, err := request.ParseNumberPattern(s.NumberPattern, s.DeviceCode)
	if err != nil {
		return "", err
	}
	zone, err := a.d.Store.Zone(a.d.ctx())
	if err != nil {
		return "", err
	}
	return p.Format(s.DeviceCode, a.d.Store.Now().In(zone), 1), nil
}

// Vocabularies returns every word list, inactive items included.
func (a *SettingsApp) Vocabularies() (_ vocab.Lists, err error) {
	defer a.d.guard("vocab.list", &err)
	return a.d.Store.Vocabularies(a.d.ctx())
}

// AddVocabItem appends label to the list of kind.
func (a *SettingsApp) AddVocabItem(kind, label string) (_ vocab.Item, err error) {
	defer a.d.guard("vocab.add", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.AddVocabItem{Kind: kind, Label: label})
}

// UpdateVocabItem renames or retires an item.
func (a *SettingsApp) UpdateVocabItem(id string, version int64, label string, active bool) (_ vocab.Item, err error) {
	defer a.d.guard("vocab.update", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.UpdateVocabItem{ID: id, Version: version, Label: label, Active: active})
}

// ReorderVocab puts the list of kind in the order of ids.
func (a *SettingsApp) ReorderVocab(kind string, ids []string) (_ vocab.Lists, err error) {
	defer a.d.guard("vocab.reorder", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.ReorderVocab{Kind: kind, IDs: ids})
}

// SetTypePath sets the path requests of a type take by default.
func (a *SettingsApp) SetTypePath(id string, version int64, path string) (_ vocab.Item, err error) {
	defer a.d.guard("vocab.setTypePath", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SetTypePath{ID: id, Version: version, Path: path})
}

// People returns everyone who works on requests, with their roles.
func (a *SettingsApp) People() (_ []people.Person, err error) {
	defer a.d.guard("people.list", &err)
	return a.d.Store.People(a.d.ctx())
}

// SavePerson adds a person (id "") or changes one.
func (a *SettingsApp) SavePerson(id string, version int64, f people.Fields) (_ people.Person, err error) {
	defer a.d.guard("people.save", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SavePerson{ID: id, Version: version, Fields: f})
}

// CompanyLogo is the logo printed on every document, with its description.
type CompanyLogo struct {
	Info  settings.Logo `json:"info"`
	Bytes []byte        `json:"bytes"`
}

// CompanyLogo returns the company logo, or nil when none is set.
func (a *SettingsApp) CompanyLogo() (_ *CompanyLogo, err error) {
	defer a.d.guard("settings.companyLogo", &err)
	info, err := a.d.Store.CompanyLogoInfo(a.d.ctx())
	if err != nil || info == nil {
		return nil, err
	}
	data, err := a.d.Store.CompanyLogo(a.d.ctx())
	if err != nil {
		return nil, err
	}
	return &CompanyLogo{Info: *info, Bytes: data}, nil
}

// SetCompanyLogo checks a PNG or JPEG picture (type sniffed, at most
// settings.MaxLogoBytes) and makes it the logo of documents generated from
// now on.
func (a *SettingsApp) SetCompanyLogo(data []byte) (_ settings.Logo, err error) {
	defer a.d.guard("settings.setCompanyLogo", &err)
	if data == nil {
		data = []byte{} // nothing chosen is an error here, not a removal
	}
	l, err := command.Run(a.d.ctx(), a.d.Commands, command.SetCompanyLogo{Data: data})
	if err != nil {
		return settings.Logo{}, err
	}
	return *l, nil
}

// RemoveCompanyLogo prints documents generated from now on without a logo.
func (a *SettingsApp) RemoveCompanyLogo() (err error) {
	defer a.d.guard("settings.removeCompanyLogo", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.SetCompanyLogo{Data: nil})
	return err
}
