package xlsx_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// The import planner decides from its arguments alone: these tests give it
// what the database would hold and need none.

var planNow = time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)

func planLists() vocab.Lists {
	item := func(label string) vocab.Item { return vocab.Item{Label: label, Active: true} }
	return vocab.Lists{
		Types:       []vocab.Item{{Label: "功能需求", Active: true, DefaultPath: "full"}, {Label: "咨询", Active: true, DefaultPath: "short"}},
		Channels:    []vocab.Item{item("电话"), item("邮件"), item("来访/面谈"), {Label: "传真", Active: false}},
		Categories:  []vocab.Item{item("产品类")},
		Departments: []vocab.Item{item("研发部")},
	}
}

func planStaff() request.Staff {
	return request.Staff{"张三": {Active: true}, "李四": {Active: true}}
}

// planSheet is one sheet with the columns fields, in order from A.
func planSheet(fields []string, rows ...request.ImportRow) request.ImportSheet {
	cols := map[string]request.ImportColumn{}
	for i, f := range fields {
		cols[f] = request.ImportColumn{Letter: string(rune('A' + i)), Header: request.FieldLabel(f)}
	}
	for i := range rows {
		rows[i].Row = i + 2
	}
	return request.ImportSheet{Name: "登记表", HeaderRow: 1, Columns: cols, Rows: rows}
}

var planColumns = []string{request.ImportNumber, request.ImportCustomerName, "contactName", "contactInfo", "type", "title",
	"urgency", "receivedAt", "receivedBy"}

func planRow(number, cust, contact, info, title string) request.ImportRow {
	return request.ImportRow{Number: number, CustomerName: cust, Fields: request.Fields{ContactName: contact,
		ContactInfo: info, Type: "功能需求", Title: title, Urgency: request.UrgencyNormal,
		ReceivedAt: planNow.Add(-time.Hour), ReceivedBy: "张三"}}
}

func planInput(k request.ImportKnown) xlsx.PlanInput {
	n := 0
	return xlsx.PlanInput{Known: k, Lists: planLists(), Staff: planStaff(), Now: planNow, Zone: shanghai,
		NewID: func() string { n++; return fmt.Sprintf("new-%d", n) }}
}

