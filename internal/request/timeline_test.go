package request_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// TestTimelineReopenClosed: a request cancelled and restored, or archived
// and reopened, runs its clocks again, and the stretch it spent closed
// stops them all (sla.Timeline.Stopped).
func TestTimelineReopenClosed(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	r := request.Request{Fields: request.Fields{ReceivedAt: t0.Add(-time.Hour)}, CreatedAt: t0.Add(-time.Hour)}
	step := func(a request.Action, from, to request.Status, h int) request.Transition {
		return request.Transition{Action: a, From: from, To: to, At: t0.Add(time.Duration(h) * time.Hour)}
	}
	tests := []struct {
		name        string
		trs         []request.Transition
		wantClosed  bool
		wantStopped int
	}{
		{"Cancelled", []request.Transition{step(request.ActCancel, request.StatusRegistered, request.StatusCancelled, 1)}, true, 0},
		{"Restored", []request.Transition{step(request.ActCancel, request.StatusRegistered, request.StatusCancelled, 1),
			step(request.ActRestore, request.StatusCancelled, request.StatusRegistered, 5)}, false, 1},
		{"ReopenedFromArchive", []request.Transition{step(request.ActArchive, request.StatusFeedback, request.StatusArchived, 1),
			step(request.ActReopen, request.StatusArchived, request.StatusHandling, 30)}, false, 1},
		{"ReopenedFromFeedback", []request.Transition{step(request.ActReopen, request.StatusFeedback, request.StatusHandling, 3)}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := request.Timeline(r, tt.trs, nil)
			if got := !tl.ClosedAt.IsZero(); got != tt.wantClosed {
				t.Fatalf("closed = %v, want %v", got, tt.wantClosed)
			}
			if got := len(tl.Stopped); got != tt.wantStopped {
				t.Fatalf("stopped = %v", tl.Stopped)
			}
			if tt.wantStopped == 1 && (!tl.Stopped[0].From.Equal(tt.trs[0].At) || !tl.Stopped[0].To.Equal(tt.trs[1].At)) {
				t.Fatalf("stopped = %+v, want from the close to the reopening", tl.Stopped[0])
			}
		})
	}
}
