package xlsx

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// Sheet names of the template.
const (
	SheetRegistration = "客户需求登记表"
	SheetInstructions = "填写说明"
	sheetLists        = "可选值"
)

// templateRows is how far down the template's dropdowns and formats reach.
const templateRows = 5000

// Template writes the blank registration template: the registration
// table's columns in the paper table's order, then the app's further fields;
// dropdowns filled from lists (and the fixed urgencies, impact scopes and
// statuses), a frozen header row, columns wide enough for Chinese text, and
// an instructions sheet.
func Template(w io.Writer, lists vocab.Lists) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetRegistration); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sh := SheetRegistration
	for i, c := range columns {
		col := colName(i)
		if err := f.SetColWidth(sh, col, col, c.width); err != nil {
			return err
		}
		style := st.text
		switch {
		case c.field == "receivedAt":
			style = st.date
		case c.field == request.ImportNumber || c.field == "contactInfo":
			style = st.textFormat // typed digits stay text: leading zeros, long numbers
		case c.wrap:
			style = st.wrap
		}
		if err := f.SetColStyle(sh, col, style); err != nil {
			return err
		}
		head := st.header
		if c.required {
			head = st.headerRequired
		}
		if err := f.SetCellStr(sh, col+"1", c.header); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, col+"1", col+"1", head); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, 1, 30); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := writeInstructions(f, st, lists); err != nil {
		return err
	}
	if err := addDropdowns(f, lists); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// choices are the values each dropdown offers.
func choices(lists vocab.Lists) []struct {
	field, title string
	values       []string
} {
	urg := []string{}
	for _, u := range request.Urgencies {
		urg = append(urg, urgencyNames[u])
	}
	scopes := []string{}
	for _, s := range request.ImpactScopes {
		scopes = append(scopes, scopeNames[s])
	}
	return []struct {
		field, title string
		values       []string
	}{
		{"type", "需求类型", lists.ActiveLabels(vocab.KindType)},
		{"urgency", "紧急程度", urg},
		{request.ImportStatus, "初步处理状态", statusChoices()},
		{"channel", "渠道", lists.ActiveLabels(vocab.KindChannel)},
		{"category", "大类", lists.ActiveLabels(vocab.KindCategory)},
		{"impactScope", "影响范围", scopes},
		{"department", "部门", lists.ActiveLabels(vocab.KindDepartment)},
	}
}

// addDropdowns writes the choices to a hidden sheet and points each
// column's data validation at them. Wrong entries get a warning, not a
// refusal: a list may have grown since the template was downloaded, and the
// import checks every value anyway.
func addDropdowns(f *excelize.File, lists vocab.Lists) error {
	if _, err := f.NewSheet(sheetLists); err != nil {
		return err
	}
	for i, c := range choices(lists) {
		col := colName(i)
		if err := f.SetCellStr(sheetLists, col+"1", c.title); err != nil {
			return err
		}
		for j, v := range c.values {
			if err := f.SetCellStr(sheetLists, fmt.Sprintf("%s%d", col, j+2), v); err != nil {
				return err
			}
		}
		if len(c.values) == 0 {
			continue
		}
		target := colName(indexOf(c.field))
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", target, target, templateRows))
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$2:$%s$%d", sheetLists, col, col, len(c.values)+1))
		dv.SetError(excelize.DataValidationErrorStyleWarning, c.title, fmt.Sprintf("“%s”不在列表中，导入时会被指出。请从下拉列表中选择。", c.title))
		if err := f.AddDataValidation(SheetRegistration, dv); err != nil {
			return err
		}
	}
	// Dates: a prompt with the accepted forms, a warning for what is not one.
	col := colName(indexOf("receivedAt"))
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, templateRows))
	if err := dv.SetRange(toSerial(mustDate(2000, 1, 1), time.UTC), toSerial(mustDate(2100, 12, 31), time.UTC), excelize.DataValidationTypeDate,
		excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetInput("接收时间", "如 2024-03-15 14:30")
	dv.SetError(excelize.DataValidationErrorStyleWarning, "接收时间", "请填写 2000 年以后的日期和时间，如 2024-03-15 14:30")
	if err := f.AddDataValidation(SheetRegistration, dv); err != nil {
		return err
	}
	return f.SetSheetVisible(sheetLists, false)
}

