package store

import (
	"context"
	"database/sql"

	"github.com/reqdesk/reqdesk/internal/request"
)

// goSteps are the Go steps of migrations, by the version of the SQL
// migration they follow: run in that migration's transaction right after
// its SQL, for what SQL cannot do, such as reading stored record bodies as
// the program reads them (request.DecodeRecord). A record body's shape
// changes this way: a new migration whose step rewrites every body of the
// kind into the new shape, since keys the program does not know are
// dropped the next time a record is saved.
var goSteps = map[int]func(ctx context.Context, tx *Tx) error{
	10: indexRecords,
}

// indexRecords fills the columns kept of the records' bodies (0010) for
// the records already there. A damaged body keeps empty columns; the
// health check reports it (checkRecords).
func indexRecords(ctx context.Context, tx *Tx) error {
	var recs []request.Record
	if err := eachRow(ctx, tx, `SELECT id, kind, body FROM request_records WHERE kind IN (?, ?)`,
		[]any{request.KindTask, request.KindSubRequirement}, func(rows *sql.Rows) error {
			var rec request.Record
			var body string
			if err := rows.Scan(&rec.ID, &rec.Kind, &body); err != nil {
				return err
			}
			rec.Body = []byte(body)
			recs = append(recs, rec)
			return nil
		}); err != nil {
		return err
	}
	for _, rec := range recs {
		body, err := request.DecodeRecord(rec)
		if err != nil {
			continue
		}
		if err := tx.s.writeIndex(ctx, tx, rec.ID, rec.Kind, body); err != nil {
			return err
		}
	}
	return nil
}
