// Package store keeps ReqDesk's data in an embedded SQLite database
// (modernc.org/sqlite, pure Go). Public methods own their transaction and
// call private helpers that take a *Tx; every write records an audit entry
// in the same transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/clock"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// timeLayout stores times as UTC text that sorts chronologically.
const timeLayout = "2006-01-02T15:04:05.000Z"

// Store is an open ReqDesk database.
type Store struct {
	write *sql.DB // a single connection: SQLite has one writer anyway
	read  *sql.DB
	// stmts are the statements prepared on the write connection.
	stmts *stmtCache
	clock clock.Clock
	path  string
	// files holds the attachments' contents, by hash, beside the database.
	files blobs.Dir

	limitsMu     sync.Mutex
	cachedLimits *timeLimits
	// lookups keep the word lists and the people for the request rules.
	lookups lookups

	// readOnly refuses every write: the user chose to open a damaged
	// database read-only, to look at it and export what can be read.
	readOnly atomic.Bool

	// searchLimits, when set (by a test), replace the search's limits.
	searchLimits searchLimits
	// changeLog tells whether the triggers of team sync note every write
	// to a shared table (EnableChangeLog).
	changeLog atomic.Bool

	// readDSN opens a reading connection (the dashboards' version, see
	// dashboards); dashboards keeps the dashboards computed at the
	// current data version, openRows the open requests' rows as last
	// decoded.
	readDSN    string
	dashboards dashboards
	// recordValues keeps the record measures of periods (see comm.go).
	recordValues recordMemo
	viewCounts   viewCounts
	openRows     openRowMemo
	// changes keeps the change log's entries as pulls encoded them.
	changes changeCache
}

// ErrReadOnly is the refusal of a write while the database is open read-only.
var ErrReadOnly = apperr.New(apperr.Forbidden, "db_read_only", nil)

// SetReadOnly turns refusing writes on or off.
func (s *Store) SetReadOnly(on bool) { s.readOnly.Store(on) }

// ReadOnly reports whether writes are refused.
func (s *Store) ReadOnly() bool { return s.readOnly.Load() }

// Option is a choice made when opening a store.
type Option func(*options)

type options struct {
	mapReads bool
}

// MapReads makes the reading connections map the database file (up to
// 2 GB) instead of copying its pages, for a server (the office's serve mode,
// a team server): every commit empties the other connections' page caches,
// so there, with a change a few times a second, each dashboard read its
// records again from the file, a system call a page (the load bench's p95
// 180 ms → 105 ms). The writer never maps. A laptop does not: a read error
// of a mapped page (a failing disk, a drive gone) cannot come back as an
// error, the process ends at once, and a laptop is where a damaged database
// must still open for its integrity check and the way to a backup. What the
// OS keeps mapped counts in the process's resident memory.
func MapReads() Option { return func(o *options) { o.mapReads = true } }

// Open opens (creating if needed) the database at path and brings its schema
// up to date.
func Open(ctx context.Context, path string, clk clock.Clock, opts ...Option) (*Store, error) {
	return open(ctx, path, clk, -1, opts...)
}

// OpenTrusted is Open for a database file exactly as this program's last
// clean close left it (see backup.PlanCheck): every request then has its
// derived rows, so the look for requests without them (two walks of
// indexes of every request, a fifth of a start, most of it reading pages
// from disk on the first start of a day) is left to RebuildMetrics, which
// the caller runs once the first screens are answered. A schema upgrade
// in this open still looks at once.
func OpenTrusted(ctx context.Context, path string, clk clock.Clock, opts ...Option) (*Store, error) {
	return open(ctx, path, clk, -2, opts...)
}

