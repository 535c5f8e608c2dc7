// Package clock supplies the current time through an interface, so that
// tests, demo data and printed documents can run on a fixed clock.
package clock

import (
	"sync"
	"time"
)

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

// System is the real wall clock.
type System struct{}

// Now returns the current local time.
func (System) Now() time.Time { return time.Now() }

// Fixed is a settable clock for tests.
type Fixed struct {
	mu sync.Mutex
	t  time.Time
}

// NewFixed returns a clock stopped at t.
func NewFixed(t time.Time) *Fixed { return &Fixed{t: t} }

// Now returns the clock's current time.
func (f *Fixed) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

// Set moves the clock to t.
func (f *Fixed) Set(t time.Time) {
	f.mu.Lock()
	f.t = t
	f.mu.Unlock()
}

// Add moves the clock forward by d.
func (f *Fixed) Add(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

// Shifted is the wall clock moved by a fixed offset: it starts at a chosen
// moment and runs on in real time. Tests use it to put a whole program at a
// known date.
type Shifted struct {
	offset time.Duration
}

// NewShifted returns a clock that reads start now.
func NewShifted(start time.Time) Shifted {
	return Shifted{offset: time.Until(start)}
}

// Now returns the shifted current time.
func (s Shifted) Now() time.Time { return time.Now().Add(s.offset) }
