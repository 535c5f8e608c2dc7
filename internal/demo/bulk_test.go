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

func bulk(t *testing.T, seed int64, n int) ([]request.Row, store.BulkCounts) {
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
	counts, err := demo.Bulk(ctx, st, demo.Options{Customers: n / 50, Requests: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	var rows []request.Row
	for len(rows) < n {
		page, err := st.ListRequests(ctx, request.Query{Sort: request.SortNumber, Limit: 500, Offset: len(rows)})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) == 0 {
			break
		}
		rows = append(rows, page.Items...)
	}
	if _, err := demo.Bulk(ctx, st, demo.Options{Customers: 1, Requests: 1, Seed: seed}); err == nil {
		t.Errorf("Bulk filled a database that has data")
	}
	return rows, counts
}

func TestBulk(t *testing.T) {
	const n = 3000
	a, counts := bulk(t, 1, n)
	b, _ := bulk(t, 1, n)
	if len(a) != n || len(b) != n || counts.Requests != n {
		t.Fatalf("requests = %d, %d, counts %+v", len(a), len(b), counts)
	}
	statuses, types, channels, urgencies := map[request.Status]int{}, map[string]int{}, map[string]int{}, map[request.Urgency]int{}
	for i := range a {
		if a[i].Number != b[i].Number || a[i].Title != b[i].Title || a[i].Status != b[i].Status || !a[i].ReceivedAt.Equal(b[i].ReceivedAt) {
			t.Fatalf("row %d differs between two runs with one seed:\n%+v\n%+v", i, a[i], b[i])
		}
		statuses[a[i].Status]++
		types[a[i].Type]++
		channels[a[i].Channel]++
		urgencies[a[i].Urgency]++
	}
	if statuses[request.StatusArchived] < n/2 || len(statuses) < 12 {
		t.Errorf("statuses = %v, want mostly archived and a spread over the stages", statuses)
	}
	if len(types) != 13 || len(channels) != 10 || len(urgencies) != len(request.Urgencies) {
		t.Errorf("types %d, channels %d, urgencies %d: want every one", len(types), len(channels), len(urgencies))
	}
	if counts.Records < 3*n || counts.Transitions < 3*n || counts.Clocks < n || counts.Audit < counts.Transitions {
		t.Errorf("counts = %+v, want records, transitions, clocks and audit entries for every request", counts)
	}
}
