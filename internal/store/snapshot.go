package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver

	"github.com/reqdesk/reqdesk/internal/blobs"
)

// Snapshot writes a consistent copy of the live database to dest with
// VACUUM INTO: a single transaction's view, compacted, never a file copy of
// a database whose recent writes may still sit in its WAL. The attachment
// files its rows refer to go into the copy too (see embedAttachments), so
// that the copy is a whole backup in one file. dest must not exist.
//
// It reads through a connection of its own: in WAL mode its read
// transaction leaves the store's one writing connection free, so a backup of
// a large database (seconds) holds up no edit made meanwhile.
func (s *Store) Snapshot(ctx context.Context, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return err
	}
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("snapshot target %s exists", dest)
	}
	// The copy is made under a name no list of backups shows and renamed
	// when whole: a snapshot cut short (the program closed, the power went)
	// never passes for a backup.
	tmp := dest + PartialSuffix
	os.Remove(tmp) // left by an interrupted snapshot of the same name
	db, err := sql.Open("sqlite", "file:"+s.path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("snapshot to %s: %w", dest, err)
	}
	made := time.Now()
	if s.clock != nil { // a store opened by OpenExisting has no clock
		made = s.clock.Now()
	}
	if err := stampSnapshot(ctx, tmp, made); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("snapshot time into %s: %w", dest, err)
	}
	if err := embedAttachments(ctx, tmp, s.files); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("attachments into %s: %w", dest, err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return err
	}
	return blobs.SyncDir(filepath.Dir(dest))
}

// PartialSuffix marks a snapshot being written.
const PartialSuffix = ".partial"

