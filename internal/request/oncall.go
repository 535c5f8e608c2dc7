package request

import (
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// OnCall is the form of 当场解决: a consultation answered during the call,
// registered and closed on the short path at once (manual 001: register →
// classify → assign → handle → 《处理结果说明》 → feedback and confirmation
// → archive). Besides the request's fields it holds what the short path
// records: the department it is classified to, how it was answered and
// the result, and the customer's reaction (the satisfaction scores, solved
// or not, new needs).
type OnCall struct {
	Department    string `json:"department"`
	Process       string `json:"process"` // how it was handled (the steps)
	Result        string `json:"result"`  // the answer given
	Advice        string `json:"advice"`
	Timeliness    int    `json:"timeliness"`
	Effectiveness int    `json:"effectiveness"`
	Attitude      int    `json:"attitude"`
	Overall       int    `json:"overall"`
	Solved        bool   `json:"solved"`
	NewNeeds      string `json:"newNeeds"`
	Comments      string `json:"comments"`
}

// OnCallSteps are the steps 当场解决 takes after registering, in order;
// the result note is written before ActGiveResult and the feedback before
// ActArchive (OnCallRecords).
var OnCallSteps = []Action{ActTriage, ActAssign, ActStart, ActGiveResult, ActSendResult, ActArchive}

// OnCallRecords are the stage records 当场解决 keeps, made from the form:
// the call itself (a communication record, the first response), the result
// note and the customer's feedback taken on the call.
type OnCallRecords struct {
	Call     Communication
	Result   ResultNote
	Feedback Feedback
}

// PlanOnCall decides whether a consultation can be closed on the spot and
// makes its records: the department is required, and a customer who says
// the problem is not solved cannot have it closed (it is registered and
// handled as usual instead). The records' own rules (scores 1–5, the
// result required) are checked when they are saved. actor handles it and
// now is when it was answered, dated in zone.
func PlanOnCall(f Fields, o OnCall, actor string, now time.Time, zone *time.Location) (OnCallRecords, error) {
	var fe apperr.Fields
	fe.RequiredLine("department", strings.TrimSpace(o.Department), MaxShort)
	fe.Required("result", strings.TrimSpace(o.Result), MaxLong)
	if !o.Solved {
		fe.Add("solved", "on_call_unsolved")
	}
	if err := fe.Err(); err != nil {
		return OnCallRecords{}, err
	}
	if zone == nil {
		zone = time.Local
	}
	day := now.In(zone).Format("2006-01-02")
	method := "other"
	switch f.Channel {
	case "电话":
		method = "phone"
	case "来访/面谈":
		method = "onsite"
	}
	return OnCallRecords{
		Call: Communication{At: now, Channel: f.Channel, With: f.ContactName,
			Summary: cut(strings.TrimSpace(o.Result), MaxText), NextStep: "当场解决，已结案"},
		Result: ResultNote{Process: o.Process, Result: o.Result, Advice: o.Advice, Handler: actor, ResultOn: day},
		Feedback: Feedback{Obtained: true, Timeliness: o.Timeliness, Effectiveness: o.Effectiveness,
			Attitude: o.Attitude, Overall: o.Overall, Solved: true, NewNeeds: o.NewNeeds, Comments: o.Comments,
			Method: method, On: day},
	}, nil
}

// cut keeps the first max characters of s.
func cut(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max])
	}
	return s
}
