package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"modernc.org/sqlite"

	"github.com/reqdesk/reqdesk/internal/audit"
)

// A request's creation entry refers to the request's values (0041,
// audit.Refer): its fields whose values the request still keeps are named
// by a code, and the entry reads them from the request (audit_full). The
// request's triggers keep that true: before a change of such a value, and
// before the request is deleted, they write the value it had into the
// entry (json_insert, which never overwrites a value pinned before), so
// what an entry reads is always what it was written with. Everything is
// plain SQL, so the sqlite3 shell may change a request too.
//
// A writer of a creation entry hands it over as its text together with the
// request's id (auditValues), and audit_keep refers what it can to the
// request as it is then; an entry that arrives from the team is referred as
// it is written. An import refers its creations on its packer's goroutine
// from the values it writes (requestRefArgs). An entry travels resolved
// (syncTable.resolved): the entry a laptop or the server sends is the text
// it was written with.
//
// The triggers live as long as their tables: a migration that makes
// requests, customers or audit_log anew drops them or points them at the
// old table, so every start makes them again where they are not as
// requestRefTriggers writes them (ensureRefTriggers).

// requestRefs are the fields a request's creation entry may refer to,
// each with the column keeping it and the value's SQL over a row of
// requests (%s, r or OLD) when that is not the column itself. A field's
// place is its code (audit.Code): NEVER reorder or drop one; a new one goes
// at the end, with a migration that makes the triggers again.
var requestRefs = []requestRef{
	{field: "id", column: "id"},
	{field: "number", column: "number"},
	{field: "status", column: "status"},
	{field: "customerName", column: "customer_id", value: "(SELECT name FROM customers WHERE id = %s.customer_id)"},
	{field: "fields.customerId", column: "customer_id"},
	{field: "fields.contactId", column: "contact_id"},
	{field: "fields.contactName", column: "contact_name"},
	{field: "fields.contactInfo", column: "contact_info"},
	{field: "fields.channel", column: "channel"},
	{field: "fields.type", column: "type"},
	{field: "fields.category", column: "category"},
	{field: "fields.urgency", column: "urgency"},
	{field: "fields.impactScope", column: "impact_scope"},
	{field: "fields.title", column: "title"},
	{field: "fields.description", column: "description"},
	{field: "fields.background", column: "background"},
	{field: "fields.expectedOutcome", column: "expected_outcome"},
	{field: "fields.timeRequirement", column: "time_requirement"},
	{field: "fields.scene", column: "scene"},
	{field: "fields.product", column: "product"},
	{field: "fields.receivedBy", column: "received_by"},
	{field: "fields.owner", column: "owner"},
	{field: "fields.department", column: "department"},
	{field: "state.path", column: "path"},
	{field: "state.heldFrom", column: "held_from"},
	{field: "state.followUpOn", column: "follow_up_on"},
	{field: "state.statusReason", column: "status_reason"},
	{field: "state.duplicateOf", column: "duplicate_of"},
}

type requestRef struct{ field, column, value string }

// requestRefFields are requestRefs' fields, in their order.
var requestRefFields = func() []string {
	out := make([]string, len(requestRefs))
	for i, f := range requestRefs {
		out[i] = f.field
	}
	return out
}()

// refValue is the SQL of a field's value over row (r, OLD).
func refValue(i int, row string) string {
	f := requestRefs[i]
	if f.value != "" {
		return fmt.Sprintf(f.value, row)
	}
	return row + "." + f.column
}

// requestRefValues is the SQL of the values of the request whose id idExpr
// gives, as a JSON array in requestRefs' order (SQLite writes each value's
// JSON), or NULL when there is no such request: what audit_keep and
// audit_full read.
func requestRefValues(idExpr string) string {
	vals := make([]string, len(requestRefs))
	for i := range requestRefs {
		vals[i] = refValue(i, "r")
	}
	return `(SELECT json_array(` + strings.Join(vals, ", ") + `) FROM requests r WHERE r.id = ` + idExpr + `)`
}

// refersSQL is true where col keeps an entry in its referring form.
func refersSQL(col string) string {
	return fmt.Sprintf(`(typeof(%s) = 'text' AND substr(%s, 1, %d) = '%s')`, col, col, len(audit.RefPrefix), audit.RefPrefix)
}

// isCreationSQL is true for an audit entry that may refer to its request:
// a request's creation (refersToRequest).
const isCreationSQL = `entity = 'request' AND action = 'create'`

// refersToRequest reports whether an entry of entity and action may refer
// to its request: a request's creation.
func refersToRequest(entity, action any) bool {
	return entity == audit.EntityRequest && action == audit.ActionCreate
}

