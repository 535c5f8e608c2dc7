package auth

import (
	"sync"
	"time"
)

// Login throttling: a few free failures, then a lockout that doubles with
// every further failure, per account name (known or not, so the lockout
// does not tell which names exist) and per remote address (so one machine
// cannot try one password on every account).
const (
	freeAccountFailures = 5
	freeAddressFailures = 20
	firstLockout        = time.Minute
	maxLockout          = time.Hour
	// forgetAfter is how long after the last failure an unlocked counter
	// starts again from zero.
	forgetAfter = 24 * time.Hour
	// maxTracked bounds the memory a flood of made-up names can take.
	maxTracked = 10000
)

type failures struct {
	count int
	last  time.Time
	until time.Time
}

// limiter counts failed logins in memory. A restart forgets the counts;
// the program cannot be restarted from the network, so an attacker gains
// nothing by it.
type limiter struct {
	mu      sync.Mutex
	entries map[string]*failures
}

func newLimiter() *limiter { return &limiter{entries: map[string]*failures{}} }

func accountKey(nameKey string) string { return "a:" + nameKey }
func addressKey(addr string) string    { return "r:" + addr }

// locked returns how long the longest lockout among keys still runs, or 0.
func (l *limiter) locked(now time.Time, keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		if f, ok := l.entries[k]; ok && f.until.After(now) {
			wait = max(wait, f.until.Sub(now))
		}
	}
	return wait
}

// begin counts a login try against the account and the address before its
// password is checked, or refuses it, returning how long the longest lockout
// among them still runs. Checking and counting under one lock means that a
// burst of simultaneous tries cannot all pass the check before any of them
// is counted: at most freeAccountFailures tries per name and
// freeAddressFailures per address get their password checked before the
// lockout. The try that reaches the allowance starts the lockout; success
// or undo takes the count back.
func (l *limiter) begin(now time.Time, account, address string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range []string{account, address} {
		if f, ok := l.entries[k]; ok && f.until.After(now) {
			wait = max(wait, f.until.Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	if len(l.entries) >= maxTracked {
		l.prune(now)
	}
	for _, k := range []struct {
		key  string
		free int
	}{{account, freeAccountFailures}, {address, freeAddressFailures}} {
		f := l.entries[k.key]
		if f == nil && len(l.entries) >= maxTracked {
			continue
		}
		if f == nil || (now.Sub(f.last) > forgetAfter && !f.until.After(now)) {
			f = &failures{}
			l.entries[k.key] = f
		}
		f.count++
		f.last = now
		if over := f.count - k.free; over >= 0 {
			d := firstLockout << min(over, 10)
			d = min(d, maxLockout)
			f.until = now.Add(d)
		}
	}
	return 0
}

// succeed clears the account's count after a right password; the address
// keeps the failures it had, so a valid login to one account does not reset
// guessing at another, but this try no longer counts against it.
func (l *limiter) succeed(account, address string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, account)
	l.takeBack(address, freeAddressFailures)
}

// undo takes back a try that was counted but settled nothing: the password
// was right but the account is disabled, or the database failed.
func (l *limiter) undo(account, address string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.takeBack(account, freeAccountFailures)
	l.takeBack(address, freeAddressFailures)
}

// takeBack uncounts one try of key; a lockout ends with it only when the
// count falls below the allowance again, so no lockout is ever cut short
// that other counted tries had earned.
func (l *limiter) takeBack(key string, free int) {
	f := l.entries[key]
	if f == nil || f.count == 0 {
		return
	}
	f.count--
	if f.count < free {
		f.until = time.Time{}
	}
}

// prune drops the counters that no longer lock anything. Whatever stays
// is locked; to get there someone made thousands of failed logins from
// many addresses, and new names then go untracked (see fail) while their
// addresses still count.
func (l *limiter) prune(now time.Time) {
	for k, f := range l.entries {
		if !f.until.After(now) && now.Sub(f.last) > firstLockout {
			delete(l.entries, k)
		}
	}
}
