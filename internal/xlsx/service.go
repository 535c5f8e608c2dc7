package xlsx

import (
	"context"
	"io"
	"iter"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// Source is what exports read: one streaming query per table, and the
// company's time zone in which the tables' times are written
// (*store.Store provides them).
type Source interface {
	Zone(ctx context.Context) (*time.Location, error)
	Registrations(ctx context.Context, q request.Query) iter.Seq2[request.Request, error]
	Tracking(ctx context.Context, q request.Query) iter.Seq2[request.TrackingRow, error]
	Feedback(ctx context.Context, q request.Query) iter.Seq2[request.FeedbackRow, error]
}

// Export writes the table of kind for the requests q's filters select,
// every one of them (q's page is ignored), in q's order; it returns the
// number of rows written.
func Export(ctx context.Context, w io.Writer, src Source, kind Kind, q request.Query) (int, error) {
	return ExportWithProgress(ctx, w, src, kind, q, nil)
}

// Target is what the template reads its lists from (*store.Store). An
// import is a command: command.ImportWorkbook parses a workbook and runs
// command.ImportRequests, which plans with PlanImport.
type Target interface {
	Vocabularies(ctx context.Context) (vocab.Lists, error)
}

// WriteTemplate writes the blank template with the target's current lists.
func WriteTemplate(ctx context.Context, w io.Writer, dst Target) error {
	lists, err := dst.Vocabularies(ctx)
	if err != nil {
		return err
	}
	return Template(w, lists)
}
