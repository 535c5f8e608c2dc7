package pdf_test

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/pdf"
)

// unitWidth measures a wide character as 2 and anything else as 1, so a
// line of width 10 holds five Chinese characters or ten Latin letters.
func unitWidth(r rune) float64 {
	if r >= 0x2E80 {
		return 2
	}
	return 1
}

func lineWidth(s string) float64 {
	w := 0.0
	for _, r := range strings.TrimRight(s, " ") {
		w += unitWidth(r)
	}
	return w
}

func TestBreakerLines(t *testing.T) {
	br := pdf.Breaker{Width: unitWidth}
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"CJKBreaksAnywhere", "一二三四五六七八", 10, []string{"一二三四五", "六七八"}},
		{"CommaNotAtLineStart", "一二三四五，六七", 10, []string{"一二三四", "五，六七"}},
		{"FullStopNotAtLineStart", "一二三四五。", 10, []string{"一二三四", "五。"}},
		{"PauseMarkNotAtLineStart", "一二三四五、六", 10, []string{"一二三四", "五、六"}},
		{"ClosingBracketsNotAtLineStart", "一二三《四五》）", 10, []string{"一二三《四", "五》）"}},
		{"ClosingQuoteNotAtLineStart", "一二三“四五”", 10, []string{"一二三“四", "五”"}},
		{"ColonSemicolonQuestionExclamation", "一二三四五：六七八九十；甲乙丙丁戊？己庚辛壬癸！", 10,
			[]string{"一二三四", "五：六七八", "九十；甲乙", "丙丁戊？己", "庚辛壬癸！"}},
		{"OpeningBracketNotAtLineEnd", "一二三四（五六）", 10, []string{"一二三四", "（五六）"}},
		{"OpeningTitleMarkNotAtLineEnd", "一二三四《五》", 10, []string{"一二三四", "《五》"}},
		{"OpeningQuoteNotAtLineEnd", "一二三四“五”", 10, []string{"一二三四", "“五”"}},
		{"CornerBracketsBothEnds", "一二三四「五」『六』", 10, []string{"一二三四", "「五」", "『六』"}},
		{"LatinWordKeptWhole", "需求ReqDesk系统", 10, []string{"需求", "ReqDesk系", "统"}},
		{"NoLineStartAfterOverlongWord", "abcdefghi，一", 10, []string{"abcdefgh", "i，一"}},
		{"MarksGlueInChains", "一二三四五。”）六", 10, []string{"一二三四", "五。”）六"}},
		{"OpeningChainGluesForward", "一二三四“《五》”", 10, []string{"一二三四", "“《五》”"}},
		{"LatinWordsBreakAtSpaces", "hello brave new world", 12, []string{"hello brave ", "new world"}},
		{"NumberKeptWhole", "交付及时率为86.5%", 12, []string{"交付及时率为", "86.5%"}},
		{"TooLongWordSplitByRunes", "https://example.com/x", 10, []string{"https://ex", "ample.com/", "x"}},
		{"EllipsisStaysTogether", "一二三四……", 9, []string{"一二三", "四……"}},
		{"DashStaysTogether", "一二三四——五", 9, []string{"一二三四", "——五"}},
		{"HardBreaks", "一二\n\n三四", 10, []string{"一二", "", "三四"}},
		{"Empty", "", 10, []string{""}},
		{"TrailingSpaceTakesNoRoom", "abcd efgh", 4, []string{"abcd ", "efgh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := br.Lines(tt.text, tt.width)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("Lines(%q, %v)\n got %q\nwant %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// TestBreakerRules checks on random mixed text that no rune is lost or
// doubled, no line is too wide unless a single unbreakable rune forces it,
// and the 避头尾 rules hold wherever a line could have been broken otherwise.
func TestBreakerRules(t *testing.T) {
	br := pdf.Breaker{Width: unitWidth}
	pieces := []string{"需", "求", "分", "析", "确", "认", "函", "，", "。", "、", "；", "：", "？", "！", "（", "）",
		"《", "》", "「", "」", "“", "”", "ERP", "API", "2024", "99.9%", " ", "v1.0", "客户", "——", "……"}
	rng := rand.New(rand.NewSource(7))
	for i := range 2000 {
		var b strings.Builder
		for range 5 + rng.Intn(60) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		width := float64(6 + rng.Intn(64))
		lines := br.Lines(text, width)
		if got := strings.Join(lines, ""); got != text {
			t.Fatalf("case %d: lines %q do not give back %q", i, lines, text)
		}
		if width < 40 {
			// Narrow columns may meet runs of glued marks wider than a
			// line, which must be split by runes; check the rules where
			// a run that long is practically impossible.
			continue
		}
		for j, l := range lines {
			if lineWidth(l) > width && utf8.RuneCountInString(strings.TrimRight(l, " ")) > 1 && !forced(l, width) {
				t.Fatalf("case %d: line %q wider than %v in %q", i, l, width, lines)
			}
			if j == 0 || l == "" {
				continue
			}
			first, _ := utf8.DecodeRuneInString(l)
			prev := strings.TrimRight(lines[j-1], " ")
			last, _ := utf8.DecodeLastRuneInString(prev)
			if strings.ContainsRune("，。、；：？！）》」』”", first) && !forced(lines[j-1]+l, width) {
				t.Fatalf("case %d: line %d starts with %q: %q", i, j, first, lines)
			}
			if strings.ContainsRune("（《「『“", last) && !strings.HasSuffix(lines[j-1], " ") && !forced(lines[j-1]+l, width) {
				t.Fatalf("case %d: line %d ends with %q: %q", i, j-1, last, lines)
			}
		}
	}
}

// forced reports whether s holds a run of glued marks or a word wider than
// width, which the breaker may only split by runes.
func forced(s string, width float64) bool {
	w := 0.0
	for _, r := range s {
		if r == ' ' || (r >= 0x4E00 && r <= 0x9FFF) {
			w = 0
			continue
		}
		w += unitWidth(r)
		if w > width/2 {
			return true
		}
	}
	return false
}
