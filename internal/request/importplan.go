package request

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/customer"
)

// ImportKnown is what the database already holds that the rows of an
// import refer to: the store loads it, the import planner (internal/xlsx
// PlanImport) matches the rows against it.
type ImportKnown struct {
	// Customers are every customer (id and name).
	Customers []customer.Customer
	// Contacts are every contact (id, customer and name), oldest first:
	// of two with one name under a customer, the first is the one used.
	Contacts []customer.Contact
	// ByNumber are the requests the batch's numbers name, by number.
	ByNumber map[string]Request
	// Receiver is who receives a new row that names no receiver: the
	// logged-in user, else the local profile.
	Receiver string
	// Same finds the request of a customer with the brief description
	// title received within the second of at (nil when none), for rows
	// without a number that repeat one.
	Same func(customerID, title string, at time.Time) (*Request, error)
}

// An ImportPlan is a checked import batch: what to write, and the report.
// The store writes it as it is (store.Tx.SaveImport).
type ImportPlan struct {
	Report    ImportReport
	Customers []customer.Customer // to create
	Contacts  []customer.Contact  // to create
	Creates   []ImportCreate
	Updates   []ImportUpdate
	// Reserved are the numbers the creates bring with them, which the
	// numbering must not hand out.
	Reserved map[string]bool
}

// An ImportCreate is a new request of an import.
type ImportCreate struct {
	Number       string // "" to take the next one of the numbering
	Status       Status
	Path         Path
	CustomerName string
	Fields       Fields
	// HeldFrom is, for a request imported on hold, the status it is held
	// from; "" otherwise.
	HeldFrom Status
	// MoveComment is the comment of the transition (ActImport) that takes
	// a request imported beyond registered to its status; "" when it
	// stays registered and none is recorded.
	MoveComment string
}

// An ImportUpdate is an existing request whose fields an import changes.
type ImportUpdate struct {
	Before Request
	Fields Fields
}
