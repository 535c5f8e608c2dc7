package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/view"
)

// openStatuses are the statuses of requests still being worked on.
func openStatuses() []request.Status {
	var out []request.Status
	for _, s := range request.Statuses {
		if !s.Closed() && s != request.StatusOnHold {
			out = append(out, s)
		}
	}
	return out
}

// daily fills what the team's daily work adds: the supervisor's team views
// of the list and a consultant's own, follow-up requests registered from
// the new needs written in feedback, and related requests of one customer
// linked.
func daily(ctx context.Context, st *store.Store, cmds *command.Service, clk *clock.Fixed, now time.Time) error {
	clk.Set(now.Add(-time.Hour))
	cols := []string{"number", "customerName", "title", "urgency", "clock", "status", "owner", "receivedAt"}
	wang, li := audit.WithActor(ctx, "王强"), audit.WithActor(ctx, "李娜")
	for _, v := range []view.Input{
		{Name: "紧急未结", Query: request.Query{Urgencies: []request.Urgency{request.UrgencyUrgent}, Statuses: openStatuses()}, Columns: cols},
		{Name: "待分配", Query: request.Query{Statuses: []request.Status{request.StatusTriaged}, Sort: request.SortUrgency}, Columns: cols},
		{Name: "待满意度回访", Query: request.Query{Statuses: []request.Status{request.StatusFeedback}}, Columns: cols},
	} {
		if _, err := command.Run(wang, cmds, command.SaveTeamView{Input: v}); err != nil {
			return fmt.Errorf("demo team view %s: %w", v.Name, err)
		}
	}
	if _, err := command.Run(li, cmds, command.SaveMyView{Input: view.Input{Name: "我登记的咨询",
		Query: request.Query{Types: []string{"技术咨询"}}, Columns: cols}}); err != nil {
		return fmt.Errorf("demo own view: %w", err)
	}

	// A new need written in feedback was registered as the customer's next
	// request: linked as following from it (the demo keeps its number of
	// requests, so the follow-up is the customer's next request, not a new one).
	all, err := st.ListRequests(ctx, request.Query{Sort: request.SortNumber, Limit: 500})
	if err != nil {
		return err
	}
	after := map[string][]request.Row{} // each customer's requests in order of number
	for _, r := range all.Items {
		after[r.CustomerID] = append(after[r.CustomerID], r)
	}
	for _, r := range all.Items {
		if r.Status != request.StatusArchived {
			continue
		}
		d, err := st.Request(ctx, r.ID)
		if err != nil {
			return err
		}
		need := false
		for _, rec := range d.Records {
			if fb, err := request.BodyOf[request.Feedback](rec); err == nil && rec.Kind == request.KindFeedback && fb.NewNeeds != "" {
				need = true
			}
		}
		if !need {
			continue
		}
		for _, next := range after[r.CustomerID] {
			if next.Number > r.Number && next.ReceivedAt.After(d.Request.UpdatedAt) {
				if _, err := command.Run(li, cmds, command.LinkRequests{RequestID: next.ID, Input: request.LinkInput{
					Kind: request.LinkFollows, To: r.Number, Note: "满意度反馈中的新需求"}}); err != nil {
					return fmt.Errorf("demo follow-up of %s: %w", r.Number, err)
				}
				break
			}
		}
	}

	// Some of a customer's requests of one type are related.
	last := map[string]request.Row{}
	for i, r := range all.Items {
		prev, ok := last[r.CustomerID]
		last[r.CustomerID] = r
		if !ok || i%7 != 2 || prev.Type != r.Type || linked(ctx, st, r.ID, prev.ID) {
			continue
		}
		if _, err := command.Run(wang, cmds, command.LinkRequests{RequestID: r.ID, Input: request.LinkInput{
			Kind: request.LinkRelated, To: prev.Number, Note: "同一客户的同类需求"}}); err != nil {
			return fmt.Errorf("demo link %s: %w", r.Number, err)
		}
	}
	return nil
}

// linked reports whether two requests are linked already.
func linked(ctx context.Context, st *store.Store, a, b string) bool {
	ls, err := st.LinkedRequests(ctx, a)
	if err != nil {
		return false
	}
	for _, l := range ls {
		if l.ID == b {
			return true
		}
	}
	return false
}