// open opens the database and migrates it up to version upTo (all when
// negative); tests build databases of earlier versions with it.
func open(ctx context.Context, path string, clk clock.Clock, upTo int, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dsn := func(extra string) string {
		q := url.Values{}
		// busy_timeout first, so the following pragmas already wait for locks.
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(FULL)")
		return "file:" + abs + "?" + q.Encode() + extra
	}
	write, err := sql.Open("sqlite", dsn("&_txlock=immediate"))
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	s := &Store{write: write, stmts: newStmtCache(write), clock: clk, path: abs, files: blobs.New(AttachmentDir(abs))}
	trusted := upTo == -2
	if trusted {
		upTo = -1
	}
	before := -1 // the version before migrating (a new file has none)
	if trusted {
		if v, err := s.SchemaVersion(ctx); err == nil {
			before = v
		}
	}
	if err := s.migrate(ctx, upTo); err != nil {
		write.Close()
		return nil, fmt.Errorf("migrate %s: %w", abs, err)
	}
	s.readDSN = dsn("&_pragma=query_only(1)")
	if o.mapReads {
		s.readDSN += "&_pragma=mmap_size(2147418112)"
	}
	read, err := sql.Open("sqlite", s.readDSN)
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(4)
	s.read = read
	if upTo < 0 || upTo >= 12 {
		if err := s.detectChangeLog(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	if upTo < 0 {
		if err := s.moveAttachmentsOut(ctx); err != nil {
			s.Close()
			return nil, fmt.Errorf("attachments of %s: %w", abs, err)
		}
		if err := s.refreshSearchIndex(ctx); err != nil {
			s.Close()
			return nil, fmt.Errorf("search index of %s: %w", abs, err)
		}
		if after, err := s.SchemaVersion(ctx); err != nil || !trusted || after != before {
			if _, err := s.RebuildMetrics(ctx); err != nil {
				s.Close()
				return nil, fmt.Errorf("measures of %s: %w", abs, err)
			}
		}
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.close()
	return errors.Join(s.dashboards.close(), s.read.Close(), s.write.Close())
}

// Path returns the database file's absolute path.
func (s *Store) Path() string { return s.path }

// Now returns the store's clock time.
func (s *Store) Now() time.Time { return s.clock.Now() }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %q is not NNNN_name.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1, 2, 3 ...; found %04d at position %d", m.version, i+1)
		}
	}
	return out, nil
}

