package store_test

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// searchData fills a store with n requests whose titles carry words of
// every frequency (对接 in about half, 迁移 in a tenth, 页边距 in a few), and
// whose receipt times mostly follow their creation but not always: one in
// ten was received at a random time, one in twenty at the same second as
// the one before, the first one last of all, and one was moved to the
// newest receipt by an edit.
func searchData(t *testing.T, n int) (*store.Store, customer.Detail) {
	t.Helper()
	s, _, _ := openStore(t)
	a := mustCustomer(t, s, "华信科技有限公司")
	b := mustCustomer(t, s, "恒达物流有限公司")
	rnd := rand.New(rand.NewSource(17))
	start := now.Add(-time.Duration(n) * 30 * time.Minute)
	titles := []string{"咨询系统对接方案", "单点登录对接方式", "接口对接调试", "服务器迁移支持", "咨询数据迁移方案",
		"打印页边距调整", "发票开具咨询", "续费政策咨询", "年度系统巡检", "移动端界面改进"}
	weights := []int{20, 15, 15, 5, 5, 3, 10, 10, 10, 7}
	var at time.Time
	var ids []string
	for i := range n {
		c := a
		if rnd.Intn(3) == 0 {
			c = b
		}
		w := rnd.Intn(100)
		k := 0
		for ; w >= weights[k]; k++ {
			w -= weights[k]
		}
		f := fields(c, titles[k])
		f.Description = "客户来电说明情况，希望尽快安排。"
		f.Urgency = []request.Urgency{request.UrgencyNormal, request.UrgencyImportant, request.UrgencyUrgent}[rnd.Intn(3)]
		switch {
		case i == 0:
			f.ReceivedAt = now.Add(-time.Minute)
		case rnd.Intn(10) == 0:
			f.ReceivedAt = start.Add(time.Duration(rnd.Int63n(int64(now.Sub(start)))))
		case rnd.Intn(20) == 0:
			f.ReceivedAt = at
		default:
			f.ReceivedAt = start.Add(time.Duration(i) * 30 * time.Minute)
		}
		at = f.ReceivedAt
		ids = append(ids, mustRequest(t, s, f).ID)
	}
	d, err := s.Request(context.Background(), ids[3])
	if err != nil {
		t.Fatal(err)
	}
	f := d.Request.Fields
	f.ReceivedAt = now
	if _, err := command.Run(context.Background(), command.New(s), command.UpdateRequest{ID: ids[3],
		Version: d.Request.Version, Fields: f}); err != nil {
		t.Fatal(err)
	}
	return s, b
}

func rowIDs(p request.Page) []string {
	out := []string{}
	for _, r := range p.Items {
		out = append(out, r.ID)
	}
	return out
}

// TestSearchNewestFirst compares the page a search sorted by receipt reads
// newest first (stopping at the page) with the exhaustive query's, on every
// word, filter, direction and page: the same rows in the same order, and a
// total that is the exact one or says it is a lower bound. It runs again
// with limits small enough for 400 requests to reach each way of reading.
func TestSearchNewestFirst(t *testing.T) {
	ctx := context.Background()
	s, b := searchData(t, 400)
	for _, limits := range [][3]int{{0, 0, 0}, {30, 8, 8}} {
		s.SetSearchLimits(limits[0], limits[1], limits[2])
		compareSearches(t, ctx, s, b)
	}
}