// stampSnapshot records in the copy at path when it was made, so the time
// travels with the file: a backup uploaded or copied elsewhere still tells
// when it was taken, not when it arrived. The table exists only in copies
// (a restored database carries it until its next snapshot rewrites it).
func stampSnapshot(ctx context.Context, path string, at time.Time) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS snapshot_info (made_at TEXT NOT NULL);
		DELETE FROM snapshot_info; INSERT INTO snapshot_info (made_at) VALUES (?)`, at.UTC().Format(time.RFC3339Nano))
	return err
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// BackupDir is the folder beside the database where backups are kept.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// preMigrationSnapshot keeps the database as it was before a schema upgrade.
func (s *Store) preMigrationSnapshot(ctx context.Context, from int) error {
	prefix := fmt.Sprintf("reqdesk-premigrate-v%d-", from)
	return s.Snapshot(ctx, FreeName(BackupDir(s.path), prefix, s.clock.Now().UTC().Format("20060102-150405")))
}

// FreeName returns a path in dir for a backup named prefix+stamp+".db" that
// no file has: when one has that name (two in the same second), the next
// of prefix+"2-"+stamp+".db", prefix+"3-"…, so that no backup is ever
// overwritten. The stamp stays last, where the backup list reads it.
func FreeName(dir, prefix, stamp string) string {
	for n := 1; ; n++ {
		name := prefix + stamp + ".db"
		if n > 1 {
			name = fmt.Sprintf("%s%d-%s.db", prefix, n, stamp)
		}
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path
		}
	}
}

// Check runs SQLite's quick integrity check, then reads every stage
// record's body as the program does (checkRecords), and returns the
// findings, empty when the database is sound. It reads through a reading connection: on a
// large database the check takes seconds (12 s at 100k requests), and on
// the only writing connection it held up every write and every call that
// uses that connection until it was done, just after start-up.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	damaged, err := s.checkRecords(ctx)
	return append(problems, damaged...), err
}

// Inspect opens a database file read-only and returns its schema version,
// refusing a file that is not a ReqDesk database or is newer than this build.
func Inspect(ctx context.Context, path string) (int, error) {
	sum, err := Describe(ctx, path)
	return sum.Schema, err
}

// Summary describes a database file for someone choosing a backup.
type Summary struct {
	Schema    int `json:"schema"`
	Requests  int `json:"requests"`
	Customers int `json:"customers"`
	// LastChange is the newest entry of the audit log: the time of the last
	// change the copy holds (zero when nothing was ever changed).
	LastChange time.Time `json:"lastChange"`
	// MadeAt is when the copy was made, as recorded in it (zero for copies
	// made before it was recorded, and for a live database).
	MadeAt time.Time `json:"madeAt"`
	// Attachments counts the scans and photos of signed paper copies;
	// MissingAttachments those whose file the copy does not hold (it was
	// missing or damaged when the backup was made).
	Attachments        int `json:"attachments"`
	MissingAttachments int `json:"missingAttachments"`
}

// Describe opens a database file read-only, checks it is a sound ReqDesk
// database of a schema this build knows, and summarises what it holds.
func Describe(ctx context.Context, path string) (Summary, error) {
	var sum Summary
	if _, err := os.Stat(path); err != nil {
		return sum, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return sum, err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table'
		AND name IN ('schema_migrations', 'requests', 'customers')`).Scan(&n); err != nil {
		return sum, fmt.Errorf("不是可读的数据库文件: %w", err)
	}
	if n != 3 {
		return sum, fmt.Errorf("不是需求管家的数据库文件")
	}
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&sum.Schema); err != nil {
		return sum, err
	}
	if sum.Schema > LatestSchema() {
		return sum, fmt.Errorf("数据库版本 %d 比本程序支持的 %d 新，请先升级需求管家", sum.Schema, LatestSchema())
	}
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil || check != "ok" {
		return sum, fmt.Errorf("数据库文件已损坏: %s %v", check, err)
	}
	// Entry times are Unix milliseconds from schema 11 on, timestamp texts
	// before (and for the odd entry migration 0011 kept as it was).
	var lastMS sql.NullInt64
	var lastText sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM requests), (SELECT count(*) FROM customers),
		max(CASE typeof(at) WHEN 'integer' THEN at END), max(CASE typeof(at) WHEN 'text' THEN at END)
		FROM audit_log`).Scan(&sum.Requests, &sum.Customers, &lastMS, &lastText); err != nil {
		return sum, fmt.Errorf("无法读取数据库内容: %w", err)
	}
	if lastText.Valid {
		sum.LastChange = parseTS(lastText.String)
	}
	if lastMS.Valid {
		if t := storedTime(lastMS.Int64); t.After(sum.LastChange) {
			sum.LastChange = t
		}
	}
	// From schema 25 on, a step's entry is kept with its transition.
	if sum.Schema >= 25 {
		var step any // text before 0026, Unix milliseconds after
		err := db.QueryRowContext(ctx, `SELECT at FROM request_transitions WHERE changes IS NOT NULL
			ORDER BY seq DESC LIMIT 1`).Scan(&step)
		if err != nil && err != sql.ErrNoRows {
			return sum, fmt.Errorf("无法读取数据库内容: %w", err)
		}
		if t := storedTime(step); t.After(sum.LastChange) {
			sum.LastChange = t
		}
	}
	// By the tables a copy has, not its version: attachments came with the
	// documents, and attachment_blobs when they moved into files.
	has := func(table string) bool {
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n)
		return err == nil && n == 1
	}
	if has("snapshot_info") {
		var made string
		if err := db.QueryRowContext(ctx, `SELECT made_at FROM snapshot_info LIMIT 1`).Scan(&made); err == nil {
			if t, err := time.Parse(time.RFC3339Nano, made); err == nil {
				sum.MadeAt = t
			}
		}
	}
	if has("document_attachments") {
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM document_attachments`).Scan(&sum.Attachments); err != nil {
			return sum, fmt.Errorf("无法读取附件: %w", err)
		}
	}
	if has("attachment_blobs") {
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM document_attachments a
			WHERE NOT EXISTS (SELECT 1 FROM attachment_blobs b WHERE b.sha256 = a.sha256)`).Scan(&sum.MissingAttachments); err != nil {
			return sum, fmt.Errorf("无法读取附件: %w", err)
		}
	}
	if has("request_attachments") {
		var n, missing int
		if err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE NOT EXISTS
			(SELECT 1 FROM attachment_blobs b WHERE b.sha256 = a.sha256)) FROM request_attachments a`).Scan(&n, &missing); err != nil {
			return sum, fmt.Errorf("无法读取附件: %w", err)
		}
		sum.Attachments += n
		sum.MissingAttachments += missing
	}
	return sum, nil
}

// OpenExisting opens a database file that must already exist, without
// migrating it, for snapshots and checks of files no program has open.
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return &Store{write: db, read: db, path: path, files: blobs.New(AttachmentDir(path))}, nil
}

// Checkpoint folds the write-ahead log of a database no program has open
// into the database file and empties the log, so the file alone holds every
// committed change.
func Checkpoint(ctx context.Context, path string) error {
	st, err := OpenExisting(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	var busy, frames, done int
	if err := st.write.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done); err != nil {
		return err
	}
	if busy != 0 {
		return fmt.Errorf("checkpoint of %s: database busy", path)
	}
	return nil
}

// Optimize refreshes the query planner's statistics where the tables changed
// much since the last time (PRAGMA optimize, with a bounded sample so that
// it takes a fraction of a second even on years of data). Without them
// SQLite may pick a poor index: a filtered list at 100k requests took 50 ms
// with the urgency index and 7 ms with the status index it should use.
func (s *Store) Optimize(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, `PRAGMA analysis_limit = 1000`); err != nil {
		return err
	}
	_, err := s.write.ExecContext(ctx, `PRAGMA optimize = 0x10002`)
	return err
}
