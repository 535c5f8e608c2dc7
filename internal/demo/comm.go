package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Communication quality in the demo (plan 004): a script library written a
// year ago and revised at the monthly reviews, communication records that
// mostly use the script in force, and the last weeks' quality checks with
// their 整改 items. It has its own random source, so the requests of a seed
// are those they were before it.

const qualityLead = "王强" // the supervisor who keeps the scripts and checks

// demoScripts are the library: per standard topic, a script for every
// channel, and one for a recurring problem.
var demoScripts = []comm.ScriptInput{
	{Topic: "greeting", Title: "电话接听问候", Channel: "电话", Body: "您好，这里是{公司名称}客服中心，我是客服专员，请问有什么可以帮您？"},
	{Topic: "greeting", Title: "首次回复问候", Body: "{联系人}您好！您的需求已登记，编号 {需求编号}，我们将尽快为您处理。"},
	{Topic: "clarify", Title: "澄清需求细节", Body: "{联系人}您好，为准确处理“{需求标题}”，想与您确认：问题出现的时间、操作步骤和期望的结果。"},
	{Topic: "progress", Title: "进度告知", Body: "{联系人}您好，需求 {需求编号} 正在处理中，负责人为{负责人}，预计{预计完成日期}完成，有进展会第一时间告知您。"},
	{Topic: "result", Title: "处理结果答复", Body: "{联系人}您好，您于{接收时间}提出的“{需求标题}”已处理完毕，处理结果如下："},
	{Topic: "apology", Title: "延误致歉", Body: "{联系人}您好，很抱歉需求 {需求编号} 的处理比约定时间有所延误，给{客户名称}带来不便，我们已加派人手。"},
	{Topic: "closing", Title: "结束确认", Body: "请问以上答复是否解决了您的问题？还有其他需要我们协助的吗？感谢您对{公司名称}的支持。"},
	{Topic: "对接", Title: "系统对接咨询答复", Channel: "邮件", Body: "{联系人}您好，关于{客户名称}的系统对接，附件为接口规范与对接步骤，技术负责人{负责人}将与您约定联调时间。"},
}

// demoComm is the script library as the driver uses it.
type demoComm struct {
	rng  *rand.Rand
	revs map[string][]comm.Revision
	ids  []string
}

// scriptFor picks, for a customer-facing record written at t, a script
// revision: mostly the one in force, now and then an outdated one, some
// records none.
func (c *demoComm) scriptFor(t time.Time) request.ScriptUse {
	if c == nil || len(c.ids) == 0 {
		return request.ScriptUse{}
	}
	roll := c.rng.IntN(100)
	if roll < 8 {
		return request.ScriptUse{}
	}
	id := c.ids[c.rng.IntN(len(c.ids))]
	cur, ok := comm.CurrentAt(c.revs[id], t)
	if !ok || !cur.Active {
		return request.ScriptUse{}
	}
	rev := cur.Revision
	if roll < 12 && rev > 1 {
		rev-- // copied from an old printout
	}
	return request.ScriptUse{ScriptID: id, ScriptRevision: rev}
}

// withScript sets the script reference of a customer-facing body.
func (c *demoComm) withScript(body any, t time.Time) any {
	switch b := body.(type) {
	case request.Communication:
		b.ScriptUse = c.scriptFor(t)
		return b
	case request.ResultNote:
		b.ScriptUse = c.scriptFor(t)
		return b
	case request.Feedback:
		b.ScriptUse = c.scriptFor(t)
		return b
	case request.Progress:
		if b.Type == "update" {
			b.ScriptUse = c.scriptFor(t)
		}
		return b
	}
	return body
}

