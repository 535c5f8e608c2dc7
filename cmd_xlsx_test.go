package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// table writes a small registration table as people keep it.
func table(t *testing.T, path string, rows ...[]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]any{{"需求编号", "客户名称", "联系人", "联系电话", "类型", "需求描述", "紧急程度", "登记时间", "接收人", "状态", "渠道"}}, rows...)
	for i, row := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestExcelCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	files := t.TempDir()
	in := filepath.Join(files, "登记表.xlsx")
	// Receivers are people of the list; a blank one is the profile, whom
	// the first start puts on it.
	table(t, in,
		[]any{"", "科技有限公司", "张伟", "5678", "技术咨询", "咨询系统对接方案", "中", "2024-03-15", "", "", "电话"},
		[]any{"XR-2023-009", "华信科技", "王芳", "wang@example.com", "建议", "希望增加导出功能", "低", "2023/12/1 9:30", "", "处理中", "邮件"})

	t.Run("Template", func(t *testing.T) {
		out := filepath.Join(files, "模板.xlsx")
		msg, err := run(t, "export", "template", "-o", out, "--data", dir)
		if err != nil || !strings.Contains(msg, "导入模板") {
			t.Fatalf("export template: %v %q", err, msg)
		}
		if st, err := os.Stat(out); err != nil || st.Size() == 0 {
			t.Fatalf("template file: %v", err)
		}
	})
	t.Run("DryRun", func(t *testing.T) {
		msg, err := run(t, "import", in, "--dry-run", "--data", dir)
		if err != nil || !strings.Contains(msg, "将新建 2 条") || !strings.Contains(msg, "试运行") {
			t.Fatalf("dry run: %v %q", err, msg)
		}
	})
	t.Run("Import", func(t *testing.T) {
		msg, err := run(t, "import", in, "--data", dir)
		if err != nil || !strings.Contains(msg, "已新建 2 条") || !strings.Contains(msg, "导入完成") {
			t.Fatalf("import: %v %q", err, msg)
		}
		msg, err = run(t, "import", in, "--data", dir)
		if err != nil || !strings.Contains(msg, "已新建 0 条") || !strings.Contains(msg, "跳过 2 条") {
			t.Fatalf("import again: %v %q", err, msg)
		}
	})
	t.Run("Export", func(t *testing.T) {
		out := filepath.Join(files, "登记.xlsx")
		msg, err := run(t, "export", "registrations", "--status", "已登记", "-o", out, "--data", dir)
		if err != nil || !strings.Contains(msg, "已导出 1 行") {
			t.Fatalf("export: %v %q", err, msg)
		}
		msg, err = run(t, "export", "tracking", "--from", "2023-01-01", "--to", "2024-12-31", "--urgency", "一般,重要", "-o", out, "--data", dir)
		if err != nil || !strings.Contains(msg, "已导出 2 行需求处理进度跟踪表") {
			t.Fatalf("export tracking: %v %q", err, msg)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if v, _ := f.GetCellValue("需求处理进度跟踪表", "A2"); v != "XR-2023-009" { // received first
			t.Fatalf("A2 = %q", v)
		}
	})
	t.Run("ErrProblems", func(t *testing.T) {
		bad := filepath.Join(files, "有问题.xlsx")
		table(t, bad, []any{"", "科技有限公司", "张伟", "5678", "星际旅行", "需求", "中", "2024-03-15", "李娜", "", "电话"})
		msg, err := run(t, "import", bad, "--data", dir)
		if err == nil || !strings.Contains(err.Error(), "没有导入任何数据") || !strings.Contains(msg, "第 2 行 E 列（类型）") {
			t.Fatalf("import: %v %q", err, msg)
		}
	})
	t.Run("ErrNotExcel", func(t *testing.T) {
		txt := filepath.Join(files, "notes.txt")
		os.WriteFile(txt, []byte("需求编号,客户名称"), 0o600)
		if _, err := run(t, "import", txt, "--data", dir); err == nil || !strings.Contains(err.Error(), "不是 Excel 工作簿") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrUnknownKind", func(t *testing.T) {
		if _, err := run(t, "export", "invoices", "-o", filepath.Join(files, "x.xlsx"), "--data", dir); err == nil ||
			!strings.Contains(err.Error(), "未知的导出表格") {
			t.Fatalf("err = %v", err)
		}
	})
}
