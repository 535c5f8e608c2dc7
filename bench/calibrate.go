package bench

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
)

// CalibrationOps time fixed work that depends on nothing of the program:
// this machine's speed, measured in the same run as everything else, so
// the absolute times of two runs on different machines can be compared
// (divide each by its run's calibration). One is pure Go computing, the
// other SQLite (modernc.org/sqlite, as the program runs it) writing and
// reading an in-memory database, the two kinds of work the rows measure.
func CalibrationOps(ctx context.Context) ([]Op, func(), error) {
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i * 31)
	}
	db, err := sql.Open("sqlite", "file:calibration?mode=memory&cache=private")
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(1)
	const rows = 50000
	note := "this machine's speed: divide a time by its calibration to compare runs on different machines"
	ops := []Op{
		{Name: "calibration, Go: SHA-256 of 64 MB in memory", Runs: 9, Note: note, Run: func() error {
			sum := sha256.Sum256(buf)
			if sum == [32]byte{} {
				return fmt.Errorf("calibration: empty sum")
			}
			return nil
		}},
		{Name: fmt.Sprintf("calibration, SQLite: %d rows written in one transaction to an in-memory table, then summed", rows),
			Runs: 9, Note: note, Run: func() error {
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				for _, q := range []string{`DROP TABLE IF EXISTS t`, `CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL, v INTEGER NOT NULL)`} {
					if _, err := tx.ExecContext(ctx, q); err != nil {
						return err
					}
				}
				ins, err := tx.PrepareContext(ctx, `INSERT INTO t (k, v) VALUES (?, ?)`)
				if err != nil {
					return err
				}
				defer ins.Close()
				for i := range rows {
					if _, err := ins.ExecContext(ctx, fmt.Sprintf("客户需求-%08d", i*7919%rows), i); err != nil {
						return err
					}
				}
				var sum int64
				if err := tx.QueryRowContext(ctx, `SELECT sum(v) FROM t WHERE k LIKE '客户%'`).Scan(&sum); err != nil {
					return err
				}
				if sum != rows*(rows-1)/2 {
					return fmt.Errorf("calibration: sum %d", sum)
				}
				return tx.Commit()
			}},
	}
	return ops, func() { db.Close() }, nil
}
