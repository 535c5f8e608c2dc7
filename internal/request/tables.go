package request

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// ActImport is the transition an import records when a new request arrives
// with a status beyond registered (the table's 初步处理状态). It is not a
// step of the state machine: nobody can take it.
const ActImport Action = "import"

func init() { actionNames[ActImport] = "从表格导入" }

// An ImportBatch is a table of requests read from a file (internal/xlsx
// reads Excel workbooks into one), ready for the store to check against the
// rules and the database and then to write all at once or not at all.
type ImportBatch struct {
	Sheets []ImportSheet `json:"sheets"`
	// Problems are those found while reading the cells: dates, urgencies or
	// statuses that could not be understood, cells too long for Excel.
	Problems []ImportProblem `json:"problems"`
	// Notes say what was read in a way the user may not expect (a sheet
	// left out, a column not recognised); they do not stop the import.
	// NoteKeys say the same, note for note, as message keys the UI
	// translates.
	Notes    []string     `json:"notes"`
	NoteKeys []apperr.Msg `json:"noteKeys"`
}

// Note adds a note: the message key with params, and its Chinese text.
func (b *ImportBatch) Note(key string, params apperr.P) {
	b.Notes = append(b.Notes, apperr.Render(key, params))
	b.NoteKeys = append(b.NoteKeys, apperr.Msg{Key: key, Params: params})
}

// An ImportSheet is one sheet of the file with a recognised header row.
type ImportSheet struct {
	Name      string `json:"name"`
	HeaderRow int    `json:"headerRow"`
	// Columns maps a field (ImportFields) to the column it was read from.
	// A field without a column keeps its value on an updated request and
	// its default on a new one.
	Columns map[string]ImportColumn `json:"columns"`
	Rows    []ImportRow             `json:"rows"`
}

// Has reports whether the sheet has a column for field.
func (s ImportSheet) Has(field string) bool {
	_, ok := s.Columns[field]
	return ok
}

// An ImportColumn is where a field sits in a sheet.
type ImportColumn struct {
	Letter string `json:"letter"` // "A", "B", … "AA"
	Header string `json:"header"` // the header as written in the file
}

// An ImportRow is one data row, its cells read into fields. CustomerID and
// ContactID of Fields are empty: the store finds or creates the customer
// and contact by name.
type ImportRow struct {
	Row          int    `json:"row"` // the row number Excel shows
	Number       string `json:"number"`
	CustomerName string `json:"customerName"`
	Fields       Fields `json:"fields"`
	// Status is the status the table gives; empty for a new request means
	// registered.
	Status Status `json:"status"`
	// Flagged lists the fields whose cells already have a problem, so the
	// rules do not report them a second time.
	Flagged map[string]bool `json:"flagged,omitempty"`
	// Derived lists the fields a rule filled in although the sheet has no
	// column for them (the detailed description of an over-long brief one).
	Derived map[string]bool `json:"derived,omitempty"`
}

// Field names of an import beyond those of Fields (its JSON names).
const (
	ImportNumber       = "number"
	ImportCustomerName = "customerName"
	ImportStatus       = "status"
)

// An ImportProblem is one thing that stops an import, where it is and what
// is wrong.
type ImportProblem struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`    // 0 for the whole file
	Column string `json:"column"` // the column letter, "" for the whole row or sheet
	Header string `json:"header"` // the column's header (or the field's name)
	Field  string `json:"field"`
	Value  string `json:"value"` // the cell's text, shortened
	// Message says in plain Chinese what is wrong and how to put it right.
	Message string `json:"message"`
	// Ref says the same as a message key (apperr.Messages) with its
	// params, which the UI translates into its language.
	Ref apperr.Msg `json:"ref"`
}

// MaxReportedProblems bounds the problems a report lists; ProblemCount
// still counts them all.
const MaxReportedProblems = 1000

// An ImportReport says what an import did or, for a dry run, would do.
type ImportReport struct {
	DryRun bool `json:"dryRun"`
	// Applied is true when the rows were written; an import with any
	// problem writes nothing.
	Applied bool `json:"applied"`
	// Rows counts the data rows read; blank rows are left out.
	Rows int `json:"rows"`
	// Created, Updated and Skipped split the rows: new requests, requests
	// (found by number) whose fields change, and requests already exactly so.
	Created          int `json:"created"`
	Updated          int `json:"updated"`
	Skipped          int `json:"skipped"`
	CustomersCreated int `json:"customersCreated"`
	ContactsCreated  int `json:"contactsCreated"`
	// InvalidRows counts the rows with at least one problem.
	InvalidRows int `json:"invalidRows"`
	// ProblemCount counts every problem; Problems lists the first
	// MaxReportedProblems of them in sheet, row and column order.
	ProblemCount int             `json:"problemCount"`
	Problems     []ImportProblem `json:"problems"`
	// Notes say what the user may not expect; NoteKeys say the same, note
	// for note, as message keys the UI translates.
	Notes    []string     `json:"notes"`
	NoteKeys []apperr.Msg `json:"noteKeys"`
	Sheets   []string     `json:"sheets"`
}

// Note adds a note: the message key with params, and its Chinese text.
func (r *ImportReport) Note(key string, params apperr.P) {
	r.Notes = append(r.Notes, apperr.Render(key, params))
	r.NoteKeys = append(r.NoteKeys, apperr.Msg{Key: key, Params: params})
}

// TrackingRow is one line of the progress tracking table
// (需求处理进度跟踪表).
type TrackingRow struct {
	Number       string    `json:"number"`
	Title        string    `json:"title"`
	CustomerName string    `json:"customerName"`
	Urgency      Urgency   `json:"urgency"`
	Owner        string    `json:"owner"`
	Department   string    `json:"department"`
	ReceivedAt   time.Time `json:"receivedAt"`
	AssignedAt   time.Time `json:"assignedAt"` // zero until assigned
	Status       Status    `json:"status"`
	// Due is when the resolve clock runs out; zero when none runs or it is
	// paused.
	Due time.Time `json:"due"`
	// Percent is the share done: the average of the implementation tasks
	// when there are any, else what the stage stands for; -1 when the
	// request was rejected or cancelled.
	Percent    int       `json:"percent"`
	LastUpdate time.Time `json:"lastUpdate"`
}

// FeedbackRow is one line of the customer feedback table (客户反馈表): the
// latest satisfaction feedback of a request.
type FeedbackRow struct {
	Number       string    `json:"number"`
	Title        string    `json:"title"`
	CustomerName string    `json:"customerName"`
	Owner        string    `json:"owner"`
	Status       Status    `json:"status"`
	Feedback     Feedback  `json:"feedback"`
	RecordedAt   time.Time `json:"recordedAt"`
	RecordedBy   string    `json:"recordedBy"`
}

// StagePercent is the share done that a status stands for; an on-hold
// request stands where it was held, and a rejected or cancelled one has none
// (-1).
func StagePercent(s, heldFrom Status) int {
	if s == StatusOnHold {
		s = heldFrom
	}
	return InfoOf(s).Percent
}

// Percent is a request's share done: the tasks' average when there are
// open or done tasks (taskAvg ≥ 0), capped below 100 until the request is
// delivered, else the stage's.
func Percent(s, heldFrom Status, taskAvg float64) int {
	stage := StagePercent(s, heldFrom)
	if taskAvg < 0 || stage < 0 {
		return stage
	}
	p := int(taskAvg + 0.5)
	if stage >= StagePercent(StatusAcceptance, "") {
		return max(p, stage)
	}
	return min(p, 99)
}
