package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/notify"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Changes returns a channel that receives after commands committed: a
// burst of changes makes one signal, a slow reader drops none that matter
// (one pending signal stands for all).
func Changes(svc *command.Service) <-chan struct{} {
	ch := make(chan struct{}, 1)
	svc.AfterChange(func(string) {
		select {
		case ch <- struct{}{}:
		default:
		}
	})
	return ch
}

// changeSettle is how long the alerts watcher waits after a change before
// it looks, so a burst of edits is looked at once.
const changeSettle = 2 * time.Second

// WatchAlerts shows an OS notification, once, for every notification of
// the person using the app that is new and unread (a note naming them, a
// clock of their work due soon or breached, a review or an approval waiting
// for them: notify.Mine), checking every minute and soon after every change
// until ctx ends. Others' clocks stay in the bell, not on the desktop.
// Several new ones at once make one summary notification rather than a
// flood.
func WatchAlerts(ctx context.Context, st *store.Store, changed <-chan struct{}, shell *Shell, log *slog.Logger) {
	seen := map[string]bool{}
	for {
		l, err := st.MyNotifications(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("notifications for the desktop", "err", err)
		}
		if title, body, ok := notify.Notice(seen, l); ok {
			if err := shell.Notify(fmt.Sprintf("reqdesk-mine-%d", st.Now().UnixNano()), title, body); err != nil && ctx.Err() == nil {
				log.Warn("OS notification failed", "err", err)
			}
		}
		if !waitChange(ctx, changed, time.Minute) {
			return
		}
	}
}

// waitChange waits every, or a change and changeSettle after it; false when
// ctx ended.
func waitChange(ctx context.Context, changed <-chan struct{}, every time.Duration) bool {
	tick := time.NewTimer(every)
	defer tick.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-tick.C:
	case <-changed:
		select {
		case <-ctx.Done():
			return false
		case <-time.After(changeSettle):
		}
	}
	return true
}

// robotBatch is the most posts one round sends: group robots take about 20
// messages a minute.
const robotBatch = 20

// WatchRobot posts to the team's group robot (钉钉 / 企业微信, set by the
// administrator) what the team should hear of (notify.Events): new
// mentions, breached clocks, reviews waiting. It looks every minute and
// soon after changes, in its own goroutine, so a slow or failing robot
// never holds up sync or a browser. Each event is posted once: what was
// posted is kept in the database, so a restart posts nothing again; a
// failure is tried again later, waiting longer each time (notify.Backoff).
func WatchRobot(ctx context.Context, st *store.Store, changed <-chan struct{}, client *http.Client, log *slog.Logger) {
	for {
		if err := RobotRound(ctx, st, client); err != nil && ctx.Err() == nil {
			log.Warn("group robot", "err", err)
		}
		if !waitChange(ctx, changed, time.Minute) {
			return
		}
	}
}

// RobotRound posts what is due to the group robot once: the events not
// posted yet whose retry time has come, at most robotBatch of them. It
// returns the last failure, if any; every attempt is recorded.
func RobotRound(ctx context.Context, st *store.Store, client *http.Client) error {
	r, err := st.Robot(ctx)
	if err != nil || r.Kind == "" || !r.Enabled {
		return err
	}
	events, err := st.RobotEvents(ctx, r)
	if err != nil {
		return err
	}
	keys := make([]string, len(events))
	for i, e := range events {
		keys[i] = e.Key
	}
	done, err := st.RobotPosts(ctx, keys)
	if err != nil {
		return err
	}
	var last error
	sent := 0
	for _, e := range events {
		p := done[e.Key]
		now := st.Now()
		if p.Posted || p.NextAt.After(now) {
			continue
		}
		if sent == robotBatch || ctx.Err() != nil {
			break
		}
		sent++
		perr := notify.Post(ctx, client, r, e, now)
		msg := ""
		if perr != nil {
			msg, last = perr.Error(), perr
		}
		if err := st.NoteRobotPost(ctx, e.Key, perr == nil, now.Add(notify.Backoff(p.Attempts+1)), msg); err != nil {
			return err
		}
	}
	return last
}
