package vocab_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/vocab"
)

func TestMatch(t *testing.T) {
	lists := vocab.Lists{Channels: []vocab.Item{
		{Label: "来访/面谈", Active: true}, {Label: "电话", Active: true}, {Label: "市场调研/问卷", Active: true},
		{Label: "在线客服/电话回访", Active: false}, {Label: "问题（报障）", Active: true},
	}}
	tests := []struct {
		name, text, want string
		ok               bool
	}{
		{"Same", "电话", "电话", true},
		{"FullWidthAndSpaces", "问题(报障) ", "问题（报障）", true},
		{"OnePartOfALabel", "来访", "来访/面谈", true},
		{"OtherPart", "问卷", "市场调研/问卷", true},
		{"FullWidthSlash", "来访／面谈", "来访/面谈", true},
		{"PartOfTwoLabels", "电话回访", "在线客服/电话回访", true},
		{"NotAPart", "来", "", false},
		{"Unknown", "传真", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := lists.Match(vocab.KindChannel, tt.text)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("Match(%q) = %q, %v, want %q, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
	t.Run("AmbiguousPart", func(t *testing.T) {
		l := vocab.Lists{Channels: []vocab.Item{{Label: "来访/面谈"}, {Label: "来访/电话"}}}
		if got, _, ok := l.Match(vocab.KindChannel, "来访"); ok {
			t.Fatalf("Match(来访) = %q among two labels that have it, want none", got)
		}
	})
}