// auditChangesRead is the SQL of an audit entry's changes as they were
// written: an entry referring to its request resolved (audit_full),
// others as they are kept.
var auditChangesRead = `audit_full(changes, CASE WHEN ` + isCreationSQL + ` AND ` + refersSQL("changes") +
	` THEN ` + requestRefValues(uuidText("entity_id")) + ` END)`

// auditValues is the VALUES row that writes an audit entry: auditColumns'
// values, of which the changes go through audit_keep with the values of
// the request the last argument names (NULL for any other entry).
var auditValues = `(?, ?, ?, ?, ?, ?, audit_keep(?, ` + requestRefValues("?") + `))`

// auditValuesWidth is the number of arguments of auditValues.
const auditValuesWidth = auditWidth + 1

// refValues reads requestRefValues' array: each value's JSON text, "" for
// none.
func refValues(v driver.Value) ([]string, error) {
	b, ok := bytesOf(v)
	if !ok {
		return nil, nil
	}
	out, err := audit.ArrayItems(string(b))
	if err != nil {
		return nil, err
	}
	if len(out) != len(requestRefs) {
		return nil, fmt.Errorf("request values: %d, want %d", len(out), len(requestRefs))
	}
	return out, nil
}

// requestRefArgs are the values of a request as refValues gives them,
// taken from the arguments row of an INSERT into requests whose columns at
// gives (refColumns), with customerName the name its customer has in the
// customers table in this transaction (known false when it has none): each
// one's JSON text where Go's and SQLite's agree on it (audit.QuoteSafe),
// else "" (the field then keeps its value in the entry). An import refers
// its requests' creations so on its packer's goroutine, where audit_keep
// would read each request back on the writing connection.
func requestRefArgs(at []int, row []any, customerName string, known bool) []string {
	out := make([]string, len(requestRefs))
	for i, col := range at {
		var v any = customerName
		switch {
		case col >= 0:
			v = row[col]
		case requestRefs[i].value == "" || !known:
			continue
		}
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
			out[i], _ = audit.QuoteSafe(rv.String())
		}
	}
	return out
}

// refColumns is where each of requestRefs' columns stands among columns
// (-1 for none, and for a value that is not a column).
func refColumns(columns []string) []int {
	out := make([]int, len(requestRefs))
	for i, f := range requestRefs {
		out[i] = -1
		if f.value == "" {
			out[i] = slices.Index(columns, f.column)
		}
	}
	return out
}

// auditKeep is audit_keep(changes, values): the changes to keep of an
// entry written or arrived, given the values of its request when it is a
// request's creation (else NULL). Such an entry refers to the values it
// shares with the request. Any other entry, a creation that shares none or
// whose request is not here, and one that cannot be read (kept as it is,
// as History shows it: without its changes) is kept packed when that is
// shorter (audit.Storable), as it came when it came packed.
func auditKeep(changes, values driver.Value) (driver.Value, error) {
	vals, err := refValues(values)
	if err != nil {
		return nil, err
	}
	text, ok := changes.(string)
	if !ok {
		if vals == nil {
			return changes, nil
		}
		if text, err = audit.Stored(changes); err != nil {
			return changes, nil
		}
	}
	if audit.Refers(text) {
		return text, nil
	}
	if vals != nil {
		if ref, ok := audit.Refer(text, requestRefFields, vals); ok {
			return ref, nil
		}
	}
	if _, packed := changes.([]byte); packed {
		return changes, nil
	}
	return audit.Storable(text), nil
}

// auditFull is audit_full(changes, values): the text of an entry in its
// referring form, read with its request's values (NULL when the request
// is gone, whose fields the entry then leaves out); anything else as it is
// kept.
func auditFull(changes, values driver.Value) (driver.Value, error) {
	text, ok := changes.(string)
	if !ok || !audit.Refers(text) {
		return changes, nil
	}
	vals, err := refValues(values)
	if err != nil {
		return nil, err
	}
	if vals == nil {
		vals = make([]string, len(requestRefs))
	}
	full, err := audit.Resolve(text, requestRefFields, vals)
	if err != nil {
		// Damaged: History shows the entry without its changes, as it
		// does any entry it cannot read, rather than fail the request.
		return changes, nil
	}
	return full, nil
}

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("audit_keep", 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		return auditKeep(args[0], args[1])
	})
	sqlite.MustRegisterDeterministicScalarFunction("audit_full", 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		return auditFull(args[0], args[1])
	})
}

