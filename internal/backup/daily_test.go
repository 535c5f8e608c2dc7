package backup_test

import (
	"context"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// waits is an injected time.After: each wait is handed to the test, which
// ends it when it likes.
type waits chan wait

type wait struct {
	d    time.Duration
	done chan time.Time
}

func (w waits) after(d time.Duration) <-chan time.Time {
	done := make(chan time.Time, 1)
	w <- wait{d, done}
	return done
}

func (w waits) next(t *testing.T, want time.Duration) wait {
	t.Helper()
	select {
	case got := <-w:
		if got.d != want {
			t.Fatalf("waits %v, want %v", got.d, want)
		}
		return got
	case <-time.After(10 * time.Second):
		t.Fatalf("no wait of %v", want)
	}
	return wait{}
}

// daily runs a Daily on a store at the fixed clock, with the waits the
// test ends; it returns what it made and a stop that waits for Run's end.
func daily(t *testing.T, st *store.Store, clk clock.Clock) (waits, chan *backup.File, context.CancelFunc, chan struct{}) {
	t.Helper()
	w := make(waits)
	made := make(chan *backup.File, 4)
	d := backup.Daily{Store: st, Clock: clk, Keep: backup.DefaultRetention, Delay: time.Minute, Every: time.Hour,
		After: w.after, Made: func(f *backup.File) { made <- f }}
	ctx, cancel := context.WithCancel(context.Background())
	ended := make(chan struct{})
	go func() { d.Run(ctx); close(ended) }()
	return w, made, cancel, ended
}

func automatic(t *testing.T, st *store.Store) []backup.File {
	t.Helper()
	files, err := backup.List(store.BackupDir(st.Path()))
	if err != nil {
		t.Fatal(err)
	}
	var out []backup.File
	for _, f := range files {
		if f.Automatic {
			out = append(out, f)
		}
	}
	return out
}

func madeOne(t *testing.T, made chan *backup.File) *backup.File {
	t.Helper()
	select {
	case f := <-made:
		return f
	case <-time.After(30 * time.Second):
		t.Fatal("no backup made")
	}
	return nil
}

// TestDailyAfterTheDelay: the first start of a day makes its backup once
// the delay is over, not before (the first screens are answered
// meanwhile), dated that day; a program left open makes the next day's.
func TestDailyAfterTheDelay(t *testing.T) {
	st := newStore(t, t.TempDir())
	defer st.Close()
	clk := clock.NewFixed(now)
	w, made, stop, ended := daily(t, st, clk)
	delay := w.next(t, time.Minute)
	if got := automatic(t, st); len(got) != 0 {
		t.Fatalf("a backup before the delay: %+v", got)
	}
	clk.Add(time.Minute)
	delay.done <- clk.Now()
	f := madeOne(t, made)
	if y, m, d := f.At.Date(); y != 2026 || m != 3 || d != 15 {
		t.Fatalf("backup made at %v, want the day of the start", f.At)
	}
	if got := automatic(t, st); len(got) != 1 || got[0].Path != f.Path {
		t.Fatalf("backups after the delay: %+v", got)
	}

	// An hour later the day has its backup: none more.
	clk.Add(time.Hour)
	w.next(t, time.Hour).done <- clk.Now()
	// The next look is the sign the previous one is over.
	next := w.next(t, time.Hour)
	if got := automatic(t, st); len(got) != 1 {
		t.Fatalf("a second backup the same day: %+v", got)
	}
	// Left open overnight, it makes the next day's.
	clk.Add(24 * time.Hour)
	next.done <- clk.Now()
	if f := madeOne(t, made); f.At.Day() != 16 {
		t.Fatalf("next day's backup made at %v", f.At)
	}
	w.next(t, time.Hour)
	stop()
	<-ended
}

// TestDailyClosedSoon: a program closed before the delay is over makes the
// day's backup as it closes; Run returns once it is made.
func TestDailyClosedSoon(t *testing.T) {
	st := newStore(t, t.TempDir())
	defer st.Close()
	addCustomer(t, st, "华信科技有限公司")
	clk := clock.NewFixed(now)
	w, made, stop, ended := daily(t, st, clk)
	w.next(t, time.Minute)
	stop()
	select {
	case <-ended:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not end after the program closed")
	}
	f := madeOne(t, made)
	if got := automatic(t, st); len(got) != 1 || got[0].Path != f.Path || !got[0].At.Equal(now) {
		t.Fatalf("backups after closing soon: %+v", got)
	}
}

// TestDailyAlreadyMade: a later start the same day makes none.
func TestDailyAlreadyMade(t *testing.T) {
	st := newStore(t, t.TempDir())
	defer st.Close()
	if _, err := backup.Auto(context.Background(), st, now, backup.DefaultRetention); err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFixed(now.Add(4 * time.Hour))
	w, made, stop, ended := daily(t, st, clk)
	w.next(t, time.Minute).done <- clk.Now()
	w.next(t, time.Hour)
	stop()
	<-ended
	select {
	case f := <-made:
		t.Fatalf("a second backup the same day: %+v", f)
	default:
	}
}

// TestDailyThenCheck: the first start of a day still makes the day's
// backup, and the work that follows it on its thread (the day's integrity
// check) runs after the backup is whole, at every look, and not once the
// program closes.
func TestDailyThenCheck(t *testing.T) {
	st := newStore(t, t.TempDir())
	defer st.Close()
	addCustomer(t, st, "华信科技有限公司")
	clk := clock.NewFixed(now)
	w := make(waits)
	made := make(chan *backup.File, 4)
	then := make(chan int, 4)
	d := backup.Daily{Store: st, Clock: clk, Keep: backup.DefaultRetention, Delay: time.Minute, Every: time.Hour,
		After: w.after, Made: func(f *backup.File) { made <- f },
		Then: func(ctx context.Context) { then <- len(automatic(t, st)) }}
	ctx, cancel := context.WithCancel(context.Background())
	ended := make(chan struct{})
	go func() { d.Run(ctx); close(ended) }()
	clk.Add(time.Minute)
	w.next(t, time.Minute).done <- clk.Now()
	if n := <-then; n != 1 {
		t.Fatalf("the check ran with %d backups of the day, want after the day's one", n)
	}
	if f := madeOne(t, made); f.At.Day() != 15 {
		t.Fatalf("backup made at %v", f.At)
	}
	clk.Add(time.Hour)
	w.next(t, time.Hour).done <- clk.Now()
	if n := <-then; n != 1 {
		t.Fatalf("the next look: %d backups", n)
	}
	w.next(t, time.Hour)
	cancel()
	<-ended
	select {
	case n := <-then:
		t.Fatalf("the check ran after closing (%d)", n)
	default:
	}
}
