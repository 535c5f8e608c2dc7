package xlsx

import (
	"context"
	"io"
	"iter"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// Source is what exports read: one streaming query per table
// (*store.Store provides them).
type Source interface {
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

// Target is where imports go (*store.Store).
type Target interface {
	Vocabularies(ctx context.Context) (vocab.Lists, error)
	ImportRequests(ctx context.Context, b request.ImportBatch, dryRun bool) (request.ImportReport, error)
}

// Import reads a workbook and hands its rows to the target: a dry run
// reports what would happen, otherwise all rows are written or, if any has a
// problem, none.
func Import(ctx context.Context, dst Target, data []byte, dryRun bool) (request.ImportReport, error) {
	b, err := Parse(data)
	if err != nil {
		return request.ImportReport{}, err
	}
	return dst.ImportRequests(ctx, b, dryRun)
}

// WriteTemplate writes the blank template with the target's current lists.
func WriteTemplate(ctx context.Context, w io.Writer, dst Target) error {
	lists, err := dst.Vocabularies(ctx)
	if err != nil {
		return err
	}
	return Template(w, lists)
}
