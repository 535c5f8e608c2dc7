package pdf_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/report"
)

// sectionHeading is a numbered section heading as printed (四、验收结论).
var sectionHeading = regexp.MustCompile(`^([一二三四五六七八九十]+、|附：)[^，。；：,.;:]{1,14}$`)

// pageBodies returns the text of each page between the running header and
// the footer, line by line, empty lines dropped.
func pageBodies(t *testing.T, data []byte) [][]string {
	t.Helper()
	var out [][]string
	for _, page := range strings.Split(strings.TrimRight(bodyText(t, data, false), "\f\n"), "\f") {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		out = append(out, lines)
	}
	return out
}

// assertKept checks the rendered pages: no page ends with a section heading,
// and no page starts with the signature block labelled sigLabel.
func assertKept(t *testing.T, data []byte, sigLabel, what string) {
	t.Helper()
	pages := pageBodies(t, data)
	for i, lines := range pages {
		if len(lines) == 0 {
			t.Fatalf("%s: page %d is empty", what, i+1)
		}
		if last := lines[len(lines)-1]; i < len(pages)-1 && sectionHeading.MatchString(last) {
			t.Fatalf("%s: page %d ends with the heading %q alone:\n%s", what, i+1, last, strings.Join(lines, "\n"))
		}
		if i > 0 && sigLabel != "" && strings.HasPrefix(lines[0], sigLabel) {
			t.Fatalf("%s: the signature blocks stand alone at the top of page %d:\n%s", what, i+1, strings.Join(lines, "\n"))
		}
	}
}

// TestKeepTogether renders documents with a description growing line by
// line, so that each heading and the signature blocks in turn fall at the
// foot of a page: a heading goes to the next page with what follows it, the
// signature blocks with the closing part before them.
func TestKeepTogether(t *testing.T) {
	for _, typ := range []pdf.Type{pdf.TypeAcceptance, pdf.TypeAnalysisLetter, pdf.TypeSurvey, pdf.TypeResultNote} {
		info, _ := pdf.Info(typ)
		t.Run(string(typ), func(t *testing.T) {
			for n := 0; n <= 40; n += 2 {
				src := fixture(3)
				var lines []string
				for i := range n {
					lines = append(lines, fmt.Sprintf("第 %d 行补充说明。", i+1))
				}
				src.Request.Fields.Description = strings.Join(append([]string{"客户希望增加批量审批功能。"}, lines...), "\n")
				out, err := pdf.Render(src, meta(typ))
				if err != nil {
					t.Fatal(err)
				}
				assertKept(t, out.PDF, info.Signers[0].Label, fmt.Sprintf("%s with %d more lines", info.Title, n))
			}
		})
	}
	t.Run("quarterly", func(t *testing.T) {
		// 二、目标达成对比 and its chart, with the findings growing before the
		// closing part.
		p := report.Quarter(2026, 3, time.Local)
		q := report.BuildQuarterly(reportInput(t, p), report.Texts{})
		for _, extra := range []int{0, 6, 12, 18, 24} {
			texts := report.Texts{Problems: strings.Repeat("部分需求在分析阶段停留超过一周。\n", extra+1),
				Measures: "一、建立对接资料清单；\n二、主管每周跟进。"}
			q.Texts = texts
			out, err := pdf.RenderQuarterly(pdf.Company{Name: "华信科技服务有限公司"}, &q, pdf.ReportMeta{GeneratedAt: q.Generated, GeneratedBy: "王强"})
			if err != nil {
				t.Fatal(err)
			}
			assertKept(t, out.PDF, "编制（客服主管）", fmt.Sprintf("quarterly report with %d more lines", extra))
		}
	})
}
