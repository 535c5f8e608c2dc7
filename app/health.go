package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Health is the result of the integrity check, or of the last run's while
// it stands (see backup.PlanCheck). The check reads the whole database,
// which takes seconds on years of data, so it runs in the background and
// the UI asks for its result.
type Health struct {
	mu      sync.Mutex
	report  HealthReport
	running bool // a check is under way
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
	h := &Health{report: HealthReport{State: "checking"}, running: true}
	go h.check(ctx, st, log)
	return h
}

// HealthFrom is the health a run starts with when the database is not
// checked at once (backup.PlanCheck): the last check's verdict while it
// stands, "checking" when there was none. Check gives the next one.
func HealthFrom(last backup.CheckRecord) *Health {
	h := &Health{report: HealthReport{State: "checking"}}
	if !last.CheckedAt.IsZero() && last.OK {
		h.report = HealthReport{State: "ok", CheckedAt: last.CheckedAt}
	}
	return h
}

// Check runs the integrity check of st now, on the calling goroutine, and
// makes its verdict the report; cancelling ctx abandons it (no verdict).
// It does nothing while another check runs.
func (h *Health) Check(ctx context.Context, st *store.Store, log *slog.Logger) {
	h.mu.Lock()
	if h.running {
		h.mu.Unlock()
		return
	}
	h.running = true
	h.mu.Unlock()
	h.check(ctx, st, log)
}

func (h *Health) check(ctx context.Context, st *store.Store, log *slog.Logger) {
	defer func() {
		h.mu.Lock()
		h.running = false
		h.mu.Unlock()
	}()
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
}

// Due says whether a check is due at now: none runs, and none finished
// yet or the last is backup.CheckEvery old.
func (h *Health) Due(now time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.running && (h.report.State == "checking" || now.Sub(h.report.CheckedAt) >= backup.CheckEvery || now.Before(h.report.CheckedAt))
}

// Verdict is the latest finished check for the record kept between runs
// (backup.CheckRecord): when it ended and whether the database was sound;
// ok is false while none has finished, in this run or before, and for a
// run that checks nothing (nil).
func (h *Health) Verdict() (at time.Time, sound, ok bool) {
	if h == nil {
		return time.Time{}, false, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.report.State == "checking" {
		return time.Time{}, false, false
	}
	return h.report.CheckedAt, h.report.State == "ok", true
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
