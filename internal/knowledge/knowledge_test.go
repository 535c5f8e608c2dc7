package knowledge_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/reqdesk/reqdesk/internal/knowledge"
	"github.com/reqdesk/reqdesk/internal/request"
)

func TestRank(t *testing.T) {
	h := func(id, cust string) knowledge.Hit { return knowledge.Hit{RequestID: id, CustomerID: cust} }
	text := []knowledge.Hit{h("t1", "x"), h("t2", "c"), h("t3", "y")}
	cust := []knowledge.Hit{h("c1", "c"), h("t2", "c"), h("c2", "c"), h("c3", "c"), h("c4", "c")}
	got := knowledge.Rank(text, cust, "c", 5)
	var ids []string
	for _, m := range got {
		ids = append(ids, fmt.Sprintf("%s:%v%v", m.RequestID, m.TextMatch, m.SameCustomer))
	}
	if want := "[t2:truetrue t1:truefalse t3:truefalse c1:falsetrue c2:falsetrue]"; fmt.Sprint(ids) != want {
		t.Fatalf("Rank = %v, want %v", ids, want)
	}
	if got := knowledge.Rank(nil, nil, "", 5); len(got) != 0 {
		t.Fatalf("Rank of nothing = %v", got)
	}
}

func TestSolutionOf(t *testing.T) {
	rec := func(kind request.RecordKind, body any) request.Record {
		b, _ := json.Marshal(body)
		return request.Record{ID: string(kind), Kind: kind, Body: b}
	}
	t.Run("ShortPath", func(t *testing.T) {
		s := knowledge.SolutionOf([]request.Record{
			rec(request.KindResultNote, request.ResultNote{Process: "远程查看", Result: "提供接口文档 v2", Advice: "先测试环境联调"}),
			rec(request.KindFeedback, request.Feedback{Obtained: true, Solved: true, Overall: 5}),
			rec(request.KindRetrospective, request.Retrospective{Lessons: "文档应放在客户门户"}),
		})
		if s.Result != "提供接口文档 v2" || s.Process != "远程查看" || s.Solved == nil || !*s.Solved || s.Overall != 5 || s.Lessons != "文档应放在客户门户" {
			t.Fatalf("solution = %+v", s)
		}
	})
	t.Run("FullPathPlan", func(t *testing.T) {
		s := knowledge.SolutionOf([]request.Record{
			rec(request.KindPlan, request.Plan{Content: "旧方案", Superseded: true}),
			rec(request.KindPlan, request.Plan{Content: "定制对接模块", Deliverables: "接口程序"}),
		})
		if s.Result != "定制对接模块\n接口程序" || s.ResultNoted {
			t.Fatalf("solution = %+v", s)
		}
	})
	t.Run("DamagedRecordPassedOver", func(t *testing.T) {
		s := knowledge.SolutionOf([]request.Record{{Kind: request.KindResultNote, Body: []byte(`{"result": 5}`)}})
		if s.Result != "" {
			t.Fatalf("solution = %+v", s)
		}
	})
}
