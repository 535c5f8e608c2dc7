package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// ImportRequests imports a batch of requests read from a table (see
// xlsx.Parse): xlsx.PlanImport checks every row against the request rules,
// the word lists and the database and decides what becomes of it; when no
// row has a problem the whole plan is written, with every change in the
// audit log under the acting person, else nothing is. The report says what
// was done (Applied) or what stopped it (Problems).
type ImportRequests struct {
	Batch request.ImportBatch `json:"batch"`
}

// Name names the command.
func (ImportRequests) Name() string { return "request.import" }

func (ImportRequests) bulk() {}

func (c ImportRequests) run(ctx context.Context, tx *store.Tx) (request.ImportReport, error) {
	plan, err := planImport(ctx, tx, c.Batch)
	if err != nil {
		return request.ImportReport{}, err
	}
	if plan.Report.ProblemCount > 0 {
		return plan.Report, nil
	}
	if err := tx.SaveImport(ctx, plan); err != nil {
		return request.ImportReport{}, err
	}
	if err := flagDuplicates(ctx, tx, plan.Customers...); err != nil {
		return request.ImportReport{}, err
	}
	plan.Report.Applied = true
	return plan.Report, nil
}

// DryRunImport reports what ImportRequests would do with a batch: the same
// plan, made in a read-only transaction, written nowhere.
func DryRunImport(ctx context.Context, s *Service, b request.ImportBatch) (request.ImportReport, error) {
	var rep request.ImportReport
	err := s.st.Read(ctx, func(tx *store.Tx) error {
		plan, err := planImport(ctx, tx, b)
		rep = plan.Report
		return err
	})
	if err != nil {
		return request.ImportReport{}, err
	}
	rep.DryRun = true
	return rep, nil
}

// ImportWorkbook reads an Excel workbook (xlsx.Parse, its dates in the
// company's time zone) and imports its rows (ImportRequests), or with dryRun
// only reports what it would do.
func ImportWorkbook(ctx context.Context, s *Service, data []byte, dryRun bool) (request.ImportReport, error) {
	zone, err := s.st.Zone(ctx)
	if err != nil {
		return request.ImportReport{}, err
	}
	b, err := xlsx.Parse(data, zone)
	if err != nil {
		return request.ImportReport{}, err
	}
	if dryRun {
		return DryRunImport(ctx, s, b)
	}
	return Run(ctx, s, ImportRequests{Batch: b})
}

// planImport loads what the rows refer to and plans the import.
func planImport(ctx context.Context, tx *store.Tx, b request.ImportBatch) (request.ImportPlan, error) {
	in := xlsx.PlanInput{Now: tx.Now(), NewID: tx.NewID}
	var err error
	if in.Zone, err = tx.Zone(ctx); err != nil {
		return request.ImportPlan{}, err
	}
	if in.Known, err = tx.ImportKnown(ctx, b); err != nil {
		return request.ImportPlan{}, err
	}
	if in.Lists, err = tx.Vocabularies(ctx); err != nil {
		return request.ImportPlan{}, err
	}
	if in.Staff, err = tx.Staff(ctx); err != nil {
		return request.ImportPlan{}, err
	}
	return xlsx.PlanImport(b, in)
}
