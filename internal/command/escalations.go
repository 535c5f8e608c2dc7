package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Escalate records the escalations now due (request.DueEscalations decides
// which): each breached clock of an open request once, to the supervisor;
// each open urgent (emergency) request once, to the response-group leader.
// It returns the escalations it made, none for a kind without a recipient
// in the settings. The system makes them, whoever is logged in.
type Escalate struct{}

// Name names the command.
func (Escalate) Name() string { return "sla.escalate" }

func (Escalate) run(ctx context.Context, tx *store.Tx) ([]request.Escalation, error) {
	in := request.EscalationInput{Now: tx.Now()}
	var err error
	if in.Supervisor, in.ResponseLeader, err = tx.EscalationRecipients(ctx); err != nil {
		return nil, err
	}
	if in.Supervisor != "" {
		if in.Clocks, err = tx.OverdueClocks(ctx, request.EscalateBreach, in.Now); err != nil {
			return nil, err
		}
	}
	if in.ResponseLeader != "" {
		if in.Urgent, err = tx.OpenRequestsOf(ctx, request.UrgencyUrgent, request.EscalateEmergency); err != nil {
			return nil, err
		}
	}
	ctx = audit.WithActor(ctx, "system")
	var out []request.Escalation
	for _, e := range request.DueEscalations(in) {
		e.ID, e.At = tx.NewID(), tx.Now()
		made, err := tx.InsertEscalation(ctx, e)
		if err != nil {
			return nil, err
		}
		if !made {
			continue
		}
		out = append(out, e)
		if err := tx.Audit(ctx, audit.EntityRequest, e.RequestID, "escalate", nil, e); err != nil {
			return nil, err
		}
	}
	return out, nil
}
