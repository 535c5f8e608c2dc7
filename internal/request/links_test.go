package request_test

import (
	"errors"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

func linkKey(err error) string {
	e, ok := apperr.As(err)
	if !ok {
		return ""
	}
	if len(e.Fields) > 0 {
		return e.Fields[0].Field + ":" + e.Fields[0].Key
	}
	return e.Key
}

func TestCheckLink(t *testing.T) {
	a := request.Request{ID: "a", Number: "XR-2024-001"}
	b := request.Request{ID: "b", Number: "XR-2024-002"}
	related := request.Link{ID: "l1", FromID: "b", ToID: "a", Kind: request.LinkRelated}
	follows := request.Link{ID: "l2", FromID: "b", ToID: "a", Kind: request.LinkFollows}
	tests := []struct {
		name     string
		to       *request.Request
		in       request.LinkInput
		existing []request.Link
		want     string
	}{
		{"OKRelated", &b, request.LinkInput{Kind: request.LinkRelated, To: "XR-2024-002", Note: " 同一系统 "}, nil, ""},
		{"OKFollows", &b, request.LinkInput{Kind: request.LinkFollows, To: "b"}, nil, ""},
		// b follows a; a related to b is another kind of link.
		{"OKOtherKind", &b, request.LinkInput{Kind: request.LinkRelated, To: "b"}, []request.Link{follows}, ""},
		{"ErrSelf", &a, request.LinkInput{Kind: request.LinkRelated, To: "a"}, nil, "to:link_self"},
		{"ErrNoTarget", nil, request.LinkInput{Kind: request.LinkRelated, To: "XR-1999-1"}, nil, "to:link_target_not_found"},
		{"ErrEmptyTarget", nil, request.LinkInput{Kind: request.LinkRelated, To: " "}, nil, "to:required"},
		{"ErrDuplicateByLink", &b, request.LinkInput{Kind: request.LinkDuplicate, To: "b"}, nil, "kind:link_duplicate_by_reject"},
		{"ErrUnknownKind", &b, request.LinkInput{Kind: "cousin", To: "b"}, nil, "kind:not_in_list"},
		// Related is one link both ways: b related a exists, a related b is the same.
		{"ErrRelatedBothWays", &b, request.LinkInput{Kind: request.LinkRelated, To: "b"}, []request.Link{related}, "to:link_exists"},
		{"ErrFollowsLoop", &b, request.LinkInput{Kind: request.LinkFollows, To: "b"}, []request.Link{follows}, "to:link_loop"},
		{"ErrTwice", &b, request.LinkInput{Kind: request.LinkFollows, To: "b"},
			[]request.Link{{FromID: "a", ToID: "b", Kind: request.LinkFollows}}, "to:link_exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := request.CheckLink(a, tt.to, tt.in, tt.existing)
			if got := linkKey(err); got != tt.want || (tt.want != "" && err == nil) {
				t.Fatalf("got %q (%v), want %q", got, err, tt.want)
			}
			if err == nil && out.Note != "" && out.Note != "同一系统" {
				t.Errorf("note %q not trimmed", out.Note)
			}
		})
	}
}

func TestCheckUnlink(t *testing.T) {
	if err := request.CheckUnlink(request.Link{Kind: request.LinkDuplicate}); linkKey(err) != "link_duplicate_kept" {
		t.Errorf("duplicate unlink: %v", err)
	}
	if err := request.CheckUnlink(request.Link{Kind: request.LinkFollows}); err != nil {
		t.Errorf("follows unlink: %v", err)
	}
}

// TestKeptRequest: closing as a duplicate of a request that is itself a
// duplicate points to the one kept; a chain back to the request itself is
// refused.
func TestKeptRequest(t *testing.T) {
	dup := map[string]string{"c": "b", "b": "a", "x": "self"}
	of := func(id string) (string, error) { return dup[id], nil }
	tests := []struct {
		name, named, want, err string
	}{
		{"OKKept", "a", "a", ""},
		{"OKOneHop", "b", "a", ""},
		{"OKTwoHops", "c", "a", ""},
		{"ErrOwnDuplicate", "x", "", "duplicateOf:duplicate_of_own_duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := request.KeptRequest("self", tt.named, of)
			if got != tt.want || linkKey(err) != tt.err {
				t.Fatalf("got %q %v, want %q %q", got, err, tt.want, tt.err)
			}
		})
	}
	boom := errors.New("boom")
	if _, err := request.KeptRequest("self", "a", func(string) (string, error) { return "", boom }); err != boom {
		t.Errorf("read error lost: %v", err)
	}
}

func TestDuplicateLink(t *testing.T) {
	closed := request.Request{ID: "d", Status: request.StatusRejected, State: request.State{DuplicateOf: "k"}}
	l, ok := request.DuplicateLink(closed, nil)
	if !ok || l.FromID != "d" || l.ToID != "k" || l.Kind != request.LinkDuplicate {
		t.Fatalf("got %+v %v", l, ok)
	}
	if _, ok := request.DuplicateLink(closed, []request.Link{l}); ok {
		t.Error("linked twice")
	}
	if _, ok := request.DuplicateLink(request.Request{ID: "d", Status: request.StatusRejected}, nil); ok {
		t.Error("a plain invalid close made a duplicate link")
	}
}

func TestFollowUpFields(t *testing.T) {
	at := time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC)
	orig := request.Request{Number: "XR-2024-001", Fields: request.Fields{CustomerID: "c1", ContactID: "k1",
		ContactName: "张伟", ContactInfo: "5678", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyUrgent}}
	f, err := request.FollowUpFields(orig, request.Feedback{NewNeeds: "希望增加报表导出\n最好支持 Excel"}, "李娜", at)
	if err != nil {
		t.Fatal(err)
	}
	if f.CustomerID != "c1" || f.ContactID != "k1" || f.ContactName != "张伟" || f.Title != "希望增加报表导出" ||
		f.Description != "希望增加报表导出\n最好支持 Excel" || f.ReceivedBy != "李娜" || !f.ReceivedAt.Equal(at) ||
		f.Urgency != request.UrgencyNormal {
		t.Fatalf("got %+v", f)
	}
	if _, err := request.FollowUpFields(orig, request.Feedback{NewNeeds: "  "}, "李娜", at); linkKey(err) != "newNeeds:follow_up_no_need" {
		t.Errorf("no need: %v", err)
	}
}
