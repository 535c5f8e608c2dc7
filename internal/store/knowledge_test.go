package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/classify"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/knowledge"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// archivedConsultation takes a consultation of 华信科技 along the short path
// to the archive, with its result note: a piece of the team's knowledge.
func archivedConsultation(t *testing.T) *flow {
	t.Helper()
	f := newFlow(t, "技术咨询")
	f.move(request.Move{Action: request.ActTriage, Department: "客服部"})
	f.move(request.Move{Action: request.ActAssign, Owner: "李娜"})
	f.move(request.Move{Action: request.ActStart})
	f.add(request.KindResultNote, "", request.ResultNote{Process: "整理接口文档", Result: "已提供对接方案与接口文档"})
	f.move(request.Move{Action: request.ActGiveResult})
	f.move(request.Move{Action: request.ActSendResult, Comment: "邮件发送"})
	f.add(request.KindFeedback, "", request.Feedback{Obtained: true, Solved: true, Timeliness: 5, Effectiveness: 5, Attitude: 5, Overall: 5, Method: "phone", On: "2024-03-15"})
	f.move(request.Move{Action: request.ActArchive})
	return f
}

func TestKnowledge(t *testing.T) {
	ctx := context.Background()
	f := archivedConsultation(t)
	other := mustCustomer(t, f.s, "远航物流有限公司")
	open := fields(other, "仓储系统对接")
	open.Description = "还在处理中的对接需求"
	openReq := mustRequest(t, f.s, open)

	ids := func(ms []knowledge.Match) []string {
		out := []string{}
		for _, m := range ms {
			out = append(out, m.Number)
		}
		return out
	}
	t.Run("OKTwoCharacterWord", func(t *testing.T) {
		got, err := f.s.SimilarRequests(ctx, knowledge.Query{Text: "对接", ExcludeID: openReq.ID})
		if err != nil || len(got) != 1 || got[0].RequestID != f.req.ID || !got[0].TextMatch || got[0].SameCustomer {
			t.Fatalf("similar = %v %+v, %v", ids(got), got, err)
		}
		if s := got[0].Solution; s.Result != "已提供对接方案与接口文档" || s.Solved == nil || !*s.Solved || s.Overall != 5 {
			t.Fatalf("solution = %+v", s)
		}
	})
	t.Run("OKSimilarTitle", func(t *testing.T) {
		got, err := f.s.SimilarRequests(ctx, knowledge.Query{Text: "生产排程模块怎么定制"})
		if err != nil || len(got) != 1 || got[0].RequestID != f.req.ID {
			t.Fatalf("similar = %v, %v", ids(got), err)
		}
	})
	t.Run("OKSameCustomer", func(t *testing.T) {
		got, err := f.s.SimilarRequests(ctx, knowledge.Query{CustomerID: f.req.Fields.CustomerID, Text: "打印机卡纸"})
		if err != nil || len(got) != 1 || got[0].RequestID != f.req.ID || !got[0].SameCustomer || got[0].TextMatch {
			t.Fatalf("similar = %+v, %v", got, err)
		}
	})
	t.Run("OKItselfLeftOut", func(t *testing.T) {
		got, err := f.s.SimilarRequests(ctx, knowledge.Query{CustomerID: f.req.Fields.CustomerID, Text: "对接", ExcludeID: f.req.ID})
		if err != nil || len(got) != 0 {
			t.Fatalf("similar = %v, %v", ids(got), err)
		}
	})
	t.Run("OKNothingSearchable", func(t *testing.T) {
		got, err := f.s.SimilarRequests(ctx, knowledge.Query{Text: "！？"})
		if err != nil || got == nil || len(got) != 0 {
			t.Fatalf("similar = %v, %v", got, err)
		}
	})
	t.Run("OKSearchPage", func(t *testing.T) {
		got, err := f.s.SearchKnowledge(ctx, "对接")
		if err != nil || len(got) != 1 || got[0].RequestID != f.req.ID {
			t.Fatalf("knowledge = %v, %v", ids(got), err)
		}
		if got, err := f.s.SearchKnowledge(ctx, "仓储"); err != nil || len(got) != 0 {
			t.Fatalf("an open request is not knowledge yet: %v, %v", ids(got), err)
		}
		if got, err := f.s.SearchKnowledge(ctx, ""); err != nil || len(got) != 1 {
			t.Fatalf("latest archived = %v, %v", ids(got), err)
		}
	})
}

