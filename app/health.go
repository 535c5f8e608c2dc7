package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/reqdesk/reqdesk/internal/store"
)

// Health is the result of the integrity check run after start-up. The check
// reads the whole database, which takes seconds on years of data, so it runs
// in the background and the UI asks for its result.
type Health struct {
	mu     sync.Mutex
	report HealthReport
}

// HealthReport says how the database fared.
type HealthReport struct {
	State     string    `json:"state"` // checking, ok, damaged
	Problems  []string  `json:"problems"`
	CheckedAt time.Time `json:"checkedAt"`
	// Advice lists what the user can do about damage, in Chinese.
	Advice []string `json:"advice"`
}

// CheckInBackground starts the integrity check of st and returns at once;
// cancelling ctx (before the store closes) abandons it.
func CheckInBackground(ctx context.Context, st *store.Store, log *slog.Logger) *Health {
	h := &Health{report: HealthReport{State: "checking"}}
	go func() {
		problems, err := st.Check(ctx)
		if ctx.Err() != nil {
			return // shutting down: no verdict
		}
		if err != nil {
			problems = append(problems, err.Error())
		}
		r := HealthReport{State: "ok", Problems: problems, CheckedAt: time.Now()}
		if len(problems) > 0 {
			r.State = "damaged"
			r.Advice = []string{
				"立即备份当前数据：reqdesk backup -o 文件夹（能读出的数据都会保存下来）",
				"关闭需求管家后，用最近的自动备份恢复：reqdesk restore --latest",
				"或导出能读取的需求：reqdesk export registrations -o 文件.xlsx",
			}
			log.Error("database integrity check failed", "problems", problems)
		}
		h.mu.Lock()
		h.report = r
		h.mu.Unlock()
	}()
	return h
}

// Report returns the latest result.
func (h *Health) Report() HealthReport {
	if h == nil {
		return HealthReport{State: "ok"}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.report
}