func compareSearches(t *testing.T, ctx context.Context, s *store.Store, b customer.Detail) {
	t.Helper()
	filters := map[string]request.Query{
		"None":             {},
		"Urgency":          {Urgencies: []request.Urgency{request.UrgencyUrgent}},
		"Customer":         {CustomerID: b.Customer.ID},
		"CustomerUrgency":  {CustomerID: b.Customer.ID, Urgencies: []request.Urgency{request.UrgencyImportant, request.UrgencyUrgent}},
		"Days":             {ReceivedFrom: now.AddDate(0, 0, -5).Format("2006-01-02"), ReceivedTo: now.AddDate(0, 0, -2).Format("2006-01-02")},
		"StatusRegistered": {Statuses: []request.Status{request.StatusRegistered}},
		"StatusNone":       {Statuses: []request.Status{request.StatusTriaged}},
	}
	pages := [][2]int{{0, 50}, {0, 5}, {5, 5}, {100, 20}, {190, 30}, {0, 500}}
	for _, word := range []string{"对接", "迁移", "数据迁移", "页边距", "咨询", "签", "系统 咨询", "量子"} {
		for name, fq := range filters {
			for _, desc := range []bool{true, false} {
				for _, pg := range pages {
					q := fq
					q.Search, q.Sort, q.Desc, q.Offset, q.Limit = word, request.SortReceivedAt, desc, pg[0], pg[1]
					label := fmt.Sprintf("%s/%s/desc=%v/offset=%d/limit=%d", word, name, desc, pg[0], pg[1])
					got, err := s.ListRequests(ctx, q)
					if err != nil {
						t.Fatal(label, err)
					}
					want, err := s.ListRequestsExhaustive(ctx, q)
					if err != nil {
						t.Fatal(label, err)
					}
					if !slices.Equal(rowIDs(got), rowIDs(want)) {
						t.Fatalf("%s: page %v, want %v", label, rowIDs(got), rowIDs(want))
					}
					if !want.TotalExact {
						t.Fatalf("%s: the exhaustive query's total is not exact", label)
					}
					switch {
					case got.TotalExact && got.Total != want.Total:
						t.Fatalf("%s: total %d (exact), want %d", label, got.Total, want.Total)
					case !got.TotalExact && (got.Total > want.Total || got.Total < pg[0]+len(got.Items)):
						t.Fatalf("%s: total %d (a lower bound), exact %d, page ends at %d", label, got.Total, want.Total, pg[0]+len(got.Items))
					}
					n, err := s.CountRequests(ctx, q)
					if err != nil || n != want.Total {
						t.Fatalf("%s: CountRequests = %d, %v; want %d", label, n, err, want.Total)
					}
					tot, err := s.TotalRequests(ctx, q)
					if err != nil || (tot.Exact && tot.N != want.Total) || (!tot.Exact && (tot.N >= want.Total || tot.N < 1)) {
						t.Fatalf("%s: TotalRequests = %+v, %v; want %d", label, tot, err, want.Total)
					}
					q.ExactTotal = true
					exact, err := s.ListRequests(ctx, q)
					if err != nil || !exact.TotalExact || exact.Total != want.Total || !slices.Equal(rowIDs(exact), rowIDs(want)) {
						t.Fatalf("%s: with ExactTotal: total %d (exact %v), %v; want %d", label, exact.Total, exact.TotalExact, err, want.Total)
					}
				}
			}
		}
	}
}

// TestSearchTotalCap: the page of a search matching many requests gives a
// lower bound of its total; the total the list asks for next is counted up
// to request.TotalCap (lowered here to 20) and says "20+" beyond it; the
// exact number when asked.
func TestSearchTotalCap(t *testing.T) {
	ctx := context.Background()
	s, b := searchData(t, 120)
	s.SetSearchLimits(20, 0, 0)
	q := request.Query{Search: "对接", Sort: request.SortReceivedAt, Desc: true, Limit: 5}
	exactQ := q
	exactQ.ExactTotal = true
	rare := q
	rare.Search = "页边距"
	filtered := q
	filtered.CustomerID = b.Customer.ID
	tests := []struct {
		name   string
		q      request.Query
		capped bool // more than 20 match: TotalRequests says 20+
	}{
		{"Capped", q, true},
		{"ExactWhenAsked", exactQ, false},
		{"UnderTheCap", rare, false},
		{"FilteredCapped", filtered, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := s.ListRequestsExhaustive(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if tt.capped != (want.Total > 20) && !tt.q.ExactTotal {
				t.Fatalf("the data set has %d matches; the case needs more than 20: %v", want.Total, tt.capped)
			}
			got, err := s.ListRequests(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rowIDs(got), rowIDs(want)) {
				t.Fatalf("page %v, want %v", rowIDs(got), rowIDs(want))
			}
			switch {
			case tt.q.ExactTotal && (!got.TotalExact || got.Total != want.Total):
				t.Fatalf("page total %d (exact %v), want %d exactly", got.Total, got.TotalExact, want.Total)
			case !got.TotalExact && (got.Total < len(got.Items) || got.Total > want.Total):
				t.Fatalf("page total %d is no lower bound of %d", got.Total, want.Total)
			}
			wantTotal := request.Total{N: want.Total, Exact: true}
			if tt.capped {
				wantTotal = request.Total{N: 20, Exact: false}
			}
			if tot, err := s.TotalRequests(ctx, tt.q); err != nil || tot != wantTotal {
				t.Fatalf("TotalRequests = %+v, %v; want %+v", tot, err, wantTotal)
			}
			if n, err := s.CountRequests(ctx, tt.q); err != nil || n != want.Total {
				t.Fatalf("CountRequests = %d, %v; want %d", n, err, want.Total)
			}
		})
	}
	t.Run("CappedPageIsALowerBound", func(t *testing.T) {
		got, err := s.ListRequests(ctx, q)
		if err != nil || got.TotalExact {
			t.Fatalf("page total %d (exact %v), %v; want a lower bound", got.Total, got.TotalExact, err)
		}
	})
}