// fillScripts writes the library at start and the monthly reviews that
// revised it, and returns it for the driver.
func fillScripts(ctx context.Context, st *store.Store, clk *clock.Fixed, seed int64, start, now time.Time) (*demoComm, error) {
	cmds := command.New(st)
	as := audit.WithActor(ctx, qualityLead)
	clk.Set(start)
	c := &demoComm{rng: rand.New(rand.NewPCG(uint64(seed), 0xc0ff)), revs: map[string][]comm.Revision{}}
	var made []comm.Script
	for _, in := range demoScripts {
		in.Active = true
		s, err := command.Run(as, cmds, command.SaveScript{Input: in})
		if err != nil {
			return nil, fmt.Errorf("demo script %s: %w", in.Title, err)
		}
		made = append(made, s)
	}
	// Monthly reviews: the progress script gained a way to reach the
	// owner half a year ago, the greeting a promise two months ago.
	for _, rv := range []struct {
		idx    int
		months int
		body   string
		note   string
	}{
		{3, 6, "{联系人}您好，需求 {需求编号} 正在处理中，负责人为{负责人}，预计{预计完成日期}完成；如有疑问可直接回复本消息。", "月度复盘：客户反馈不知道找谁，补充联系方式"},
		{1, 2, "{联系人}您好！您的需求已登记，编号 {需求编号}，我们将在 2 小时内联系您。", "月度复盘：写明首次响应时限"},
	} {
		clk.Set(now.AddDate(0, -rv.months, 0))
		s := made[rv.idx]
		in := comm.ScriptInput{ID: s.ID, Version: s.Version, Channel: s.Channel, Topic: s.Topic, Title: s.Title, Body: rv.body, Active: true, Note: rv.note}
		out, err := command.Run(as, cmds, command.SaveScript{Input: in})
		if err != nil {
			return nil, fmt.Errorf("demo script review %s: %w", s.Title, err)
		}
		made[rv.idx] = out
	}
	for _, s := range made {
		revs, err := st.ScriptRevisions(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		c.revs[s.ID] = revs
		c.ids = append(c.ids, s.ID)
	}
	return c, nil
}

// fillChecks draws and scores the weekly checks of the last four full
// weeks: most records pass, a few fail and open 整改 items, of which the
// older are closed.
func fillChecks(ctx context.Context, st *store.Store, clk *clock.Fixed, c *demoComm, now time.Time) error {
	cmds := command.New(st)
	as := audit.WithActor(ctx, qualityLead)
	zone, err := st.Zone(ctx)
	if err != nil {
		return err
	}
	today := now.In(zone)
	monday := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, zone).AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	items, err := st.Checklist(ctx)
	if err != nil {
		return err
	}
	cfg, err := st.CheckConfig(ctx)
	if err != nil {
		return err
	}
	defer clk.Set(now)
	for w := 4; w >= 1; w-- {
		start := monday.AddDate(0, 0, -7*w)
		// Checked on the Monday after the week, scored the same day.
		clk.Set(start.AddDate(0, 0, 7).Add(10 * time.Hour))
		if clk.Now().After(now) {
			clk.Set(now)
		}
		chk, err := command.Run(as, cmds, command.DrawCheck{Week: comm.WeekKey(start)})
		if err != nil {
			if isNoRecords(err) {
				continue
			}
			return fmt.Errorf("demo check %s: %w", comm.WeekKey(start), err)
		}
		for i, it := range chk.Items {
			scores := map[string]int{}
			// The oldest week's first record fails (its 整改 closed since),
			// and so does the last week's (still open).
			fail := c.rng.IntN(100) < 12 || (i == 0 && (w == 4 || w == 1))
			for _, x := range items {
				if !x.Active {
					continue
				}
				s := x.MaxScore - c.rng.IntN(2)
				if fail && (c.rng.IntN(2) == 0 || x.ID == "chk-confirm") {
					s = c.rng.IntN(x.MaxScore / 2)
				}
				scores[x.ID] = s
			}
			in := command.ScoreCheckItem{ID: it.ID, Version: it.Version, Scores: scores}
			v, err := comm.Judge(items, scores, cfg.PassPercent)
			if err != nil {
				return err
			}
			if !v.Passed {
				in.Comment = "结束时未与客户确认问题是否解决，语气略显生硬"
				in.Rect = command.RectInput{Owner: it.Agent, Due: clk.Now().In(zone).AddDate(0, 0, 7).Format("2006-01-02"),
					Problem: "结束时未确认客户问题是否解决"}
			}
			out, err := command.Run(as, cmds, in)
			if err != nil {
				return fmt.Errorf("demo check score: %w", err)
			}
			if out.Rect != nil && w >= 2 {
				at := clk.Now()
				clk.Set(at.Add(72 * time.Hour))
				if _, err := command.Run(audit.WithActor(ctx, out.Rect.Owner), cmds, command.CloseRectification{ID: out.Rect.ID,
					Version: out.Rect.Version, ActionTaken: "已复习“结束确认”话术，并电话回访客户确认问题已解决"}); err != nil {
					return fmt.Errorf("demo 整改: %w", err)
				}
				clk.Set(at)
			}
		}
	}
	return nil
}

func isNoRecords(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Key == "check_no_records"
}
