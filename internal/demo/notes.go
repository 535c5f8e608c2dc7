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
)

// demoNotes are what colleagues tell each other about a request, {owner}
// being the request's owner, named with @.
var demoNotes = []string{
	"@%s 客户上午来电催进度，请今天回电并在沟通记录里登记。",
	"@%s 这家客户去年投诉过处理时效，回复前请先和我对一下口径。",
	"@%s 技术支持部说接口文档下周才能给，计划里的日期可能要调整。",
	"@%s @陈静 客户提到的报表问题可能和上周那条需求是同一个原因，请一起看看。",
}

// notes writes internal notes on half the open requests: the supervisor
// (王强) telling the owner something, or the agent asking him to assign one
// nobody owns yet, so the bells have mentions.
func notes(ctx context.Context, st *store.Store, cmds *command.Service, clk *clock.Fixed, now time.Time) error {
	page, err := st.ListRequests(ctx, request.Query{Statuses: request.OpenStatuses(), Sort: request.SortNumber, Limit: 500})
	if err != nil {
		return err
	}
	k := 0
	for i, r := range page.Items {
		if i%2 != 0 || r.Owner == "王强" {
			continue
		}
		writer, body := "王强", fmt.Sprintf(demoNotes[k%len(demoNotes)], r.Owner)
		if r.Owner == "" {
			// Not assigned yet: the agent who took it asks the supervisor.
			writer, body = "李娜", "@王强 客户说这件事比较急，麻烦尽快分配负责人。"
		}
		at := r.UpdatedAt.Add(time.Duration(1+k%5) * time.Hour)
		if at.After(now) {
			at = now.Add(-time.Duration(10+k%50) * time.Minute)
		}
		clk.Set(at)
		if _, err := command.Run(audit.WithActor(ctx, writer), cmds, command.AddNote{RequestID: r.ID, Body: body}); err != nil {
			return fmt.Errorf("demo note on %s: %w", r.Number, err)
		}
		k++
	}
	return nil
}
