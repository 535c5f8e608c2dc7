package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
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

// WatchAlerts shows an OS notification, once, for every time limit that
// becomes due soon or is breached, checking every minute and soon after
// every change until ctx ends (a request registered as urgent, say, whose
// first clock is already close). Several new ones at once make one summary
// notification rather than a flood.
func WatchAlerts(ctx context.Context, st *store.Store, changed <-chan struct{}, shell *Shell, log *slog.Logger) {
	seen := map[string]bool{}
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		// Every alert, not the notification centre's few: each is notified once.
		alerts, err := st.Alerts(ctx, store.AllAlerts)
		if err != nil && ctx.Err() == nil {
			log.Error("alerts for notifications", "err", err)
		}
		if n, ok := request.AlertNotice(seen, alerts.Items, st.Now()); ok {
			if err := shell.Notify(n.ID, n.Title, n.Body); err != nil && ctx.Err() == nil {
				log.Warn("OS notification failed", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-changed:
			select {
			case <-ctx.Done():
				return
			case <-time.After(changeSettle):
			}
		}
	}
}
