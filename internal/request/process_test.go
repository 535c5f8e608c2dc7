package request

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

func TestStatusTableCoversEveryStatusInOrder(t *testing.T) {
	if len(StatusTable) != len(Statuses) {
		t.Fatalf("table has %d rows for %d statuses", len(StatusTable), len(Statuses))
	}
	for i, s := range Statuses {
		x := StatusTable[i]
		if x.Status != s {
			t.Fatalf("row %d is %s, want %s", i, x.Status, s)
		}
		if x.Closed != s.Closed() {
			t.Errorf("%s: closed %v, Status.Closed %v", s, x.Closed, s.Closed())
		}
		if (x.Backlog == "") != s.Closed() {
			t.Errorf("%s: backlog %q, but closed %v", s, x.Backlog, s.Closed())
		}
		if (x.Stage == "") != (len(x.Paths) == 0) {
			t.Errorf("%s: stage %q on paths %v", s, x.Stage, x.Paths)
		}
	}
}

// Each path's stages are contiguous: a stage's statuses follow each other,
// so the timeline can list the stages in order.
func TestStatusTablePathStagesAreContiguous(t *testing.T) {
	for _, p := range []Path{PathFull, PathShort} {
		var seen []string
		for _, x := range StatusTable {
			if !slices.Contains(x.Paths, p) {
				continue
			}
			if n := len(seen); n > 0 && seen[n-1] == x.Stage {
				continue
			}
			if slices.Contains(seen, x.Stage) {
				t.Errorf("%s: stage %s comes back after %v", p, x.Stage, seen)
			}
			seen = append(seen, x.Stage)
		}
		want := map[Path][]string{
			PathFull:  {"register", "triage", "assign", "analysis", "plan", "review", "confirm", "implementation", "delivery", "feedback", "archive"},
			PathShort: {"register", "triage", "assign", "handling", "result", "feedback", "archive"},
		}[p]
		if !slices.Equal(seen, want) {
			t.Errorf("%s: stages %v, want %v", p, seen, want)
		}
	}
}

func TestInfoOfUnknownStatus(t *testing.T) {
	x := InfoOf("nonsense")
	if x.Stage != "" || x.Backlog != "" || x.Percent != -1 {
		t.Fatalf("unknown status: %+v", x)
	}
	if StagePercent("nonsense", "") != -1 || StagePercent(StatusOnHold, StatusImplementation) != 60 {
		t.Fatal("StagePercent does not read the table")
	}
}

func TestOpenTaskAndGreenChannel(t *testing.T) {
	for s, want := range map[string]bool{"todo": true, "doing": true, "open": true, "done": false, "cancelled": false} {
		if OpenTask(s) != want {
			t.Errorf("OpenTask(%q) = %v", s, !want)
		}
	}
	for _, u := range Urgencies {
		if GreenChannelAllowed(u) != (u == UrgencyUrgent) {
			t.Errorf("GreenChannelAllowed(%s) = %v", u, !(u == UrgencyUrgent))
		}
	}
	if open := OpenStatuses(); len(open) != len(Statuses)-3 || open[0] != StatusRegistered || slices.Contains(open, StatusArchived) {
		t.Errorf("OpenStatuses: %v", open)
	}
	r := Rules()
	if len(r.Statuses) != len(Statuses) || len(r.ClosedTaskStatuses) != 2 || len(r.GreenChannelUrgencies) != 1 {
		t.Fatalf("Rules: %+v", r)
	}
}

// The frontend's unit tests take the process's rules from a copy of what
// SystemApp.Process serves; this keeps the copy equal to the table
// (REQDESK_UPDATE=1 rewrites it).
func TestFrontendCopyOfRules(t *testing.T) {
	const path = "../../frontend/src/test/process.json"
	want, err := json.MarshalIndent(Rules(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if os.Getenv("REQDESK_UPDATE") != "" {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from request.Rules(): run REQDESK_UPDATE=1 go test ./internal/request/", path)
	}
}

// The open and the closed statuses split the table between them, each
// status in one of the two.
func TestOpenAndClosedStatusesSplitTheTable(t *testing.T) {
	seen := map[Status]int{}
	for _, s := range OpenStatuses() {
		seen[s]++
	}
	for _, s := range ClosedStatuses() {
		if !s.Closed() {
			t.Errorf("%s listed closed but Status.Closed is false", s)
		}
		seen[s]++
	}
	for _, x := range StatusTable {
		if seen[x.Status] != 1 {
			t.Errorf("%s appears %d times in OpenStatuses and ClosedStatuses", x.Status, seen[x.Status])
		}
	}
	if len(seen) != len(StatusTable) {
		t.Errorf("%d statuses listed, the table has %d", len(seen), len(StatusTable))
	}
}