func plan(t *testing.T, k request.ImportKnown, sheets ...request.ImportSheet) request.ImportPlan {
	t.Helper()
	p, err := xlsx.PlanImport(request.ImportBatch{Sheets: sheets}, planInput(k))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanImport(t *testing.T) {
	existing := request.Request{ID: "r1", Number: "XQ-1", Status: request.StatusAnalysis, CustomerName: "华东科技",
		Fields: request.Fields{CustomerID: "c1", ContactID: "k1", ContactName: "王工", ContactInfo: "13800000000",
			Channel: "电话", Type: "功能需求", Title: "打印报错", Urgency: request.UrgencyNormal,
			ReceivedAt: planNow.Add(-time.Hour), ReceivedBy: "张三"}}
	archived := existing
	archived.ID, archived.Number, archived.Status = "r2", "XQ-2", request.StatusArchived
	known := request.ImportKnown{
		Customers: []customer.Customer{{ID: "c1", Name: "华东科技"}},
		Contacts:  []customer.Contact{{ID: "k1", CustomerID: "c1", Name: "王工"}},
		ByNumber:  map[string]request.Request{"XQ-1": existing, "XQ-2": archived},
		Receiver:  "李四",
	}

	t.Run("OK", func(t *testing.T) {
		unchanged := planRow("XQ-1", "华东科技", "王工", "13800000000", "打印报错")
		changed := planRow("XQ-1", "华东科技", "王工", "13800000000", "打印报错，急")
		changed.Number = ""
		p := plan(t, known, planSheet(planColumns,
			planRow("", "ＨＵＡ 华东科技", "", "", "新需求"), // a new customer: the key folds width, not the name
			planRow("", " 华 东科技", "赵工", "zhao@example.com", "导出"),
			planRow("", "西南制造", "钱工", "021-1234 转 5", "培训"),
			planRow("", "西南制造", "钱工", "", "再培训"),
			unchanged,
		))
		if got, want := p.Report.ProblemCount, 0; got != want {
			t.Fatalf("problems = %d %+v, want %d", got, p.Report.Problems, want)
		}
		if got, want := fmt.Sprint(p.Report.Created, p.Report.Updated, p.Report.Skipped), "4 0 1"; got != want {
			t.Errorf("created updated skipped = %s, want %s", got, want)
		}
		if got, want := len(p.Customers), 2; got != want {
			t.Errorf("customers created = %d %+v, want %d", got, p.Customers, want)
		}
		if got, want := p.Creates[1].Fields.CustomerID, "c1"; got != want {
			t.Errorf("华 东科技 matched %q, want the known customer %q", got, want)
		}
		if got, want := len(p.Contacts), 2; got != want {
			t.Errorf("contacts created = %d %+v, want %d (钱工 once)", got, p.Contacts, want)
		}
		if got, want := p.Contacts[0].Email, "zhao@example.com"; got != want {
			t.Errorf("contact email = %q, want %q", got, want)
		}
		if got, want := p.Creates[1].Fields.Channel, "邮件"; got != want {
			t.Errorf("channel of an email = %q, want %q", got, want)
		}
		if got, want := p.Creates[2].Fields.Channel, "电话"; got != want {
			t.Errorf("channel of a phone = %q, want %q", got, want)
		}
		if got, want := strings.Join(p.Report.Notes, "|"), "4 行没有填写渠道，已按联系方式记为“电话”或“邮件”"; got != want {
			t.Errorf("notes = %q, want %q", got, want)
		}
		if got := p.Report.NoteKeys; len(got) != 1 || got[0].Key != "import_note_channel_inferred" || got[0].Params["n"] != 4 {
			t.Errorf("note keys = %+v, want import_note_channel_inferred with n 4", got)
		}
	})

	t.Run("OK update found by description and second", func(t *testing.T) {
		k := known
		var asked string
		k.Same = func(customerID, title string, at time.Time) (*request.Request, error) {
			asked = fmt.Sprint(customerID, " ", title, " ", at.Equal(planNow.Add(-time.Hour)))
			r := existing
			return &r, nil
		}
		row := planRow("", "华东科技", "王工", "13800000000", "打印报错")
		row.Fields.Description = "补充的详细描述"
		cols := append(append([]string(nil), planColumns...), "description")
		p := plan(t, k, planSheet(cols, row))
		if got, want := asked, "c1 打印报错 true"; got != want {
			t.Errorf("Same asked %q, want %q", got, want)
		}
		if got, want := len(p.Updates), 1; got != want {
			t.Fatalf("updates = %d %+v, want %d", got, p.Report, want)
		}
		if got, want := p.Updates[0].Fields.Description, "补充的详细描述"; got != want {
			t.Errorf("description = %q, want %q", got, want)
		}
		if got, want := p.Updates[0].Fields.Channel, "电话"; got != want {
			t.Errorf("channel kept = %q, want %q", got, want)
		}
	})

	t.Run("OK status maps to path", func(t *testing.T) {
		short := planRow("", "华东科技", "", "", "咨询一下")
		short.Fields.Type = "咨询"
		handling := planRow("", "华东科技", "", "", "处理中")
		handling.Status = request.StatusHandling
		p := plan(t, known, planSheet(planColumns, short, handling, planRow("N-9", "华东科技", "", "", "编号")))
		if got, want := fmt.Sprintf("%s %s %s", p.Creates[0].Path, p.Creates[1].Path, p.Creates[2].Path), "short short full"; got != want {
			t.Errorf("paths = %s, want %s", got, want)
		}
		if got, want := fmt.Sprintf("%s %s", p.Creates[0].Status, p.Creates[1].Status), "registered handling"; got != want {
			t.Errorf("statuses = %s, want %s", got, want)
		}
		if got, want := p.Creates[1].MoveComment, "从表格导入，初步处理状态：处理中"; got != want {
			t.Errorf("move comment = %q, want %q", got, want)
		}
		if p.Creates[0].MoveComment != "" || p.Creates[1].HeldFrom != "" {
			t.Errorf("a registered request moves (%q), or one handled is held (%q)", p.Creates[0].MoveComment, p.Creates[1].HeldFrom)
		}
		if !p.Reserved["N-9"] {
			t.Errorf("reserved = %v, want N-9", p.Reserved)
		}
	})

	t.Run("ErrProblems", func(t *testing.T) {
		closed := planRow("XQ-2", "华东科技", "王工", "13800000000", "改标题")
		other := planSheet([]string{request.ImportCustomerName, "title", "urgency", "receivedAt", "receivedBy", "contactInfo"},
			planRow("", "华东科技", "", "", "无类型"))
		other.Name = "续表"
		badInfo := planRow("", "华东科技", "", "abc", "联系方式不对")
		p := plan(t, known, planSheet(planColumns,
			planRow("N-1", "华东科技", "", "", "一"),
			planRow("N-1", "华东科技", "", "", "二"),
			closed, badInfo,
		), other)
		want := []struct{ key, message string }{
			{"import_number_repeated", "需求编号 N-1 在表中重复出现（工作表“登记表”第 2 行已有）"},
			{"import_request_closed", "需求 XQ-2 的状态是“已归档”，不能再通过导入修改；表中与系统不同的内容：需求描述(简要)"},
			{"import_contact_info_invalid", "联系方式“abc”不是有效的电话号码或邮箱：电话请只用数字、空格、+、-、括号，分机写在号码后，如“转 123”“分机 123”“ext. 123”"},
			{"import_column_missing", "表中没有“需求类型”列，1 条新需求缺少它；请在表头加上这一列并填写"},
		}
		if got := p.Report.ProblemCount; got != len(want) {
			t.Fatalf("problems = %d %+v, want %d", got, p.Report.Problems, len(want))
		}
		for i, w := range want {
			got := p.Report.Problems[i]
			if got.Ref.Key != w.key || got.Message != w.message {
				t.Errorf("problem %d = %s %q, want %s %q", i, got.Ref.Key, got.Message, w.key, w.message)
			}
			if got.Message != apperr.Render(got.Ref.Key, got.Ref.Params) {
				t.Errorf("problem %d: message %q is not its key's %q", i, got.Message, apperr.Render(got.Ref.Key, got.Ref.Params))
			}
		}
		if st, ok := p.Report.Problems[1].Ref.Params["status"].(apperr.Term); !ok || st.Kind != "enums.status" || st.Code != "archived" {
			t.Errorf("status param = %#v, want the archived status as a term", p.Report.Problems[1].Ref.Params["status"])
		}
		if got, want := p.Report.InvalidRows, 4; got != want {
			t.Errorf("invalid rows = %d, want %d", got, want)
		}
		if len(p.Creates)+len(p.Updates) != 1 {
			t.Errorf("a plan with problems still lists %d creates and %d updates; only the good row", len(p.Creates), len(p.Updates))
		}
	})
}

// TestParseRefusalsAreKeyed: a file that cannot be imported at all is
// refused with a message key the UI translates, and its Chinese sentence.
func TestParseRefusalsAreKeyed(t *testing.T) {
	tests := []struct {
		name, key, message string
		data               []byte
	}{
		{"ErrEmpty", "import_file_empty", "文件是空的", nil},
		{"ErrXLS", "import_file_xls", "这是旧版 Excel 97-2003 文件（.xls），请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入",
			[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0}},
		{"ErrNotXLSX", "import_file_not_xlsx", "文件不是 Excel 工作簿（.xlsx）；请选择 .xlsx 文件，CSV 等文件可先用 Excel 打开再另存为 .xlsx",
			[]byte("客户名称,需求类型\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := xlsx.Parse(tt.data, shanghai)
			e, ok := apperr.As(err)
			if !ok || e.Key != tt.key || e.Message != tt.message {
				t.Fatalf("Parse = %v, want key %s, message %q", err, tt.key, tt.message)
			}
		})
	}
}
