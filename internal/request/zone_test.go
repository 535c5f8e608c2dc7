package request_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// TestSpanZone: the days of what is entered are told in the company's zone
// the span is given, not the laptop's.
func TestSpanZone(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = old })
	received := time.Date(2024, 3, 14, 1, 0, 0, 0, time.UTC)
	now := time.Date(2024, 3, 15, 17, 0, 0, 0, time.UTC) // the 16th in Shanghai
	// 23:00 on the 15th in Shanghai: yesterday there, today in UTC.
	followUp := time.Date(2024, 3, 15, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		zone *time.Location
		want string
	}{
		{"Laptop", nil, ""},
		{"Company", shanghai, "in_past"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			span := request.EnteredSpan(received, now).In(tt.zone)
			err := request.Move{Action: request.ActHold, Reason: "等客户", FollowUp: followUp}.Check(span, request.Staff{}, "")
			got := ""
			if err != nil {
				got = fieldKey(err, "followUp")
			}
			if got != tt.want {
				t.Fatalf("followUp error = %q, want %q", got, tt.want)
			}
		})
	}
}