// LatestSchema is the schema version this build writes.
func LatestSchema() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies, each in its own transaction, the migrations the database
// has not seen yet: each one's SQL, then its Go step if it has one
// (goSteps).
func (s *Store) migrate(ctx context.Context, upTo int) error {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	if upTo >= 0 && upTo < len(ms) {
		ms = ms[:upTo]
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("database schema %d is newer than this program knows (%d): update ReqDesk", current, len(ms))
	}
	if current > 0 && current < len(ms) {
		if err := s.preMigrationSnapshot(ctx, current); err != nil {
			return fmt.Errorf("backup before upgrading the schema: %w", err)
		}
	}
	for _, m := range ms[current:] {
		err := s.tx(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("%04d_%s: %w", m.version, m.name, err)
			}
			if step := goSteps[m.version]; step != nil {
				if err := step(ctx, tx); err != nil {
					return fmt.Errorf("%04d_%s (Go step): %w", m.version, m.name, err)
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, s.ts(tx.Now()))
			return err
		})
		if err != nil {
			return err
		}
	}
	if len(ms) > current {
		// The shared tables the migrations added get their triggers on a
		// database whose change log is on (a team server, a laptop
		// mid-join), so their rows travel like the others.
		if err := s.tx(ctx, func(tx *Tx) error {
			var logging int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
				AND name = 'sync_requests_insert'`).Scan(&logging); err != nil || logging == 0 {
				return err
			}
			return changeLogTriggers(ctx, tx, true)
		}); err != nil {
			return fmt.Errorf("change log triggers: %w", err)
		}
	}
	if len(ms) >= refsSchema {
		// Read first: a start writes nothing when they are as they are.
		if ok, err := refTriggersAsWritten(ctx, s.write); err != nil || !ok {
			if err == nil {
				err = s.tx(ctx, func(tx *Tx) error { return ensureRefTriggers(ctx, tx) })
			}
			if err != nil {
				return fmt.Errorf("audit reference triggers: %w", err)
			}
		}
	}
	reclaim, shrunk := false, false
	for _, m := range ms[current:] {
		reclaim = reclaim || reclaimAfter[m.version]
		shrunk = shrunk || shrunkAfter[m.version]
	}
	var pending int
	if err := s.write.QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key = ?`, reclaimPendingKey).
		Scan(&pending); err != nil {
		return err
	}
	if reclaim || shrunk || pending > 0 {
		s.reclaim(ctx, shrunk || pending > 0)
	}
	return nil
}

// reclaimPendingKey is the setting, kept on this machine, that notes a
// VACUUM a migration of shrunkAfter needed and could not run (the disk
// lacked room, or it failed): each start tries it again until it runs.
const reclaimPendingKey = "reclaimPending"

// reclaimAfter are the migrations that leave much of the file free: 0011
// rewrites the audit log and drops the old one, 0015 the clocks, 0016 the
// audit log again, 0025 moves the steps' entries out of it, 0026 rewrites
// the transitions, 0028 the records, 0030 the clocks, 0031 the transitions,
// 0032 the records, 0033 and 0035 the measure rows, 0036 the clocks, 0037
// the transitions, 0039 the records, 0040 the measure rows.
var reclaimAfter = map[int]bool{11: true, 15: true, 16: true, 25: true, 26: true, 28: true, 30: true, 31: true, 32: true, 33: true, 35: true, 36: true, 37: true, 39: true, 40: true}

// shrunkAfter are the migrations after which VACUUM runs whatever the
// free pages. 0034 packs the records' bodies in place: the pages it leaves
// part empty are not free pages (SQLite merges pages only when one falls
// below a third full), so the file keeps its size, grown by the
// conversion, until VACUUM writes it anew. 0038 writes the search index
// anew at half its size, which frees less than the tenth reclaim waits
// for. 0041 shortens the requests' creation entries in place.
var shrunkAfter = map[int]bool{34: true, 38: true, 41: true}

// reclaim gives the pages a migration freed back to the file system with
// VACUUM, when they are a tenth of the file or more (after a migration of
// shrunkAfter, whatever their number) and the disk has room
// for what VACUUM writes: a copy of the database in the temporary directory,
// and every page once more in the write-ahead log. Otherwise, or when VACUUM
// fails (it changes nothing then), the free pages stay in the file, which
// the database fills before it grows again.
func (s *Store) reclaim(ctx context.Context, shrunk bool) {
	done := false
	if shrunk {
		// Noted until done, so a start after a stop or without room
		// tries again.
		defer func() {
			ctx := context.WithoutCancel(ctx)
			if done {
				_, _ = s.write.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, reclaimPendingKey)
				return
			}
			_, _ = s.write.ExecContext(ctx, `INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, '1', ?)`,
				reclaimPendingKey, s.ts(s.clock.Now()))
		}()
	}
	var free, pages, size int64
	if err := s.write.QueryRowContext(ctx, `SELECT freelist_count, page_count, page_size
		FROM pragma_freelist_count, pragma_page_count, pragma_page_size`).Scan(&free, &pages, &size); err != nil {
		return
	}
	if !shrunk && (free == 0 || free*10 < pages) {
		return
	}
	room, err := roomOn(filepath.Dir(s.path))
	if err != nil || room < 3*pages*size {
		return
	}
	if tmp, err := roomOn(os.TempDir()); err != nil || tmp < pages*size {
		return
	}
	if _, err := s.write.ExecContext(ctx, `VACUUM`); err != nil {
		return
	}
	done = true
	_, _ = s.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}

// roomOn is diskFree, replaced by a test that needs a full disk.
var roomOn = diskFree

// SchemaVersion returns the highest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.write.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

func (s *Store) ts(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTS(v string) time.Time {
	t, err := time.Parse(timeLayout, v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// idKey is an id as the audit log and the transitions keep it (0011,
// 0026): a UUID in its canonical text as its 16 bytes, any other id as it
// is.
func idKey(id string) any {
	if u, err := uuid.Parse(id); err == nil && u.String() == id {
		return u[:]
	}
	return id
}

// idText reads an id stored by idKey.
func idText(v any) string {
	switch v := v.(type) {
	case []byte:
		if u, err := uuid.FromBytes(v); err == nil {
			return u.String()
		}
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// millis is a time as the audit log and the transitions keep it (0011,
// 0026): Unix milliseconds, which keep all of what the store's timestamps
// keep.
func millis(t time.Time) int64 { return t.UnixMilli() }

// storedTime reads a time stored by millis, or a timestamp text kept as it
// was because it was not in the store's layout (see compactAudit and
// compactTransitions).
func storedTime(v any) time.Time {
	switch v := v.(type) {
	case int64:
		return time.UnixMilli(v).UTC()
	case string:
		return parseTS(v)
	case []byte:
		return parseTS(string(v))
	}
	return time.Time{}
}

func newID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// queryer is what both *sql.DB and *Tx offer for reading.
type queryer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queryIDs runs a query of one text column and returns its values, reading
// them all before the caller issues further statements on the same tx.
func queryIDs(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
