package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestRederiveMeasureRows: a measure row written before plan 004's fields
// (30 of them) is made again by migration 0019's step, the same as the
// program writes it now, its clocks kept.
func TestRederiveMeasureRows(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	r := mustRequest(t, s, fields(c, "对接接口咨询"))
	for _, in := range []request.RecordInput{
		{RequestID: r.ID, Kind: request.KindAnalysis, Body: mustJSON(t, request.Analysis{CustomerValue: 5})},
		{RequestID: r.ID, Kind: request.KindCommunication, Body: mustJSON(t, request.Communication{At: clk.Now(), Channel: "电话", Summary: "回电"})},
	} {
		if _, err := command.Run(ctx, svc, command.SaveRecord{Input: in}); err != nil {
			t.Fatal(err)
		}
	}
	var now string
	if err := s.QueryRow(ctx, `SELECT data FROM request_metrics WHERE req = (SELECT seq FROM requests WHERE id = ?)`, r.ID).Scan(&now); err != nil {
		t.Fatal(err)
	}
	fields := strings.Split(now, "\t")
	if len(fields) != 41 {
		t.Fatalf("a row has %d fields, want 41", len(fields))
	}
	// high value, one offline record lacking who and the next step
	if fields[38] != "1" || fields[34] != "1" || fields[35] != "1" {
		t.Fatalf("plan 004's fields %v", fields[30:])
	}
	if err := s.Exec(ctx, `UPDATE request_metrics SET data = ? WHERE req = (SELECT seq FROM requests WHERE id = ?)`, strings.Join(fields[:30], "\t"), r.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RederiveMeasureRows(ctx); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := s.QueryRow(ctx, `SELECT data FROM request_metrics WHERE req = (SELECT seq FROM requests WHERE id = ?)`, r.ID).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != now {
		t.Errorf("made again:\n%q\nwant\n%q", got, now)
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
