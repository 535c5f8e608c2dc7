package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

func init() {
	registry[AssessValue{}.Name()] = kindOf[request.Record, AssessValue](true, "RequestsApp.AssessValue")
}

// AssessValue records a quarter's value assessment of a high-value need
// (plan 004: repeat purchase, cost saved, improvement made), open or
// archived; request.AssessValue checks it. 需求转化率 reads it.
type AssessValue struct {
	RequestID string             `json:"requestId"`
	Input     request.ValueInput `json:"input"`
}

// Name names the command.
func (AssessValue) Name() string { return "value.assess" }

func (c AssessValue) requestID() string { return c.RequestID }

func (c AssessValue) run(ctx context.Context, tx *store.Tx) (request.Record, error) {
	vc := request.ValueContext{Now: tx.Now()}
	var err error
	if vc.Request, err = tx.Request(ctx, c.RequestID); err != nil {
		return request.Record{}, err
	}
	if vc.Records, err = tx.Records(ctx, c.RequestID); err != nil {
		return request.Record{}, err
	}
	if vc.Actor, err = tx.Actor(ctx); err != nil {
		return request.Record{}, err
	}
	if vc.Zone, err = tx.Zone(ctx); err != nil {
		return request.Record{}, err
	}
	body, err := request.AssessValue(c.Input, vc)
	if err != nil {
		return request.Record{}, err
	}
	out, err := tx.InsertRecord(ctx, c.RequestID, request.KindValueAssessment, "", body)
	if err != nil {
		return out, err
	}
	return out, tx.Audit(ctx, audit.EntityRecord, c.RequestID, audit.ActionCreate, nil, out)
}
