package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// WatchAlerts shows an OS notification, once, for every time limit that
// becomes due soon or is breached, checking every minute until ctx ends.
// Several new ones at once make one summary notification rather than a
// flood.
func WatchAlerts(ctx context.Context, st *store.Store, shell *Shell, log *slog.Logger) {
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
		}
	}
}
