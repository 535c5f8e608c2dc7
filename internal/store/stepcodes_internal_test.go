package store

import (
	"maps"
	"testing"
)

// TestStepCodes: the codes are the ones released (steps carry them), one
// for each word, and a word without one, or a code, is kept as it is.
func TestStepCodes(t *testing.T) {
	released := map[string]string{"registered": "A", "triaged": "B", "assigned": "C", "analysis": "D",
		"analysis_confirm": "E", "plan_drafting": "F", "plan_review": "G", "plan_approval": "H", "plan_confirm": "I",
		"implementation": "J", "acceptance": "K", "handling": "L", "result_given": "M", "feedback": "N", "archived": "O",
		"on_hold": "P", "rejected": "Q", "cancelled": "R", "triage": "a", "assign": "b", "start": "c",
		"ask_analysis_ok": "d", "analysis_ok": "e", "analysis_changes": "f", "submit_review": "g", "revise_plan": "h",
		"ask_approval": "i", "approve": "j", "decline": "k", "plan_ok": "l", "plan_changes": "m", "deliver": "n",
		"accept": "o", "give_result": "p", "send_result": "q", "reopen": "r", "archive": "s", "hold": "t", "resume": "u",
		"reject": "v", "cancel": "w", "return_to_triage": "x", "switch_full_path": "y", "restore": "z", "import": "0"}
	if !maps.Equal(released, stepCodes) {
		t.Errorf("step codes %v, released %v", stepCodes, released)
	}
	if len(stepWords) != len(stepCodes) {
		t.Errorf("%d codes for %d words", len(stepWords), len(stepCodes))
	}
	for w, c := range stepCodes {
		if len(w) < 2 || stepWord(stepCode(w)) != w || stepCode(c) != c {
			t.Errorf("%s (%s) does not read back", w, c)
		}
	}
	for _, w := range []string{"", "escalate_later", "x1"} {
		if stepCode(w) != w || stepWord(w) != w {
			t.Errorf("%q is not kept as it is", w)
		}
	}
}
