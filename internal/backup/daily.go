package backup

import (
	"context"
	"log/slog"
	"runtime"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// DefaultDelay is how long after the start the day's backup waits: the
// window's first screens (the list, the dashboard) are answered in the
// first second or two, and a copy of the whole database made meanwhile took
// as long again to answer them.
const DefaultDelay = 5 * time.Second

// DefaultEvery is how often a program left open looks whether the next
// day's backup is due.
const DefaultEvery = time.Hour

// Daily makes the automatic daily backup (Auto) for a running program:
// Delay after the start, so that it does not compete with the first
// answers, in a thread of lower priority; then every Every while the
// program stays open. Closed before the delay is over, the program makes
// the day's backup as it closes, so the backup is made the day the program
// ran; one cut short (killed, power lost) leaves only a partial file, never
// counted as a backup, and is made at the next start.
type Daily struct {
	Store *store.Store
	Clock clock.Clock
	Keep  Retention
	Delay time.Duration // 0: DefaultDelay
	Every time.Duration // 0: DefaultEvery
	Log   *slog.Logger
	// After waits, as time.After (the default) does; tests replace it.
	After func(time.Duration) <-chan time.Time
	// Made is told of each backup made, for tests; nil: nothing.
	Made func(*File)
	// Then runs after each look, on the backup's thread of lower priority
	// (nil: nothing): the integrity check of a day (see PlanCheck), which
	// reads the whole database as the backup does, one after the other
	// rather than both at once. Its ctx ends when the program closes.
	Then func(ctx context.Context)
}

// Run waits out the delay, makes the day's backup if one is due, and looks
// again every Every until ctx ends. The first backup is made even when ctx
// ends first (the program closing), and a backup under way when it ends is
// finished: Run returns after it.
func (d *Daily) Run(ctx context.Context) {
	after := d.After
	if after == nil {
		after = time.After
	}
	delay, every := d.Delay, d.Every
	if delay <= 0 {
		delay = DefaultDelay
	}
	if every <= 0 {
		every = DefaultEvery
	}
	select {
	case <-ctx.Done():
	case <-after(delay):
	}
	d.once(context.WithoutCancel(ctx), ctx)
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
			return
		case <-after(every):
		}
		// Later ones may be cut short by closing: made at the next start.
		d.once(ctx, ctx)
	}
}

// once makes a backup if one is due, on a thread of its own whose priority
// is lowered, and logs what became of it; then runs Then with then.
func (d *Daily) once(ctx, then context.Context) {
	type result struct {
		made *File
		err  error
	}
	done := make(chan result, 1)
	go func() {
		// The thread keeps its lowered priority and ends with this
		// goroutine (a locked thread is not reused), so nothing else
		// runs at the lower priority. SQLite does its work on the
		// calling goroutine.
		runtime.LockOSThread()
		lowerPriority()
		made, err := Auto(ctx, d.Store, d.Clock.Now(), d.Keep)
		// Before Run returns (the store closes after it), cut short
		// when the program closes.
		if d.Then != nil && then.Err() == nil {
			d.Then(then)
		}
		done <- result{made, err}
	}()
	r := <-done
	log := d.Log
	if log == nil {
		log = slog.Default()
	}
	switch {
	case r.err != nil && ctx.Err() != nil:
		log.Info("automatic backup cut short by closing; made at the next start")
	case r.err != nil:
		// The user's work matters more than the backup of it: logged,
		// tried again at the next look or start.
		log.Error("automatic backup failed", "err", r.err)
	case r.made != nil:
		log.Info("automatic backup", "path", r.made.Path, "bytes", r.made.Size)
		if d.Made != nil {
			d.Made(r.made)
		}
	}
}
