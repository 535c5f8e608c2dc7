package reportfile

import "testing"

func TestFileName(t *testing.T) {
	cases := []struct {
		kind, period, dept string
		version            int
		format, want       string
	}{
		{"monthly", "2026-10", "", 0, "pdf", "客户需求分析报告-2026-10-草稿.pdf"},
		{"quarterly", "2026Q3", "客服部", 2, "xlsx", "季度评估报告-2026Q3-客服部-V2.xlsx"},
		// A department typed with a slash or a path stays in the name, not a folder.
		{"monthly", "2026-10", "技术/支持部", 1, "pdf", "客户需求分析报告-2026-10-技术-支持部-V1.pdf"},
		{"monthly", "2026-10", `..\..\x`, 1, "pdf", "客户需求分析报告-2026-10-..-..-x-V1.pdf"},
	}
	for _, c := range cases {
		if got := FileName(c.kind, c.period, c.dept, c.version, c.format); got != c.want {
			t.Errorf("FileName(%q, %q, %q, %d) = %q, want %q", c.kind, c.period, c.dept, c.version, got, c.want)
		}
	}
}
