package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
)

// Session lifetimes: a session ends after IdleTimeout without a call, and
// at the latest AbsoluteTimeout after the login, whatever its use.
const (
	IdleTimeout     = 8 * time.Hour
	AbsoluteTimeout = 7 * 24 * time.Hour
	// touchEvery spares the database a write on every call: last use is
	// recorded at most once a minute.
	touchEvery = time.Minute
)

// Session is a login, as the store keeps it: the token itself is never
// stored, only its SHA-256 digest.
type Session struct {
	AccountID  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// Store is what logging in needs from the database (internal/store).
// Names are passed as NameKey; not finding one is an apperr NotFound.
// Accounts are created and changed by commands (internal/command), from
// NewAccount and NewPassword; sessions are this server's own bookkeeping
// of who is logged in, not changes to the data, so the store keeps them.
type Store interface {
	Accounts(ctx context.Context) ([]Account, error)
	AccountByName(ctx context.Context, nameKey string) (Account, string, error)
	CreateSession(ctx context.Context, tokenHash, accountID, remote string, at time.Time) error
	Session(ctx context.Context, tokenHash string) (Session, Account, error)
	TouchSession(ctx context.Context, tokenHash string, at time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteSessionsBefore(ctx context.Context, idleBefore, createdBefore time.Time) error
}

// Errors of logging in and of sessions. Unknown names and wrong passwords
// get the same answer, so that nobody learns which accounts exist.
var (
	ErrBadCredentials = &apperr.Error{Code: apperr.Unauthorized, Message: "密码错误或账号不存在", Key: "bad_credentials",
		Fields: []apperr.FieldError{{Field: "password", Key: "bad_credentials"}}}
	ErrDisabled = &apperr.Error{Code: apperr.Unauthorized, Message: "账号已停用，请联系管理员", Key: "account_disabled",
		Fields: []apperr.FieldError{{Field: "name", Key: "account_disabled"}}}
	ErrNoSession = &apperr.Error{Code: apperr.Unauthorized, Message: "请先登录", Key: "login_required"}
	ErrExpired   = &apperr.Error{Code: apperr.Unauthorized, Message: "登录已过期，请重新登录", Key: "login_expired"}
)

// lockedError is the answer while a lockout runs; minutes round up.
func lockedError(wait time.Duration) *apperr.Error {
	m := int(math.Ceil(wait.Minutes()))
	return &apperr.Error{Code: apperr.RateLimited, Message: "尝试次数过多，请 " + strconv.Itoa(m) + " 分钟后再试",
		Key: "login_locked", Params: apperr.P{"minutes": m},
		Fields: []apperr.FieldError{{Field: "password", Key: "locked", Params: map[string]any{"minutes": m}}}}
}

// Service logs people in and out and manages accounts.
type Service struct {
	store  Store
	clock  clock.Clock
	limits *limiter

	dummyOnce sync.Once
	dummy     string
}

// NewService returns the accounts service over st, timed by clk.
func NewService(st Store, clk clock.Clock) *Service {
	return &Service{store: st, clock: clk, limits: newLimiter()}
}

// NewAccount checks a new account's fields and password and hashes the
// password, for the command that creates the account.
func NewAccount(f Fields, password string) (Fields, string, error) {
	f = f.Normalize()
	if err := f.Validate(); err != nil {
		return Fields{}, "", err
	}
	if err := CheckPassword(f.Name, password); err != nil {
		return Fields{}, "", err
	}
	return f, HashPassword(password), nil
}

// NewPassword checks a new password for the account named name and hashes
// it, for the command that sets it.
func NewPassword(name, password string) (string, error) {
	if err := CheckPassword(name, password); err != nil {
		return "", err
	}
	return HashPassword(password), nil
}

// DuplicateName is the error for a new account whose name (NameKey)
// another account has.
func DuplicateName(name string) error {
	return &apperr.Error{Code: apperr.Conflict, Message: "已有同名账号：" + name,
		Key: "account_duplicate", Params: apperr.P{"name": name},
		Fields: []apperr.FieldError{{Field: "name", Key: "duplicate"}}}
}

// List returns every account.
func (s *Service) List(ctx context.Context) ([]Account, error) {
	return s.store.Accounts(ctx)
}

// Ready returns nil when at least one enabled account exists, so that
// someone can log in; otherwise an error saying how to create one.
func (s *Service) Ready(ctx context.Context) error {
	list, err := s.store.Accounts(ctx)
	if err != nil {
		return err
	}
	for _, a := range list {
		if !a.Disabled {
			return nil
		}
	}
	return errors.New("在网络上提供服务需要本地账号，但还没有可用的账号。请先创建一个管理员账号，例如：\n" +
		"  reqdesk user add 张三 --role admin\n" +
		"（按提示输入两次密码），再启动 reqdesk serve。")
}

// Login checks name and password from the remote address and opens a
// session, returning its token (for the cookie) and the user.
func (s *Service) Login(ctx context.Context, name, password, remote string) (string, User, error) {
	a, err := s.verify(ctx, name, password, remote)
	if err != nil {
		return "", User{}, err
	}
	now := s.clock.Now()
	_ = s.store.DeleteSessionsBefore(ctx, now.Add(-IdleTimeout), now.Add(-AbsoluteTimeout))
	token := NewToken()
	if err := s.store.CreateSession(ctx, Digest(token), a.ID, remote, now); err != nil {
		return "", User{}, err
	}
	return token, userOf(a), nil
}

// Verify checks name and password from the remote address as Login does,
// under the same limits, without opening a session: a laptop joining a
// team (internal/teamsync) gets a device token instead.
func (s *Service) Verify(ctx context.Context, name, password, remote string) (User, error) {
	a, err := s.verify(ctx, name, password, remote)
	if err != nil {
		return User{}, err
	}
	return userOf(a), nil
}

// Active returns the account called name as a user, refused when it is
// disabled or gone: a device stops syncing with its account.
func (s *Service) Active(ctx context.Context, name string) (User, error) {
	a, _, err := s.store.AccountByName(ctx, NameKey(name))
	if apperr.CodeOf(err) == apperr.NotFound {
		return User{}, ErrDisabled
	}
	if err != nil {
		return User{}, err
	}
	if a.Disabled {
		return User{}, ErrDisabled
	}
	return userOf(a), nil
}

func (s *Service) verify(ctx context.Context, name, password, remote string) (Account, error) {
	key := NameKey(name)
	if key == "" || password == "" {
		return Account{}, apperr.New(apperr.Invalid, "login_missing", nil)
	}
	if len(password) > 4*MaxPassword || len(key) > 4*MaxName {
		return Account{}, ErrBadCredentials
	}
	now := s.clock.Now()
	ak, rk := accountKey(key), addressKey(remote)
	// The try counts before its password is checked (see limiter.begin).
	if wait := s.limits.begin(now, ak, rk); wait > 0 {
		return Account{}, lockedError(wait)
	}
	a, hash, err := s.store.AccountByName(ctx, key)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		s.limits.undo(ak, rk)
		return Account{}, err
	}
	if err != nil {
		// Unknown names cost the same hash as known ones.
		VerifyPassword(s.dummyHash(), password)
		return Account{}, s.failed(now, ak, rk)
	}
	if !VerifyPassword(hash, password) {
		return Account{}, s.failed(now, ak, rk)
	}
	if a.Disabled {
		s.limits.undo(ak, rk)
		return Account{}, ErrDisabled
	}
	s.limits.succeed(ak, rk)
	return a, nil
}

// failed answers a wrong password: the try was counted already; the answer
// says so when it (or a try beside it) started a lockout.
func (s *Service) failed(now time.Time, ak, rk string) error {
	if wait := s.limits.locked(now, ak, rk); wait > 0 {
		return lockedError(wait)
	}
	return ErrBadCredentials
}

func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() { s.dummy = HashPassword(NewToken()) })
	return s.dummy
}

