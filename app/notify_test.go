package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestChanges checks the alerts watcher's wake-up: a committed command
// signals, a refused one does not, and a burst makes one pending signal.
func TestChanges(t *testing.T) {
	w := newWorld(t)
	svc := command.New(w.st)
	ch := app.Changes(svc)
	ctx := context.Background()
	if _, err := command.Run(ctx, svc, command.MoveRequest{ID: w.req.ID, Version: w.req.Version - 1,
		Move: request.Move{Action: request.ActHold, Reason: "等资料", FollowUp: received.Add(96 * time.Hour)}}); err == nil {
		t.Fatal("a move from a stale version was allowed")
	}
	select {
	case <-ch:
		t.Fatal("a refused command signalled a change")
	default:
	}
	r, err := command.Run(ctx, svc, command.MoveRequest{ID: w.req.ID, Version: w.req.Version,
		Move: request.Move{Action: request.ActHold, Reason: "等资料", FollowUp: received.Add(96 * time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version,
		Move: request.Move{Action: request.ActResume}}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ch:
	default:
		t.Fatal("no signal after two committed commands")
	}
	select {
	case <-ch:
		t.Fatal("a burst of two made two signals")
	default:
	}
}
