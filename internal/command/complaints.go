package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
)

func init() {
	registry[RegisterComplaint{}.Name()] = kindOf[request.Record, RegisterComplaint](true, "RequestsApp.RegisterComplaint")
	registry[StepComplaint{}.Name()] = kindOf[request.Record, StepComplaint](true, "RequestsApp.StepComplaint")
	registry[SaveChannelLimits{}.Name()] = kindOf[store.SLASettings, SaveChannelLimits](true, "TimeLimitsApp.SaveChannelLimits")
}

// RegisterComplaint registers a customer's complaint about how a request
// was handled (办法 003) against that request, open or closed;
// request.RegisterComplaint checks it. Its clocks (taken up, answered) start.
type RegisterComplaint struct {
	RequestID string                 `json:"requestId"`
	Input     request.ComplaintInput `json:"input"`
}

// Name names the command.
func (RegisterComplaint) Name() string { return "complaint.register" }

func (c RegisterComplaint) requestID() string { return c.RequestID }

func (c RegisterComplaint) run(ctx context.Context, tx *store.Tx) (request.Record, error) {
	cc, err := complaintContext(ctx, tx, c.RequestID)
	if err != nil {
		return request.Record{}, err
	}
	body, err := request.RegisterComplaint(c.Input, cc)
	if err != nil {
		return request.Record{}, err
	}
	out, err := tx.InsertRecord(ctx, c.RequestID, request.KindComplaint, "", body)
	if err != nil {
		return out, err
	}
	return out, tx.Audit(ctx, audit.EntityRecord, c.RequestID, audit.ActionCreate, nil, out)
}

// StepComplaint takes a complaint, read at Version, one step (accept,
// answer, close, reinvestigate); request.StepComplaint decides whether it
// may and what the complaint becomes.
type StepComplaint struct {
	ID      string                 `json:"id"`
	Version int64                  `json:"version"`
	Action  string                 `json:"action"`
	Input   request.ComplaintInput `json:"input"`
}

// Name names the command.
func (StepComplaint) Name() string { return "complaint.step" }

func (c StepComplaint) run(ctx context.Context, tx *store.Tx) (request.Record, error) {
	rec, err := tx.Record(ctx, c.ID)
	if err != nil {
		return request.Record{}, err
	}
	if rec.Kind != request.KindComplaint {
		return request.Record{}, apperr.Missing("record")
	}
	if rec.Version != c.Version {
		return request.Record{}, apperr.Stale("record")
	}
	cur, err := request.BodyOf[request.Complaint](rec)
	if err != nil {
		return request.Record{}, err
	}
	cc, err := complaintContext(ctx, tx, rec.RequestID)
	if err != nil {
		return request.Record{}, err
	}
	next, err := request.StepComplaint(cur, c.Action, c.Input, cc)
	if err != nil {
		return request.Record{}, err
	}
	out, err := tx.UpdateRecord(ctx, rec, next)
	if err != nil {
		return out, err
	}
	return out, tx.Audit(ctx, audit.EntityRecord, rec.RequestID, "complaint_"+c.Action, rec, out)
}

func complaintContext(ctx context.Context, tx *store.Tx, requestID string) (request.ComplaintContext, error) {
	cc := request.ComplaintContext{Now: tx.Now()}
	var err error
	if cc.Request, err = tx.Request(ctx, requestID); err != nil {
		return cc, err
	}
	if cc.Staff, err = tx.Staff(ctx); err != nil {
		return cc, err
	}
	if cc.Actor, err = tx.Actor(ctx); err != nil {
		return cc, err
	}
	cc.Zone, err = tx.Zone(ctx)
	return cc, err
}

// SaveChannelLimits stores plan 004's channel and cross-department limits
// and the complaints' (sla.ChannelLimits) beside the working hours; every
// open request's clocks follow.
type SaveChannelLimits struct {
	Limits sla.ChannelLimits `json:"limits"`
}

// Name names the command.
func (SaveChannelLimits) Name() string { return "sla.saveChannelLimits" }

func (c SaveChannelLimits) run(ctx context.Context, tx *store.Tx) (store.SLASettings, error) {
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return store.SLASettings{}, err
	}
	if err := c.Limits.Validate(lists); err != nil {
		return store.SLASettings{}, err
	}
	before, err := tx.SLASettings(ctx)
	if err != nil {
		return before, err
	}
	set := before
	set.Channels = c.Limits
	if err := tx.SaveSLASettings(ctx, set); err != nil {
		return set, err
	}
	return set, tx.Audit(ctx, audit.EntitySettings, "sla", audit.ActionUpdate, before, set)
}
