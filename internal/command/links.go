package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

func init() {
	registry[LinkRequests{}.Name()] = kindOf[request.Link, LinkRequests](true, "RequestsApp.Link")
	registry[UnlinkRequests{}.Name()] = kindOf[struct{}, UnlinkRequests](true, "RequestsApp.Unlink")
	registry[FollowUpFeedback{}.Name()] = kindOf[request.Request, FollowUpFeedback](true, "RequestsApp.FollowUp")
}

// LinkRequests links the request RequestID to another (related, follows
// from); request.CheckLink decides whether it may. Both requests' histories
// get the link.
type LinkRequests struct {
	RequestID string            `json:"requestId"`
	Input     request.LinkInput `json:"input"`
}

// Name names the command.
func (LinkRequests) Name() string { return "request.link" }

func (c LinkRequests) requestID() string { return c.RequestID }

func (c LinkRequests) run(ctx context.Context, tx *store.Tx) (request.Link, error) {
	from, err := tx.Request(ctx, c.RequestID)
	if err != nil {
		return request.Link{}, err
	}
	var to *request.Request
	if ref := c.Input.To; ref != "" {
		id, err := tx.FindRequest(ctx, ref, "")
		if err != nil {
			return request.Link{}, err
		}
		if id != "" {
			r, err := tx.Request(ctx, id)
			if err != nil {
				return request.Link{}, err
			}
			to = &r
		}
	}
	existing, err := tx.Links(ctx, from.ID)
	if err != nil {
		return request.Link{}, err
	}
	in, err := request.CheckLink(from, to, c.Input, existing)
	if err != nil {
		return request.Link{}, err
	}
	return addLink(ctx, tx, request.Link{FromID: from.ID, ToID: to.ID, Kind: in.Kind, Note: in.Note})
}

// addLink saves a link and audits it on both requests.
func addLink(ctx context.Context, tx *store.Tx, l request.Link) (request.Link, error) {
	l, err := tx.InsertLink(ctx, l)
	if err != nil {
		return l, err
	}
	for _, id := range []string{l.FromID, l.ToID} {
		if err := tx.Audit(ctx, audit.EntityRequest, id, "link", nil, l); err != nil {
			return l, err
		}
	}
	return l, nil
}

// linkDuplicate keeps a request's duplicate link with its close: a request
// just closed as a duplicate is linked to the request kept
// (request.DuplicateLink), when the step named one; one whose close was
// undone loses the link (request.UndoneDuplicateLinks), audited on both.
func linkDuplicate(ctx context.Context, tx *store.Tx, before, after request.Request) error {
	if after.State.DuplicateOf == "" && before.State.DuplicateOf == "" {
		return nil
	}
	existing, err := tx.Links(ctx, after.ID)
	if err != nil {
		return err
	}
	for _, l := range request.UndoneDuplicateLinks(after, existing) {
		if err := tx.DeleteLink(ctx, l.ID); err != nil {
			return err
		}
		for _, id := range []string{l.FromID, l.ToID} {
			if err := tx.Audit(ctx, audit.EntityRequest, id, "unlink", l, nil); err != nil {
				return err
			}
		}
	}
	l, ok := request.DuplicateLink(after, existing)
	if !ok {
		return nil
	}
	_, err = addLink(ctx, tx, l)
	return err
}

// UnlinkRequests removes a link of the request RequestID (request.CheckUnlink:
// not the duplicate link a close made).
type UnlinkRequests struct {
	RequestID string `json:"requestId"`
	LinkID    string `json:"linkId"`
}

// Name names the command.
func (UnlinkRequests) Name() string { return "request.unlink" }

func (c UnlinkRequests) requestID() string { return c.RequestID }

func (c UnlinkRequests) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	l, err := tx.Link(ctx, c.LinkID)
	if err != nil {
		return struct{}{}, err
	}
	if l.FromID != c.RequestID && l.ToID != c.RequestID {
		return struct{}{}, apperr.Missing("link")
	}
	if err := request.CheckUnlink(l); err != nil {
		return struct{}{}, err
	}
	if err := tx.DeleteLink(ctx, l.ID); err != nil {
		return struct{}{}, err
	}
	for _, id := range []string{l.FromID, l.ToID} {
		if err := tx.Audit(ctx, audit.EntityRequest, id, "unlink", l, nil); err != nil {
			return struct{}{}, err
		}
	}
	return struct{}{}, nil
}

// FollowUpFeedback registers the 新的需求 a customer named in a satisfaction
// feedback (the record RecordID of request RequestID) as a new request of
// the same customer and contact (request.FollowUpFields), linked to it as
// following from it, in one step.
type FollowUpFeedback struct {
	RequestID string `json:"requestId"`
	RecordID  string `json:"recordId"`
}

// Name names the command.
func (FollowUpFeedback) Name() string { return "request.followUp" }

func (c FollowUpFeedback) requestID() string { return c.RequestID }

func (c FollowUpFeedback) run(ctx context.Context, tx *store.Tx) (request.Request, error) {
	orig, err := tx.Request(ctx, c.RequestID)
	if err != nil {
		return request.Request{}, err
	}
	rec, err := tx.Record(ctx, c.RecordID)
	if err != nil {
		return request.Request{}, err
	}
	if rec.RequestID != orig.ID || rec.Kind != request.KindFeedback {
		return request.Request{}, apperr.Missing("record")
	}
	fb, err := request.BodyOf[request.Feedback](rec)
	if err != nil {
		return request.Request{}, err
	}
	by, err := tx.Actor(ctx)
	if err != nil {
		return request.Request{}, err
	}
	f, err := request.FollowUpFields(orig, fb, by, tx.Now())
	if err != nil {
		return request.Request{}, err
	}
	created, err := Within(ctx, tx, CreateRequest{Fields: f})
	if err != nil {
		return request.Request{}, err
	}
	if _, err := addLink(ctx, tx, request.Link{FromID: created.ID, ToID: orig.ID, Kind: request.LinkFollows,
		Note: "满意度反馈中的新需求"}); err != nil {
		return request.Request{}, err
	}
	return created, nil
}
