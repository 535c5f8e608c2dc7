package command_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// TestCreateSeesListsChanged: the people and word lists a new request is
// checked against are kept by the store between commands; a change to them
// reaches the next create whichever way it is written: a command, a
// command replayed from another laptop, a sync pull, the team's snapshot
// loaded on joining, another program on the same file, a write after an
// import (whose bulk transaction drops the connection's temporary
// triggers), a restore from a backup.
func TestCreateSeesListsChanged(t *testing.T) {
	ctx := audit.WithActor(context.Background(), "李娜")
	const newcomer = "王芳"
	personRow := func(id string) store.Row {
		now := requestsNow.UTC().Format("2006-01-02T15:04:05.000Z")
		return store.Row{"id": id, "name": newcomer, "department": "", "roles": `["agent"]`, "phone": "", "email": "",
			"active": int64(1), "created_at": now, "updated_at": now, "version": int64(1)}
	}
	// raw writes to the database file as another program would.
	raw := func(t *testing.T, path, query string, args ...any) {
		t.Helper()
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(query, args...); err != nil {
			t.Fatal(err)
		}
	}
	insertPersonSQL := `INSERT INTO people (id, name, department, roles, phone, email, active, created_at, updated_at, version)
		VALUES (?, ?, '', '["agent"]', '', '', 1, '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z', 1)`
	addPerson := command.SavePerson{Fields: people.Fields{Name: newcomer, Roles: []request.Role{request.RoleAgent}, Active: true}}

	for _, tc := range []struct {
		name string
		// change adds the newcomer to the people list; it returns the
		// service to create with afterwards (a restore reopens the store).
		change func(t *testing.T, svc *command.Service, path string) *command.Service
	}{
		{"Command", func(t *testing.T, svc *command.Service, _ string) *command.Service {
			if _, err := command.Run(ctx, svc, addPerson); err != nil {
				t.Fatal(err)
			}
			return svc
		}},
		{"Replay", func(t *testing.T, svc *command.Service, _ string) *command.Service {
			n := 0
			ids := func() string { n++; return "replayed-" + string(rune('a'+n)) }
			at := store.WriteAt{ID: "cmd-from-laptop", Now: requestsNow, IDs: ids, Replay: true}
			if _, err := command.RunAt(ctx, svc, at, addPerson); err != nil {
				t.Fatal(err)
			}
			return svc
		}},
		{"SyncPull", func(t *testing.T, svc *command.Service, _ string) *command.Service {
			err := svc.Store().Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
				return tx.ApplyChanges(ctx, []store.Change{{Table: "people", ID: "pulled", Row: personRow("pulled")}}, nil, nil)
			})
			if err != nil {
				t.Fatal(err)
			}
			return svc
		}},
		{"TeamSnapshot", func(t *testing.T, svc *command.Service, _ string) *command.Service {
			snap := filepath.Join(t.TempDir(), "snapshot.db")
			if _, err := svc.Store().SyncSnapshot(ctx, snap); err != nil {
				t.Fatal(err)
			}
			raw(t, snap, insertPersonSQL, "in-snapshot", newcomer)
			if err := svc.Store().LoadSnapshot(ctx, snap, nil); err != nil {
				t.Fatal(err)
			}
			return svc
		}},
		{"AnotherProgram", func(t *testing.T, svc *command.Service, path string) *command.Service {
			raw(t, path, insertPersonSQL, "from-cli", newcomer)
			return svc
		}},
		{"AfterImport", func(t *testing.T, svc *command.Service, _ string) *command.Service {
			batch := importBatch("打印报错")
			batch.Sheets[0].Rows[0].Fields.ReceivedAt = requestsNow.Add(-time.Hour)
			if rep, err := command.Run(ctx, svc, command.ImportRequests{Batch: batch}); err != nil || !rep.Applied {
				t.Fatalf("import = %+v, %v", rep, err)
			}
			if _, err := command.Run(ctx, svc, addPerson); err != nil {
				t.Fatal(err)
			}
			return svc
		}},
		{"RestoreBackup", func(t *testing.T, svc *command.Service, path string) *command.Service {
			copyPath := filepath.Join(t.TempDir(), "copy.db")
			raw(t, path, `VACUUM INTO ?`, copyPath)
			raw(t, copyPath, insertPersonSQL, "in-backup", newcomer)
			if err := svc.Store().Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := backup.Restore(ctx, path, copyPath, "", requestsNow); err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(ctx, path, clock.NewFixed(requestsNow))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return command.New(st)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc, c, path := requestsWorld(t)
			f := intakeOf(c, "咨询系统对接方案")
			// Several creates, so that the lists are kept and the
			// statements that read them prepared.
			for range 3 {
				if _, err := command.Run(ctx, svc, command.CreateRequest{Fields: f}); err != nil {
					t.Fatal(err)
				}
			}
			f.ReceivedBy = newcomer
			_, err := command.Run(ctx, svc, command.CreateRequest{Fields: f})
			if !refusedOn(err, "receivedBy") {
				t.Fatalf("receiver not on the list: %v, want refused on receivedBy", err)
			}
			svc = tc.change(t, svc, path)
			r, err := command.Run(ctx, svc, command.CreateRequest{Fields: f})
			if err != nil {
				t.Fatalf("create after %s added %s: %v", tc.name, newcomer, err)
			}
			if r.Fields.ReceivedBy != newcomer {
				t.Errorf("received by %q, want %q", r.Fields.ReceivedBy, newcomer)
			}
		})
	}

	// The word lists: a channel added by a command, then retired by a sync
	// pull, each seen by the next create.
	t.Run("WordList", func(t *testing.T) {
		svc, c, _ := requestsWorld(t)
		f := intakeOf(c, "咨询系统对接方案")
		for range 3 {
			if _, err := command.Run(ctx, svc, command.CreateRequest{Fields: f}); err != nil {
				t.Fatal(err)
			}
		}
		f.Channel = "企业微信"
		if _, err := command.Run(ctx, svc, command.CreateRequest{Fields: f}); err == nil {
			t.Fatal("a channel not on the list was accepted")
		}
		it, err := command.Run(ctx, svc, command.AddVocabItem{Kind: vocab.KindChannel, Label: "企业微信"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := command.Run(ctx, svc, command.CreateRequest{Fields: f}); err != nil {
			t.Fatalf("create after the channel was added: %v", err)
		}
		row := store.Row{"id": it.ID, "kind": it.Kind, "label": it.Label, "sort_order": int64(it.SortOrder), "active": int64(0),
			"default_path": it.DefaultPath, "created_at": it.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"),
			"updated_at": time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), "version": it.Version + 1}
		if err := svc.Store().Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
			return tx.ApplyChanges(ctx, []store.Change{{Table: "vocab_items", ID: it.ID, Row: row}}, nil, nil)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := command.Run(ctx, svc, command.CreateRequest{Fields: f}); err == nil {
			t.Error("a channel retired by a sync pull was still accepted")
		}
	})

	// A transaction that wrote the list and rolled back leaves the list as
	// it was: the kept copy read inside it is not used afterwards.
	t.Run("RolledBack", func(t *testing.T) {
		svc, c, _ := requestsWorld(t)
		f := intakeOf(c, "咨询系统对接方案")
		f.ReceivedBy = newcomer
		refused := os.ErrInvalid
		err := svc.Store().Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
			if err := tx.InsertPerson(ctx, "rolled-back", addPerson.Fields); err != nil {
				return err
			}
			if _, err := command.Within(ctx, tx, command.CreateRequest{Fields: f}); err != nil {
				t.Errorf("create inside the transaction that added %s: %v", newcomer, err)
			}
			return refused
		})
		if err != refused {
			t.Fatal(err)
		}
		_, err = command.Run(ctx, svc, command.CreateRequest{Fields: f})
		if !refusedOn(err, "receivedBy") {
			t.Fatalf("after the rollback: %v, want refused on receivedBy", err)
		}
	})
}

// refusedOn tells whether err refuses field.
func refusedOn(err error, field string) bool {
	e, ok := apperr.As(err)
	if !ok {
		return false
	}
	for _, fe := range e.Fields {
		if fe.Field == field {
			return true
		}
	}
	return false
}
