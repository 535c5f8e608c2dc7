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
	// ReadOnly is set once the user chose to keep a damaged database open
	// for reading only.
	ReadOnly bool `json:"readOnly"`
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
		r := HealthReport{State: "ok", Problems: problems, CheckedAt: st.Now()}
		if len(problems) > 0 {
			r.State = "damaged"
			r.Advice = []string{
				"恢复最近的备份：重启后生效，当前数据库会先另存为备份（命令行：reqdesk restore --latest）",
				"以只读方式打开：可以查看，不能保存修改",
				"导出能读取的数据：把需求登记表导出为 Excel（命令行：reqdesk export registrations -o 文件.xlsx）",
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
