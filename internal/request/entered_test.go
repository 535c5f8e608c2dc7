package request_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

var (
	receivedAt = time.Date(2024, 3, 18, 10, 0, 0, 0, time.Local)
	nowAt      = time.Date(2024, 3, 20, 10, 0, 0, 0, time.Local)
	span       = request.EnteredSpan(receivedAt, nowAt)
	staff      = request.Staff{
		"陈静": {Department: "技术支持部", Roles: []request.Role{request.RoleReviewer}, Active: true},
		"赵磊": {Department: "技术支持部", Roles: []request.Role{request.RoleOwner}, Active: true},
		"周敏": {Department: "财务部", Roles: []request.Role{request.RoleReviewer}, Active: true},
		"刘洋": {Department: "技术支持部", Roles: []request.Role{request.RoleReviewer}, Active: false},
	}
)

// fieldKey returns the key err gives field, "" when it names none.
func fieldKey(err error, field string) string {
	e, ok := apperr.As(err)
	if !ok {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

func TestRecordDates(t *testing.T) {
	rc := request.RecordCheck{Span: span, Staff: staff, Actor: "陈静"}
	tests := []struct {
		name  string
		kind  request.RecordKind
		body  any
		field string
		want  string
	}{
		{"OKCommunicationNow", request.KindCommunication, request.Communication{At: nowAt.Add(4 * time.Minute), Summary: "回电"}, "at", ""},
		{"OKCommunicationAtReceipt", request.KindCommunication, request.Communication{At: receivedAt, Summary: "回电"}, "at", ""},
		{"ErrCommunicationTomorrow", request.KindCommunication, request.Communication{At: nowAt.Add(24 * time.Hour), Summary: "回电"}, "at", "in_future"},
		{"ErrCommunication2099", request.KindCommunication, request.Communication{At: nowAt.AddDate(75, 0, 0), Summary: "回电"}, "at", "in_future"},
		{"ErrCommunicationBeforeReceipt", request.KindCommunication, request.Communication{At: receivedAt.Add(-time.Hour), Summary: "回电"}, "at", "before_receipt"},
		{"OKProgressToday", request.KindProgress, request.Progress{Type: "update", On: "2024-03-20", Summary: "进展"}, "on", ""},
		{"ErrProgressTomorrow", request.KindProgress, request.Progress{Type: "update", On: "2024-03-21", Summary: "进展"}, "on", "in_future"},
		{"ErrFeedbackBeforeReceipt", request.KindFeedback, request.Feedback{Reason: "未接", On: "2024-03-17"}, "on", "before_receipt"},
		{"OKTaskDueLater", request.KindTask, request.Task{Title: "开发", Owner: "赵磊", Due: "2024-06-30"}, "due", ""},
		{"ErrTaskDueYear1", request.KindTask, request.Task{Title: "开发", Owner: "赵磊", Due: "0001-01-02"}, "due", "date_out_of_range"},
		{"ErrMilestoneBeforeReceipt", request.KindSubRequirement, request.SubRequirement{Title: "设计", Milestone: "2024-03-01"}, "milestone", "before_receipt"},
		{"ErrNewlineInWith", request.KindCommunication, request.Communication{At: nowAt, With: "张\n伟", Summary: "回电"}, "with", "single_line"},
		{"OKNewlineInSummary", request.KindCommunication, request.Communication{At: nowAt, Summary: "第一行\n\t第二行"}, "summary", ""},
		{"ErrReplacementChar", request.KindCommunication, request.Communication{At: nowAt, Summary: "回电\ufffd"}, "summary", "invalid_text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, _ := json.Marshal(tt.body)
			_, _, err := request.DecodeBody(tt.kind, raw, rc)
			if got := fieldKey(err, tt.field); got != tt.want {
				t.Fatalf("%s = %q, want %q (%v)", tt.field, got, tt.want, err)
			}
		})
	}
}

func TestReviewers(t *testing.T) {
	tests := []struct {
		name   string
		review request.Review
		actor  string
		field  string
		want   string
	}{
		{"OK", request.Review{Department: "技术支持部", Reviewer: "陈静"}, "陈静", "reviewer", ""},
		{"OKOnBehalf", request.Review{Department: "技术支持部", Reviewer: "陈静", OnBehalf: true}, "王强", "onBehalf", ""},
		{"ErrOtherDepartment", request.Review{Department: "技术支持部", Reviewer: "周敏"}, "周敏", "reviewer", "not_of_department"},
		{"ErrNotReviewer", request.Review{Department: "技术支持部", Reviewer: "赵磊"}, "赵磊", "reviewer", "not_reviewer"},
		{"ErrUnknown", request.Review{Department: "技术支持部", Reviewer: "路人甲"}, "路人甲", "reviewer", "not_a_person"},
		{"ErrRetired", request.Review{Department: "技术支持部", Reviewer: "刘洋"}, "刘洋", "reviewer", "person_inactive"},
		{"ErrForSomeoneElse", request.Review{Department: "技术支持部", Reviewer: "陈静"}, "王强", "onBehalf", "on_behalf_required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe apperr.Fields
			staff.CheckReview(&fe, tt.review, tt.actor)
			if got := fieldKey(fe.Err(), tt.field); got != tt.want {
				t.Fatalf("%s = %q, want %q (%v)", tt.field, got, tt.want, fe.Err())
			}
		})
	}
}

func TestMoveCheck(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.ParseInLocation("2006-01-02", s, time.Local)
		return d
	}
	tests := []struct {
		name  string
		move  request.Move
		field string
		want  string
	}{
		{"OKHold", request.Move{Action: request.ActHold, Reason: "缺少硬件\n下月再议", FollowUp: day("2024-04-01")}, "followUp", ""},
		{"OKFollowUpToday", request.Move{Action: request.ActHold, Reason: "r", FollowUp: day("2024-03-20")}, "followUp", ""},
		{"ErrFollowUpYear1", request.Move{Action: request.ActHold, Reason: "r", FollowUp: day("0001-01-02")}, "followUp", "date_out_of_range"},
		{"ErrFollowUpPast", request.Move{Action: request.ActHold, Reason: "r", FollowUp: day("2024-03-19")}, "followUp", "in_past"},
		{"ErrFollowUp2199", request.Move{Action: request.ActHold, Reason: "r", FollowUp: day("2199-01-01")}, "followUp", "date_out_of_range"},
		{"ErrNulInComment", request.Move{Action: request.ActRevisePlan, Comment: "a\x00"}, "comment", "control_chars"},
		{"ErrReplacementCharInReason", request.Move{Action: request.ActCancel, Reason: "\ufffd"}, "reason", "invalid_text"},
		{"OKOwner", request.Move{Action: request.ActAssign, Owner: "赵磊"}, "owner", ""},
		{"ErrOwnerUnknown", request.Move{Action: request.ActAssign, Owner: "路人甲"}, "owner", "not_a_person"},
		{"OKOwnerKept", request.Move{Action: request.ActAssign, Owner: "李*"}, "owner", ""},
		{"ErrOwnerRetired", request.Move{Action: request.ActAssign, Owner: "刘洋"}, "owner", "person_inactive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.move.Check(span, staff, "李*")
			if got := fieldKey(err, tt.field); got != tt.want {
				t.Fatalf("%s = %q, want %q (%v)", tt.field, got, tt.want, err)
			}
		})
	}
}
