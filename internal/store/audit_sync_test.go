package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/store"
)

// overTheWire is what arrives of rows sent as team sync sends them.
func overTheWire(t *testing.T, sent []store.Change) []store.Change {
	t.Helper()
	wire, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	var arrived []store.Change
	if err := json.Unmarshal(wire, &arrived); err != nil {
		t.Fatal(err)
	}
	return arrived
}

// applyChanges writes rows that arrived from the team into s.
func applyChanges(s *store.Store, arrived []store.Change) error {
	ctx := context.Background()
	return s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error { return tx.ApplyChanges(ctx, arrived, nil, nil) })
}

// TestAuditTravelsPacked checks that an audit entry kept packed (0016)
// leaves for the team as it is kept, packed, and is kept the same where it
// arrives, with the same history there; that one arriving as text (from a
// server before this) is packed on arrival; and that a damaged packed one is
// refused with nothing written.
func TestAuditTravelsPacked(t *testing.T) {
	ctx := context.Background()
	src, _, _ := openStore(t)
	c := mustCustomer(t, src, "华信科技有限公司")
	entity := uuid.MustParse(c.Customer.ID)
	// The customer's creation, its only entry (a request's refers to the
	// request: see TestAuditRefers).
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
	if got, ok := sent[0].Row["changes"].([]byte); !ok || string(got) != string(packed) {
		t.Fatalf("the entry travels with changes %#v, want them packed as kept", sent[0].Row["changes"])
	}
	arrived := overTheWire(t, sent)
	dst, _, _ := openStore(t)
	if err := applyChanges(dst, arrived); err != nil {
		t.Fatal(err)
	}
	var kept any
	if err := dst.QueryRow(ctx, `SELECT changes FROM audit_log WHERE entity_id = ?`, entity[:]).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if got, err := audit.Stored(kept); err != nil || got != text {
		t.Fatalf("the entry arrived as %q (%v), want %q", got, err, text)
	}
	if b, ok := kept.([]byte); !ok || string(b) != string(packed) {
		t.Errorf("the entry that arrived is kept as %#v, want the packed form it came in", kept)
	}
	all, err := src.History(ctx, c.Customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	var want []audit.Entry // the customer's own, without its contact's
	for _, e := range all {
		if e.EntityID == c.Customer.ID {
			want = append(want, e)
		}
	}
	got, err := dst.History(ctx, c.Customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if string(wj) != string(gj) || len(want) != 1 || len(want[0].Changes) < 2 {
		t.Errorf("history where the entry arrived:\n%s\nwhere it was made:\n%s", gj, wj)
	}

	// From a server before this, the same entry came as its text: kept
	// packed here all the same.
	asText := []store.Change{{Table: arrived[0].Table, ID: arrived[0].ID, Row: store.Row{}}}
	for k, v := range arrived[0].Row {
		asText[0].Row[k] = v
	}
	asText[0].Row["changes"] = text
	old, _, _ := openStore(t)
	if err := applyChanges(old, asText); err != nil {
		t.Fatal(err)
	}
	if err := old.QueryRow(ctx, `SELECT changes FROM audit_log WHERE entity_id = ?`, entity[:]).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if b, ok := kept.([]byte); !ok || string(b) != string(packed) {
		t.Errorf("an entry that arrived as text is kept as %#v, want it packed", kept)
	}
	// Damaged on the way: refused, nothing written.
	bad := []store.Change{{Table: arrived[0].Table, ID: arrived[0].ID, Row: store.Row{}}}
	for k, v := range arrived[0].Row {
		bad[0].Row[k] = v
	}
	bad[0].Row["changes"] = append(append([]byte(nil), packed[:len(packed)-3]...), 0xff, 0xff, 0xff)
	fresh, _, _ := openStore(t)
	if err := applyChanges(fresh, bad); err == nil ||
		!strings.Contains(err.Error(), "audit entry") {
		t.Fatalf("a damaged packed entry: %v, want it refused", err)
	}
	var n int
	if err := fresh.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE entity_id = ?`, entity[:]).Scan(&n); err != nil || n != 0 {
		t.Fatalf("after the refusal %d entries (%v), want none", n, err)
	}
}
