package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
)

// TestDeriveCreatedAsRead: the derived rows (clocks, measure rows) an
// import writes from the requests it has just written are those derived
// again from what the database holds; so are those a single change writes
// (deriveRequest).
func TestDeriveCreatedAsRead(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	s, err := Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.EnsureSettings(ctx, settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO customers (id, name, name_key, created_at, updated_at)
		VALUES ('c1', '华信科技', '华信科技', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	fields := func(title string, u request.Urgency, ago time.Duration) request.Fields {
		return request.Fields{CustomerID: "c1", Channel: "电话", Type: "技术咨询", Urgency: u, Title: title,
			ReceivedAt: now.Add(-ago).Add(123 * time.Millisecond), ReceivedBy: "李娜"}
	}
	plan := request.ImportPlan{Reserved: map[string]bool{}, Creates: []request.ImportCreate{
		{Status: request.StatusRegistered, Path: request.PathShort, CustomerName: "华信科技",
			Fields: fields("打印机无法连接", request.UrgencyUrgent, 3*time.Hour)},
		{Status: request.StatusAnalysis, Path: request.PathFull, CustomerName: "华信科技",
			Fields: fields("咨询系统对接方案", request.UrgencyImportant, 50*time.Hour), MoveComment: "从表格导入"},
		{Status: request.StatusOnHold, Path: request.PathShort, CustomerName: "华信科技", HeldFrom: request.StatusRegistered,
			Fields: fields("暂缓的需求", request.UrgencyNormal, 24*time.Hour), MoveComment: "从表格导入"},
		{Status: request.StatusArchived, Path: request.PathShort, CustomerName: "华信科技",
			Fields: fields("已完成的需求", request.UrgencyNormal, 400*time.Hour), MoveComment: "从表格导入"},
	}}
	if err := s.tx(ctx, func(tx *Tx) error { return tx.SaveImport(ctx, plan) }); err != nil {
		t.Fatal(err)
	}
	dump := func() [][]any {
		t.Helper()
		var out [][]any
		for _, q := range []string{`SELECT req, received, department, open, data FROM request_metrics ORDER BY req`,
			`SELECT * FROM request_clocks ORDER BY req, kind`} {
			if err := eachRow(ctx, s.write, q, nil, func(rows *sql.Rows) error {
				cols, _ := rows.Columns()
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					return err
				}
				out = append(out, vals)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	written := dump()
	if len(written) < 2*len(plan.Creates) {
		t.Fatalf("derived rows written: %d", len(written))
	}
	var ids []string
	if err := eachRow(ctx, s.write, `SELECT id FROM requests`, nil, func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.tx(ctx, func(tx *Tx) error { return s.deriveRequests(ctx, tx, ids) }); err != nil {
		t.Fatal(err)
	}
	if again := dump(); !reflect.DeepEqual(again, written) {
		t.Fatalf("derived again from the database:\n%v\nas the import wrote them:\n%v", again, written)
	}

	// One change's direct path (deriveRequest) writes the rows the batches
	// write: for a request just inserted (fresh), for one with a record,
	// and for each request derived alone.
	if err := s.tx(ctx, func(tx *Tx) error {
		r := request.Request{ID: "fresh", Number: "XR-2024-900", Status: request.StatusRegistered,
			Fields: fields("新登记的需求", request.UrgencyImportant, 30*time.Minute), State: request.State{Path: request.PathFull}}
		if _, err := tx.InsertRequest(ctx, r); err != nil {
			return err
		}
		_, err := tx.InsertRecord(ctx, ids[1], request.KindCommunication, "",
			request.Communication{At: now.Add(-time.Hour), Channel: "电话", Summary: "回电"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	direct := dump()
	ids = append(ids, "fresh")
	if err := s.tx(ctx, func(tx *Tx) error { return s.deriveRequests(ctx, tx, ids) }); err != nil {
		t.Fatal(err)
	}
	batched := dump()
	if !reflect.DeepEqual(direct, batched) {
		t.Fatalf("derived by the single change:\n%v\nby the batch:\n%v", direct, batched)
	}
	for _, id := range ids {
		if err := s.tx(ctx, func(tx *Tx) error { return s.refreshClocks(ctx, tx, id) }); err != nil {
			t.Fatal(err)
		}
	}
	if alone := dump(); !reflect.DeepEqual(alone, batched) {
		t.Fatalf("derived one by one:\n%v\nby the batch:\n%v", alone, batched)
	}
}
