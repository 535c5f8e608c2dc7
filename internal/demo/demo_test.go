package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/demo"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

func fill(t *testing.T, seed int64) []request.Row {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewFixed(time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local))
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.EnsureSettings(ctx, settings.Defaults("测试")); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(ctx, st, clk, demo.Options{Customers: 8, Requests: 120, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	page, err := st.ListRequests(ctx, request.Query{Sort: request.SortNumber, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func TestFill(t *testing.T) {
	a, b := fill(t, 7), fill(t, 7)
	if len(a) != 120 || len(b) != 120 {
		t.Fatalf("requests = %d, %d", len(a), len(b))
	}
	statuses, urgencies := map[request.Status]int{}, map[request.Urgency]int{}
	for i := range a {
		if a[i].Number != b[i].Number || a[i].Title != b[i].Title || a[i].Status != b[i].Status || !a[i].ReceivedAt.Equal(b[i].ReceivedAt) {
			t.Fatalf("row %d differs between two runs with one seed:\n%+v\n%+v", i, a[i], b[i])
		}
		statuses[a[i].Status]++
		urgencies[a[i].Urgency]++
	}
	if statuses[request.StatusArchived] == 0 || len(statuses) < 5 {
		t.Errorf("statuses = %v, want a spread with archived requests", statuses)
	}
	if len(urgencies) != len(request.Urgencies) {
		t.Errorf("urgencies = %v, want every one", urgencies)
	}
	if c := fill(t, 8); c[0].Title == a[0].Title && c[1].Title == a[1].Title && c[2].Title == a[2].Title {
		t.Errorf("another seed gave the same data")
	}
}

// TestFillShowsEveryStage checks the default demo has requests standing in
// every status of both paths whatever the day it is made on: a user (and
// the browser tests) look for one in implementation, in acceptance, ….
func TestFillShowsEveryStage(t *testing.T) {
	for _, day := range []time.Time{
		time.Date(2026, 12, 3, 22, 0, 0, 0, time.UTC),
		time.Date(2025, 6, 16, 9, 0, 0, 0, time.UTC),
	} {
		t.Run(day.Format("2006-01-02"), func(t *testing.T) {
			ctx := context.Background()
			clk := clock.NewFixed(day)
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.EnsureSettings(ctx, settings.Defaults("测试")); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Fill(ctx, st, clk, demo.Options{Customers: 40, Requests: 400, Seed: 1}); err != nil {
				t.Fatal(err)
			}
			for _, s := range request.Statuses {
				page, err := st.ListRequests(ctx, request.Query{Statuses: []request.Status{s}, Limit: 1})
				if err != nil {
					t.Fatal(err)
				}
				if page.Total == 0 {
					t.Errorf("no demo request in %s", s)
				}
			}
			// Complaints against archived requests, closed and still open.
			all, err := st.Complaints(ctx, store.ComplaintFilter{})
			if err != nil {
				t.Fatal(err)
			}
			statuses := map[string]int{}
			for _, c := range all {
				statuses[c.Complaint.Status]++
			}
			if len(all) < 4 || statuses[request.ComplaintClosed] == 0 || statuses[request.ComplaintClosed] == len(all) {
				t.Errorf("demo complaints by status = %v, want closed ones and open ones", statuses)
			}
		})
	}
}

// TestFillCommunicationQuality checks the demo covers communication
// quality: a revised script library, records that use it, scored weekly
// checks with 整改 items.
func TestFillCommunicationQuality(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)
	clk := clock.NewFixed(now)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.EnsureSettings(ctx, settings.Defaults("测试")); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(ctx, st, clk, demo.Options{Customers: 8, Requests: 160, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	scripts, err := st.Scripts(ctx)
	if err != nil || len(scripts) < 6 {
		t.Fatalf("scripts %d %v", len(scripts), err)
	}
	revised := 0
	for _, s := range scripts {
		if s.Revision > 1 {
			revised++
		}
	}
	if revised == 0 {
		t.Errorf("no script revised at a monthly review")
	}
	checks, err := st.QualityChecks(ctx)
	if err != nil || len(checks) == 0 {
		t.Fatalf("checks %d %v", len(checks), err)
	}
	rs, err := st.CommMeasures(ctx, now.AddDate(0, -3, 0), now)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Den == 0 || r.Value == nil {
			t.Errorf("%s has nothing to measure in the demo", r.Def.Label)
		}
		if r.Def.ID == "script_fit_rate" && (*r.Value < 60 || *r.Value >= 100) {
			t.Errorf("话术适配率 %.1f, want most but not every record", *r.Value)
		}
	}
}

// TestFillNotes: the demo's owners have internal notes mentioning them, so
// their bells show mentions.
func TestFillNotes(t *testing.T) {
	ctx := context.Background()
	clk := clock.NewFixed(time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local))
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.EnsureSettings(ctx, settings.Defaults("测试")); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(ctx, st, clk, demo.Options{Customers: 8, Requests: 120, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	ms, err := st.Mentions(ctx, "", clk.Now().AddDate(-2, 0, 0), 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 3 {
		t.Fatalf("%d mentions, want a few", len(ms))
	}
	for _, m := range ms {
		if (m.Author != "王强" && m.Author != "李娜") || m.Person == "" || m.Person == m.Author {
			t.Errorf("mention %+v", m)
		}
	}
}