// Authenticate returns the user whose session token is, ending sessions
// that have expired or whose account was disabled.
func (s *Service) Authenticate(ctx context.Context, token string) (User, error) {
	if len(token) != tokenLen {
		return User{}, ErrNoSession
	}
	h := Digest(token)
	sess, a, err := s.store.Session(ctx, h)
	if apperr.CodeOf(err) == apperr.NotFound {
		return User{}, ErrNoSession
	}
	if err != nil {
		return User{}, err
	}
	now := s.clock.Now()
	if a.Disabled {
		_ = s.store.DeleteSession(ctx, h)
		return User{}, ErrDisabled
	}
	if now.Sub(sess.LastSeenAt) > IdleTimeout || now.Sub(sess.CreatedAt) > AbsoluteTimeout {
		_ = s.store.DeleteSession(ctx, h)
		return User{}, ErrExpired
	}
	if now.Sub(sess.LastSeenAt) >= touchEvery {
		if err := s.store.TouchSession(ctx, h, now); err != nil {
			return User{}, err
		}
	}
	return userOf(a), nil
}

// Logout ends the session of token; an unknown token is already logged out.
func (s *Service) Logout(ctx context.Context, token string) error {
	if len(token) != tokenLen {
		return nil
	}
	return s.store.DeleteSession(ctx, Digest(token))
}

func userOf(a Account) User {
	return User{ID: a.ID, Name: a.Name, Roles: a.Roles}
}

// tokenLen is the length of a session token: 32 random bytes, base64url.
const tokenLen = 43

// NewToken returns a fresh token of 32 random bytes, base64url: a session's
// or a device's.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Digest is what is kept of a token: its SHA-256, so that a copy of the
// database lets nobody in.
func Digest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