func indexOf(field string) int {
	for i, c := range columns {
		if c.field == field {
			return i
		}
	}
	return 0
}

// writeInstructions fills the instructions sheet: how the import reads the
// table, then every column with whether it is required and what it takes.
func writeInstructions(f *excelize.File, st *styles, lists vocab.Lists) error {
	sh := SheetInstructions
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 22, "B": 8, "C": 60, "D": 50, "E": 16} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	row := 1
	put := func(values []any, style int) error {
		cell := fmt.Sprintf("A%d", row)
		if err := f.SetSheetRow(sh, cell, &values); err != nil {
			return err
		}
		end := fmt.Sprintf("%s%d", colName(len(values)-1), row)
		if len(values) == 1 {
			// A line of text spans the table's width.
			end = fmt.Sprintf("E%d", row)
			if err := f.MergeCell(sh, cell, end); err != nil {
				return err
			}
		}
		if style != 0 {
			if err := f.SetCellStyle(sh, cell, end, style); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	// Printed, the instructions fit the width of a landscape page.
	landscape, one, unbounded := "landscape", 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &unbounded}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := put([]any{"客户需求登记表 填写说明"}, st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, 26); err != nil {
		return err
	}
	for _, line := range []string{
		"1. 在“" + SheetRegistration + "”工作表中一行填写一条需求，不要改动第一行的列名；列的顺序可以调整，不需要的可选列可以删去。",
		"2. 带红色列名的为新登记需求的必填列。下拉列表的可选值来自应用“设置 → 列表”，列表有变化时请重新下载模板。",
		"3. 导入前会先检查整张表并列出每个问题所在的行和列；只要有一个问题，就一行也不写入，改正后重新导入即可。",
		"4. 需求编号留空时自动编号；填写系统中已有的编号会更新那条需求，所以同一张表重复导入不会产生重复的需求。",
		fmt.Sprintf("5. 一次最多导入 %d 行；接收时间可以是 Excel 日期，也可以写成 2024-03-15、2024/3/15 或 2024年3月15日（可带时间）。", MaxRows),
		"6. 客户按名称匹配已有客户（不计空格和全角半角），没有则新建；联系人按姓名在该客户下匹配，没有则新建。",
	} {
		if err := put([]any{line}, st.text); err != nil {
			return err
		}
	}
	row++
	if err := put([]any{"列名", "必填", "说明", "可选值", "示例"}, st.header); err != nil {
		return err
	}
	opts := map[string][]string{}
	for _, c := range choices(lists) {
		opts[c.field] = c.values
	}
	for _, c := range columns {
		req := ""
		if c.required {
			req = "是"
		}
		values := ""
		for i, v := range opts[c.field] {
			if i > 0 {
				values += "、"
			}
			values += v
		}
		if err := put([]any{c.header, req, c.note, values, examples[c.field]}, st.wrap); err != nil {
			return err
		}
		// Rows tall enough for the wrapped note and choices.
		lines := max(lineCount(c.note, 60), lineCount(values, 50), 1)
		if err := f.SetRowHeight(sh, row-1, float64(lines)*16); err != nil {
			return err
		}
	}
	return nil
}

// examples are the registration table example's values (XR-2024-001 …).
var examples = map[string]string{
	request.ImportNumber: "XR-2024-001", request.ImportCustomerName: "科技有限公司", "contactName": "张*",
	"contactInfo": "5678", "type": "技术咨询", "title": "咨询系统对接方案", "urgency": "中", "receivedAt": "2024-03-15",
	"receivedBy": "李*", request.ImportStatus: "需求分析中", "channel": "电话",
}

// lineCount estimates the lines text wraps to in a column width wide (in
// Excel's character units, where a Chinese character takes two).
func lineCount(text string, width int) int {
	w := 0
	for _, r := range text {
		if r < 0x2E80 {
			w++
		} else {
			w += 2
		}
	}
	return (w + width - 3) / (width - 2)
}