func TestClassificationStandard(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	std, err := s.Classification(ctx)
	if err != nil || len(std) != 13 {
		t.Fatalf("seeded standard = %d lines, %v", len(std), err)
	}
	if p := classify.Propose(std, "问题(报障)"); !p.Found || p.Category != "产品类" || p.Department != "技术支持部" || p.Urgency != request.UrgencyImportant {
		t.Fatalf("proposal = %+v", p)
	}
	line := std[1]
	saved, err := command.Run(ctx, command.New(s), command.SaveClassification{Line: classify.Input{ID: line.ID, Version: line.Version,
		Type: line.Type, Category: "服务类", Department: "客服部", Urgency: request.UrgencyUrgent, Examples: "系统宕机"}})
	if err != nil || saved.Version != line.Version+1 {
		t.Fatalf("save = %+v, %v", saved, err)
	}
	std, _ = s.Classification(ctx)
	if p := classify.Propose(std, "问题(报障)"); p.Department != "客服部" || p.Urgency != request.UrgencyUrgent {
		t.Fatalf("proposal after the edit = %+v", p)
	}
	t.Run("ErrStale", func(t *testing.T) {
		_, err := command.Run(ctx, command.New(s), command.SaveClassification{Line: classify.Input{ID: line.ID, Version: line.Version,
			Type: line.Type, Category: "服务类", Department: "客服部", Urgency: request.UrgencyNormal}})
		if err == nil {
			t.Fatal("a stale edit was saved")
		}
	})
	t.Run("ErrDuplicateWritesNothing", func(t *testing.T) {
		_, err := command.Run(ctx, command.New(s), command.SaveClassification{Line: classify.Input{
			Type: "咨询", Category: "服务类", Department: "客服部", Urgency: request.UrgencyNormal}})
		if got := fieldKeys(err)["type"]; got != "duplicate" {
			t.Fatalf("err = %v", err)
		}
		if after, _ := s.Classification(ctx); len(after) != 13 {
			t.Fatalf("%d lines", len(after))
		}
	})
	t.Run("OKDelete", func(t *testing.T) {
		last := std[len(std)-1]
		if _, err := command.Run(ctx, command.New(s), command.DeleteClassification{ID: last.ID, Version: last.Version}); err != nil {
			t.Fatal(err)
		}
		if after, _ := s.Classification(ctx); len(after) != 12 {
			t.Fatalf("%d lines after delete", len(after))
		}
	})
}

func TestRequestAttachments(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "技术咨询")
	png := inkPNG(t, false)
	add := func(name string, data []byte) (attachment.Attachment, error) {
		return command.Run(ctx, command.New(f.s), command.AddRequestAttachment{RequestID: f.req.ID, File: attachment.Input{FileName: name, Bytes: data}})
	}
	a, err := add("报错截图.png", png)
	if err != nil || a.Kind != attachment.KindImage || a.SHA256 != sum(png) || a.AddedBy != "李娜" {
		t.Fatalf("attachment = %+v, %v", a, err)
	}
	b, err := add("同一张.png", png)
	if err != nil || b.ID == a.ID || b.SHA256 != a.SHA256 {
		t.Fatalf("second = %+v, %v", b, err)
	}
	attDir := store.AttachmentDir(f.s.Path())
	if got := files(t, attDir); len(got) != 1 {
		t.Fatalf("attachment folder = %v, want one file for equal content", got)
	}
	if _, data, err := f.s.RequestAttachment(ctx, a.ID); err != nil || string(data) != string(png) {
		t.Fatalf("read back %d bytes, %v", len(data), err)
	}
	t.Run("ErrRenamedExeWritesNothing", func(t *testing.T) {
		before := count(t, f.s.Path(), "request_attachments")
		_, err := add("截图.png", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"))
		if got := fieldKeys(err)["bytes"]; got != "attachment_executable" {
			t.Fatalf("err = %v", err)
		}
		if got := count(t, f.s.Path(), "request_attachments"); got != before {
			t.Fatalf("%d rows, want %d", got, before)
		}
		if got := files(t, attDir); len(got) != 1 {
			t.Fatalf("attachment folder = %v", got)
		}
	})
	t.Run("OKRemoveAudited", func(t *testing.T) {
		if _, err := command.Run(ctx, command.New(f.s), command.RemoveRequestAttachment{ID: b.ID, Version: b.Version}); err != nil {
			t.Fatal(err)
		}
		list, _ := f.s.RequestAttachments(ctx, f.req.ID)
		if len(list) != 1 || list[0].ID != a.ID {
			t.Fatalf("list = %+v", list)
		}
		hist, _ := f.s.History(ctx, f.req.ID)
		var adds, removes int
		for _, e := range hist {
			if e.Entity == audit.EntityAttachment {
				switch e.Action {
				case audit.ActionCreate:
					adds++
				case audit.ActionDelete:
					removes++
				}
			}
		}
		if adds != 2 || removes != 1 {
			t.Fatalf("history: %d adds, %d removes", adds, removes)
		}
		if _, err := os.Stat(filepath.Join(attDir, a.SHA256[:2], a.SHA256)); err != nil {
			t.Fatalf("the shared file is gone: %v", err)
		}
	})
	t.Run("OKSnapshotCarriesThem", func(t *testing.T) {
		snap := filepath.Join(t.TempDir(), "reqdesk.db")
		if err := f.s.Snapshot(ctx, snap); err != nil {
			t.Fatal(err)
		}
		d, err := store.Describe(ctx, snap)
		if err != nil || d.Attachments != 1 || d.MissingAttachments != 0 {
			t.Fatalf("summary = %+v, %v", d, err)
		}
		if got := count(t, snap, "attachment_blobs"); got != 1 {
			t.Fatalf("snapshot holds %d files", got)
		}
	})
}
