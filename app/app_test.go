package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/store"
)

func bindings(t *testing.T, logs *bytes.Buffer) (*store.Store, *app.CustomersApp, *app.RequestsApp) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bs := app.Bindings(app.Deps{Store: st, Log: slog.New(slog.NewTextHandler(logs, nil)), Version: "test"})
	return st, bs[2].(*app.CustomersApp), bs[3].(*app.RequestsApp)
}

// decode reads an error the way the frontend does: its text is JSON.
func decode(t *testing.T, err error) apperr.Error {
	t.Helper()
	var e apperr.Error
	if err == nil {
		t.Fatal("no error")
	}
	if jerr := json.Unmarshal([]byte(err.Error()), &e); jerr != nil {
		t.Fatalf("error text is not JSON: %q", err.Error())
	}
	return e
}

func TestErrorsReachTheUIAsJSON(t *testing.T) {
	t.Run("Invalid", func(t *testing.T) {
		var logs bytes.Buffer
		_, customers, _ := bindings(t, &logs)
		_, err := customers.Create(customer.Input{Fields: customer.Fields{Name: ""}})
		e := decode(t, err)
		if e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "name" || e.Fields[0].Key != "required" {
			t.Fatalf("error = %+v", e)
		}
		if logs.Len() != 0 {
			t.Fatalf("a user error was logged as unexpected: %s", logs.String())
		}
	})
	t.Run("Internal", func(t *testing.T) {
		var logs bytes.Buffer
		st, _, requests := bindings(t, &logs)
		st.Close() // every query now fails with a driver error
		_, err := requests.Get("x")
		e := decode(t, err)
		if e.Code != apperr.Internal || strings.Contains(e.Message, "sql") {
			t.Fatalf("error = %+v", e)
		}
		if !strings.Contains(logs.String(), "requests.get") {
			t.Fatalf("the detail was not logged: %q", logs.String())
		}
	})
}

func TestHealth(t *testing.T) {
	var logs bytes.Buffer
	st, _, _ := bindings(t, &logs)
	h := app.CheckInBackground(context.Background(), st, slog.New(slog.NewTextHandler(&logs, nil)))
	deadline := time.Now().Add(10 * time.Second)
	for h.Report().State == "checking" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if r := h.Report(); r.State != "ok" || len(r.Problems) != 0 {
		t.Fatalf("health of a new database = %+v", r)
	}
}

// TestHealthFromLastRun: a run that does not check at once shows the last
// run's verdict while it stands, checks when a day has passed, and its own
// verdict is what the next run's record keeps.
func TestHealthFromLastRun(t *testing.T) {
	var logs bytes.Buffer
	st, _, _ := bindings(t, &logs)
	log := slog.New(slog.NewTextHandler(&logs, nil))
	at := st.Now().Add(-2 * time.Hour)
	h := app.HealthFrom(backup.CheckRecord{CheckedAt: at, OK: true})
	if r := h.Report(); r.State != "ok" || !r.CheckedAt.Equal(at) {
		t.Fatalf("health from the last run = %+v", r)
	}
	if h.Due(st.Now()) || !h.Due(at.Add(backup.CheckEvery)) {
		t.Fatal("a check of two hours ago is due, or one of a day ago is not")
	}
	if got, sound, ok := h.Verdict(); !ok || !sound || !got.Equal(at) {
		t.Fatalf("verdict carried over = %v %v %v", got, sound, ok)
	}
	never := app.HealthFrom(backup.CheckRecord{})
	if never.Report().State != "checking" || !never.Due(st.Now()) {
		t.Fatalf("never checked: %+v", never.Report())
	}
	if _, _, ok := never.Verdict(); ok {
		t.Fatal("a verdict before any check")
	}
	never.Check(context.Background(), st, log)
	if r := never.Report(); r.State != "ok" || !r.CheckedAt.Equal(st.Now()) || never.Due(st.Now()) {
		t.Fatalf("after the check: %+v", r)
	}
	var none *app.Health
	if _, _, ok := none.Verdict(); ok {
		t.Fatal("a run without checks has a verdict")
	}
}

func TestDesktopOnlyFiles(t *testing.T) {
	var logs bytes.Buffer
	st, _, _ := bindings(t, &logs)
	sys := app.Bindings(app.Deps{Store: st, Log: slog.New(slog.NewTextHandler(&logs, nil))})[0].(*app.SystemApp)
	if sys.IsDesktop() {
		t.Fatal("serve mode claims to be the desktop")
	}
	_, err := sys.SaveFile("../../etc/passwd", []byte("x"))
	if e := decode(t, err); e.Code != apperr.Invalid {
		t.Fatalf("SaveFile without the window: %+v", e)
	}
}
