package app

import (
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// SystemApp tells the UI about the running program.
type SystemApp struct{ d Deps }

// Info describes the running program and its database.
type Info struct {
	Version       string `json:"version"`
	DataDir       string `json:"dataDir"`
	DatabasePath  string `json:"databasePath"`
	SchemaVersion int    `json:"schemaVersion"`
	LatestSchema  int    `json:"latestSchema"`
	// MinPassphrase is the fewest characters of a passphrase that encrypts
	// a backup (backup.MinPassphrase), for the form to check as one types.
	MinPassphrase int `json:"minPassphrase"`
	// Fingerprint is the fingerprint of the certificate this server answers
	// with over TLS, for an admin to read out to people joining laptops;
	// empty over plain HTTP and in the desktop window.
	Fingerprint string `json:"fingerprint"`
}

// Info returns the program version and where its data lives.
func (a *SystemApp) Info() (_ Info, err error) {
	defer a.d.guard("system.info", &err)
	v, err := a.d.Store.SchemaVersion(a.d.ctx())
	return Info{
		Version:       a.d.Version,
		DataDir:       a.d.DataDir,
		DatabasePath:  a.d.Store.Path(),
		SchemaVersion: v,
		LatestSchema:  store.LatestSchema(),
		MinPassphrase: backup.MinPassphrase,
		Fingerprint:   a.d.Fingerprint,
	}, err
}

// Process returns the process's rules the screens need (where each status
// stands, when a task is open, who may take the green channel), so they
// read them instead of copying them.
func (a *SystemApp) Process() request.Process { return request.Rules() }

// Health returns the result of the start-up integrity check of the database.
func (a *SystemApp) Health() (_ HealthReport, err error) {
	defer a.d.guard("system.health", &err)
	r := a.d.Health.Report()
	r.ReadOnly = a.d.Store.ReadOnly()
	return r, nil
}
