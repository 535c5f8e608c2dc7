package sla_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/sla"
)

// TestFrontendClockKinds keeps the frontend's list of clock kinds
// (frontend/src/api/timelimits.ts, clockKinds) equal to Kinds, in order, so
// the time-limit screens name every kind.
func TestFrontendClockKinds(t *testing.T) {
	b, err := os.ReadFile("../../frontend/src/api/timelimits.ts")
	if err != nil {
		t.Skip("no frontend beside the module:", err)
	}
	src := string(b)
	start := strings.Index(src, "export const clockKinds")
	if start < 0 {
		t.Fatal("clockKinds not found in timelimits.ts")
	}
	list := src[start+strings.Index(src[start:], "= [")+3:]
	list = list[:strings.Index(list, "]")]
	var got []string
	for _, m := range regexp.MustCompile(`'([a-z_]+)'`).FindAllStringSubmatch(list, -1) {
		got = append(got, m[1])
	}
	var want []string
	for _, k := range sla.Kinds {
		want = append(want, string(k))
	}
	if !slices.Equal(got, want) {
		t.Errorf("frontend clockKinds = %v, want sla.Kinds %v", got, want)
	}
}