// pinSQL is the statement that pins, into the referring creation entries
// of the requests where matches (over audit_log), the values of row (OLD)
// of the fields whose code the entry lists, that are not pinned yet and
// for which changed(i) holds. An entry with nothing to pin is not
// written; one that is not JSON (damaged) is left alone.
func pinSQL(where, row string, changed func(i int) string) string {
	var args, anyOf []string
	for i, f := range requestRefs {
		code := string(audit.Code(i))
		cond := changed(i) + ` AND ` + listedSQL(code) + ` AND instr(changes, ',"` + code + `":') = 0`
		v := refValue(i, row)
		if f.value != "" {
			v = `CASE WHEN ` + cond + ` THEN ` + v + ` END`
		}
		args = append(args, `CASE WHEN `+cond+` THEN '$.`+code+`' END, `+v)
		anyOf = append(anyOf, `(`+cond+`)`)
	}
	return `UPDATE audit_log SET changes = json_insert(changes,
			` + strings.Join(args, ",\n\t\t\t") + `)
		WHERE ` + where + ` AND ` + isCreationSQL + ` AND ` + refersSQL("changes") + ` AND json_valid(changes)
			AND (` + strings.Join(anyOf, "\n\t\t\tOR ") + `)`
}

// refTriggers names the triggers of requestRefTriggers.
var refTriggers = []string{"audit_refs_request_update", "audit_refs_request_delete", "audit_refs_customer_name"}

// requestRefTriggers are the triggers that keep the creation entries'
// references true (see above), in refTriggers' order.
func requestRefTriggers() []string {
	byOld := `entity_id IN (` + idKeySQL("OLD.id") + `, OLD.id)`
	var changed []string
	for _, f := range requestRefs {
		if c := "OLD." + f.column + " IS NOT NEW." + f.column; !slices.Contains(changed, c) {
			changed = append(changed, c)
		}
	}
	name := string(audit.Code(slices.IndexFunc(requestRefs, func(f requestRef) bool { return f.field == "customerName" })))
	return []string{
		// A changed id pins every value: the entry names the request by
		// the id it had.
		`CREATE TRIGGER ` + refTriggers[0] + ` AFTER UPDATE ON requests WHEN ` + strings.Join(changed, " OR ") + ` BEGIN
		` + pinSQL(byOld, "OLD", func(i int) string {
			c := requestRefs[i].column
			return `(OLD.` + c + ` IS NOT NEW.` + c + ` OR OLD.id IS NOT NEW.id)`
		}) + `;
	END`,
		`CREATE TRIGGER ` + refTriggers[1] + ` BEFORE DELETE ON requests BEGIN
		` + pinSQL(byOld, "OLD", func(int) string { return "1" }) + `;
	END`,
		`CREATE TRIGGER ` + refTriggers[2] + ` AFTER UPDATE OF name ON customers WHEN OLD.name IS NOT NEW.name BEGIN
		UPDATE audit_log SET changes = json_insert(changes, '$.` + name + `', OLD.name)
		WHERE entity_id IN (SELECT ` + idKeySQL("id") + ` FROM requests WHERE customer_id = OLD.id
				UNION ALL SELECT id FROM requests WHERE customer_id = OLD.id)
			AND ` + isCreationSQL + ` AND ` + refersSQL("changes") + ` AND json_valid(changes)
			AND ` + listedSQL(name) + ` AND instr(changes, ',"` + name + `":') = 0;
	END`,
	}
}

// listedSQL is true where the referring form in changes lists code.
func listedSQL(code string) string {
	from := len(audit.RefPrefix) + 1
	return fmt.Sprintf(`instr(substr(changes, %d, instr(substr(changes, %d), '"') - 1), '%s') > 0`, from, from, code)
}

// refsSchema is the migration that made the triggers (0041).
const refsSchema = 41

// refTriggerSQL is the SQL the database keeps of each of refTriggers, ""
// for one it does not have.
func refTriggerSQL(ctx context.Context, q queryer) ([]string, error) {
	out := make([]string, len(refTriggers))
	for i, name := range refTriggers {
		err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).Scan(&out[i])
		if err != nil && err != sql.ErrNoRows {
			return nil, err
		}
	}
	return out, nil
}

// refTriggersAsWritten reports whether the database has every trigger of
// requestRefTriggers as it writes them.
func refTriggersAsWritten(ctx context.Context, q queryer) (bool, error) {
	have, err := refTriggerSQL(ctx, q)
	return err == nil && slices.Equal(have, requestRefTriggers()), err
}

// ensureRefTriggers makes the triggers of requestRefTriggers again where
// one is missing or not as it writes them (see above), on a database of
// schema 0041 or later.
func ensureRefTriggers(ctx context.Context, tx *Tx) error {
	want := requestRefTriggers()
	have, err := refTriggerSQL(ctx, tx)
	if err != nil {
		return err
	}
	for i, name := range refTriggers {
		if have[i] == want[i] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS `+name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, want[i]); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
