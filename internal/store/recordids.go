package store

import (
	"database/sql/driver"

	"modernc.org/sqlite"
)

// A stage record keeps its id, its parent's, and the ids its check items
// and dependencies name as idKey does (0039): a UUID as its 16 bytes where
// its text took 36, in the table and again in its unique index (45 MB of
// the 100k data set's 950k records). The program reads the text
// (uuidText in the query) and binds idKey; team sync sends the text
// (syncTable.uuids), so the wire and machines of other versions see no
// change.

// uuidText is the SQL expression reading col, kept by idKey: the text of a
// UUID kept as its 16 bytes, any other value as it is. It is plain SQL, so
// the change log's triggers and the sqlite3 shell read it too.
func uuidText(col string) string {
	h := `hex(` + col + `)`
	return `(CASE WHEN typeof(` + col + `) = 'blob' AND length(` + col + `) = 16 THEN lower(substr(` + h + `, 1, 8) || '-' || substr(` +
		h + `, 9, 4) || '-' || substr(` + h + `, 13, 4) || '-' || substr(` + h + `, 17, 4) || '-' || substr(` + h + `, 21)) ELSE ` +
		col + ` END)`
}

// idKeyArg is idKey of a value that may be NULL (a record without a
// parent): a text is keyed, anything else kept as it is.
func idKeyArg(v any) any {
	if s, ok := v.(string); ok {
		return idKey(s)
	}
	return v
}

func init() {
	// id_key(x) is idKey in SQL, for the upgrade and a snapshot of an
	// older schema: a UUID's text as its 16 bytes, anything else as it
	// is.
	sqlite.MustRegisterDeterministicScalarFunction("id_key", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		return idKeyArg(args[0]), nil
	})
}

// idKeySQL is idKey in plain SQL (SQLite 3.41 on, for unhex): the 16
// bytes of a UUID's canonical text in expr, else expr itself.
func idKeySQL(expr string) string {
	return `(CASE WHEN length(` + expr + `) = 36 AND ` + expr + ` = lower(` + expr + `) AND substr(` + expr + `, 9, 1) = '-'
		AND substr(` + expr + `, 14, 1) = '-' AND substr(` + expr + `, 19, 1) = '-' AND substr(` + expr + `, 24, 1) = '-'
		THEN coalesce(unhex(replace(` + expr + `, '-', '')), ` + expr + `) ELSE ` + expr + ` END)`
}
