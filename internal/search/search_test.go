package search_test

import (
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/search"
)

func TestIndex(t *testing.T) {
	tests := []struct {
		name   string
		texts  []string
		wantBi string
		wantUn string
	}{
		{"Chinese", []string{"系统对接"}, "系统 统对 对接 ǂ ", "接 "},
		{"Mixed", []string{"ERP系统 v2"}, "erp 系统 v2 ǂ ", "统 "},
		{"FullWidth", []string{"ＥＲＰ１２"}, "erp12 ǂ ", ""},
		{"LoneChar", []string{"的"}, "的 ǂ ", "的 "},
		{"Number", []string{"XR-2024-001"}, "xr 2024 001 ǂ ", ""},
		{"TwoTexts", []string{"合同", "续签"}, "合同 ǂ 续签 ǂ ", "同 签 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := search.Index(tt.texts...)
			if got.Bigrams != tt.wantBi || got.Unigrams != tt.wantUn {
				t.Fatalf("Index(%q) = %q / %q, want %q / %q", tt.texts, got.Bigrams, got.Unigrams, tt.wantBi, tt.wantUn)
			}
		})
	}
}

// TestJoin: a Doc cut in two parts and joined is the Doc cut at once, with
// texts that end and begin in the middle of a run.
func TestJoin(t *testing.T) {
	texts := []string{"XQ-2024-0001", "对接ERP系统", "北京华信", "", "张三 138-0013-8000", "a", "中"}
	for i := range texts {
		want := search.Index(texts...)
		if got := search.Join(search.Index(texts[:i]...), search.Index(texts[i:]...)); got != want {
			t.Fatalf("cut at %d: %+v, want %+v", i, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name, query, want string
	}{
		{"TwoChars", "对接", `bi:"对接"`},
		{"FourChars", "系统对接", `bi:"系统 统对 对接"`},
		{"OneChar", "签", `(bi:"签"* OR uni:"签")`},
		{"OneCharAndWord", "签 合同", `(bi:"签"* OR uni:"签") AND bi:"合同"`},
		{"Latin", "ERP", `bi:"erp"*`},
		{"Mixed", "ERP 对接", `bi:"erp"* AND bi:"对接"`},
		{"Punctuation", `"对接"`, `bi:"对接"`},
		{"QuotesCannotEscape", `a" OR b`, `bi:"a"* AND bi:"or"* AND bi:"b"*`},
		{"Empty", " ，。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := search.Match(tt.query); got != tt.want {
				t.Fatalf("Match(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestPhoneDigits(t *testing.T) {
	for in, want := range map[string]string{
		"138-0013-8000":       "13800138000",
		"0571-88886666 转 123": "057188886666123",
		"（０１０）１２３４ ５６７８":      "01012345678",
		"13800138000":         "",
		"zhang@example.com":   "",
		"5678":                "",
	} {
		if got := search.PhoneDigits(in); got != want {
			t.Errorf("PhoneDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("甲乙丙丁", 20) + "发票打印时表头错位" + strings.Repeat("戊己庚辛", 20)
	tests := []struct {
		name, text, query string
		want              string // hits in [brackets]
	}{
		{"Short", "发票打印时表头错位", "表头", "发票打印时[表头]错位"},
		{"Deep", long, "错位", "…丁发票打印时表头[错位]戊己庚辛戊己庚辛戊己庚辛戊己庚辛戊己庚辛戊己…"},
		{"NearTheEnd", strings.Repeat("甲乙丙丁", 20) + "表头错位", "错位", "…丙丁甲乙丙丁表头[错位]"},
		{"TwoRuns", "打印时表头错位", "打印 错位", "[打印]时表头[错位]"},
		{"FoldsWidthAndCase", "ＥＲＰ系统升级", "erp", "[ＥＲＰ]系统升级"},
		{"Nothing", "发票打印", "合同", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for _, p := range search.Snippet(tt.text, tt.query, 32) {
				if p.Hit {
					b.WriteString("[" + p.Text + "]")
				} else {
					b.WriteString(p.Text)
				}
			}
			if got := b.String(); got != tt.want {
				t.Fatalf("Snippet = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSimilar(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"TwoCharacters", "对接", `bi:"对接"`},
		{"Bigrams", "系统对接", `bi:"系统" OR bi:"统对" OR bi:"对接"`},
		{"RepeatedOnce", "对接对接", `bi:"对接" OR bi:"接对"`},
		{"SingleAndLatin", "网 ERP", `(bi:"网"* OR uni:"网") OR bi:"erp"*`},
		{"Nothing", "——！", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := search.Similar(tt.in); got != tt.want {
				t.Fatalf("Similar(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
	if got := strings.Count(search.Similar("一二三四五六七八九十甲乙丙丁戊己庚辛"), " OR "); got != 11 {
		t.Fatalf("a long text gives %d terms, want 12", got+1)
	}
}
