package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestAuditTravelsAsText checks that an audit entry kept packed (0016)
// leaves for the team with its changes as the text every version reads, and
// is kept packed again where it arrives, with the same history there.
func TestAuditTravelsAsText(t *testing.T) {
	ctx := context.Background()
	src, _, _ := openStore(t)
	r := mustRequest(t, src, fields(mustCustomer(t, src, "华信科技有限公司"), "咨询系统对接方案"))
	entity := uuid.MustParse(r.ID)
	// The request's creation, its only entry.
	var key string
	var stored any
	if err := src.QueryRow(ctx, `SELECT 'x:' || lower(hex(id)), changes FROM audit_log WHERE entity_id = ?`, entity[:]).
		Scan(&key, &stored); err != nil {
		t.Fatal(err)
	}
	packed, ok := stored.([]byte)
	if !ok {
		t.Fatalf("the creation's changes are kept as %T, want packed", stored)
	}
	keys := []store.RowKey{{Table: "audit_log", ID: key}}
	sent, err := src.SharedRows(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := audit.Stored(packed)
	if got, ok := sent[0].Row["changes"].(string); !ok || got != text {
		t.Fatalf("the entry travels with changes %#v, want the text %q", sent[0].Row["changes"], text)
	}
	// Over the wire, as team sync sends it.
	wire, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	var arrived []store.Change
	if err := json.Unmarshal(wire, &arrived); err != nil {
		t.Fatal(err)
	}
	dst, _, _ := openStore(t)
	if err := dst.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error { return tx.ApplyChanges(ctx, arrived, nil, nil) }); err != nil {
		t.Fatal(err)
	}
	var kept any
	if err := dst.QueryRow(ctx, `SELECT changes FROM audit_log WHERE entity_id = ?`, entity[:]).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if got, err := audit.Stored(kept); err != nil || got != text {
		t.Fatalf("the entry arrived as %q (%v), want %q", got, err, text)
	}
	if _, ok := kept.([]byte); !ok {
		t.Errorf("the entry that arrived is kept as %T, want packed", kept)
	}
	want, err := src.History(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := dst.History(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if string(wj) != string(gj) || len(want) != 1 || len(want[0].Changes) < 5 {
		t.Errorf("history where the entry arrived:\n%s\nwhere it was made:\n%s", gj, wj)
	}
}
