package classify_test

import (
	"errors"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/classify"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

var std = []classify.Entry{
	{ID: "a", Type: "问题(报障)", Category: "产品类", Department: "技术支持部", Urgency: request.UrgencyImportant},
	{ID: "b", Type: "咨询", Category: "服务类", Department: "客服部", Urgency: request.UrgencyNormal},
}

func TestPropose(t *testing.T) {
	tests := []struct {
		name, typ string
		want      classify.Proposal
	}{
		{"OK", "问题(报障)", classify.Proposal{Found: true, Type: "问题(报障)", Category: "产品类", Department: "技术支持部", Urgency: request.UrgencyImportant}},
		{"OKTrimmed", " 咨询 ", classify.Proposal{Found: true, Type: "咨询", Category: "服务类", Department: "客服部", Urgency: request.UrgencyNormal}},
		{"NotInStandard", "其他", classify.Proposal{Type: "其他"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classify.Propose(std, tt.typ); got != tt.want {
				t.Fatalf("Propose = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	lists := vocab.Lists{
		Types:       []vocab.Item{{Label: "咨询"}, {Label: "问题(报障)"}, {Label: "建议"}},
		Categories:  []vocab.Item{{Label: "产品类"}, {Label: "服务类"}},
		Departments: []vocab.Item{{Label: "客服部"}, {Label: "技术支持部"}},
	}
	ok := classify.Input{Type: "建议", Category: "产品类", Department: "客服部", Urgency: request.UrgencyNormal}
	tests := []struct {
		name        string
		in          classify.Input
		field, want string
	}{
		{"OKNew", ok, "", ""},
		{"OKSameTypeSameLine", classify.Input{ID: "b", Type: "咨询", Category: "服务类", Department: "客服部", Urgency: request.UrgencyUrgent}, "", ""},
		{"ErrDuplicateType", classify.Input{Type: "咨询", Category: "服务类", Department: "客服部", Urgency: request.UrgencyNormal}, "type", "duplicate"},
		{"ErrUnknownDepartment", classify.Input{Type: "建议", Category: "产品类", Department: "外星部", Urgency: request.UrgencyNormal}, "department", "not_in_list"},
		{"ErrUrgency", classify.Input{Type: "建议", Category: "产品类", Department: "客服部", Urgency: "高"}, "urgency", "not_in_list"},
		{"ErrCategoryRequired", classify.Input{Type: "建议", Department: "客服部", Urgency: request.UrgencyNormal}, "category", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := classify.Check(tt.in, lists, std)
			var e *apperr.Error
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.As(err, &e) {
				t.Fatalf("err = %v", err)
			}
			for _, f := range e.Fields {
				if f.Field == tt.field && f.Key == tt.want {
					return
				}
			}
			t.Fatalf("fields = %+v, want %s %s", e.Fields, tt.field, tt.want)
		})
	}
}
