package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

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
		var fresh []string
		for _, a := range alerts.Items {
			key := a.RequestID + "/" + string(a.Kind) + "/" + string(a.State)
			if seen[key] {
				continue
			}
			seen[key] = true
			state := "即将到期"
			if a.State == "breached" {
				state = "已超时"
			}
			fresh = append(fresh, fmt.Sprintf("%s %s：%s%s", a.Number, a.Title, a.Kind.Name(), state))
		}
		switch {
		case len(fresh) == 1:
			err = shell.Notify("reqdesk-alert-"+fresh[0], "需求管家 · 时限提醒", fresh[0])
		case len(fresh) > 1:
			err = shell.Notify(fmt.Sprintf("reqdesk-alerts-%d", st.Now().Unix()), "需求管家 · 时限提醒",
				fmt.Sprintf("%d 项时限即将到期或已超时，例如 %s", len(fresh), fresh[0]))
		}
		if err != nil && ctx.Err() == nil && len(fresh) > 0 {
			log.Warn("OS notification failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
