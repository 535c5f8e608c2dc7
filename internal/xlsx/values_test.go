package xlsx_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

func TestMatchHeader(t *testing.T) {
	tests := []struct {
		name, header, want string
	}{
		{"Exact", "需求编号", request.ImportNumber},
		{"PaperCustomer", "客户名称/ID", request.ImportCustomerName},
		{"PhoneIsContactInfo", "联系电话", "contactInfo"},
		{"ContactInfo", "联系方式", "contactInfo"},
		{"ShortType", "类型", "type"},
		{"TypeFull", "需求类型", "type"},
		{"RegisteredAt", "登记时间", "receivedAt"},
		{"ReceivedAt", "接收时间", "receivedAt"},
		{"BriefDescription", "需求描述(简要)", "title"},
		{"FullWidthBrackets", "需求描述（简要）", "title"},
		{"PlainDescription", "需求描述", "title"},
		{"Detailed", "详细描述", "description"},
		{"RemarkInBrackets", "接收时间（年月日）", "receivedAt"},
		{"RequiredMark", "*客户名称", request.ImportCustomerName},
		{"SpacesAndBreaks", " 紧急\n程度 ", "urgency"},
		{"FullWidthSpace", "接收人　", "receivedBy"},
		{"Status", "初步处理状态", request.ImportStatus},
		{"Priority", "优先级", "urgency"},
		{"FieldName", "Channel", "channel"},
		{"Unknown", "备注", ""},
		{"Title", "客户需求登记表", ""},
		{"SerialNumberIsNotANumber", "序号", ""},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := xlsx.MatchHeader(tt.header); got != tt.want {
				t.Fatalf("MatchHeader(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	at := func(y int, m time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, m, d, h, mi, s, 0, shanghai)
	}
	tests := []struct {
		name, in string
		want     time.Time
	}{
		{"Dashes", "2024-03-15", at(2024, 3, 15, 0, 0, 0)},
		{"Slashes", "2024/3/15", at(2024, 3, 15, 0, 0, 0)},
		{"Dots", "2024.3.15", at(2024, 3, 15, 0, 0, 0)},
		{"Chinese", "2024年3月15日", at(2024, 3, 15, 0, 0, 0)},
		{"ChineseHao", "2024年3月15号", at(2024, 3, 15, 0, 0, 0)},
		{"WithTime", "2024-03-15 14:30", at(2024, 3, 15, 14, 30, 0)},
		{"WithSeconds", "2024/3/15 9:05:07", at(2024, 3, 15, 9, 5, 7)},
		{"ChineseTime", "2024年3月15日 14时30分", at(2024, 3, 15, 14, 30, 0)},
		{"ChineseTimeNoSpace", "2024年3月15日14:30", at(2024, 3, 15, 14, 30, 0)},
		{"Afternoon", "2024年3月15日 下午2点", at(2024, 3, 15, 14, 0, 0)},
		{"Morning", "2024-03-15 上午9:30", at(2024, 3, 15, 9, 30, 0)},
		{"FullWidthDigits", "２０２４－０３－１５　１４：３０", at(2024, 3, 15, 14, 30, 0)},
		{"FullWidthChinese", "２０２４年３月１５日", at(2024, 3, 15, 0, 0, 0)},
		{"Compact", "20240315", at(2024, 3, 15, 0, 0, 0)},
		{"SerialDay", "45366", at(2024, 3, 15, 0, 0, 0)},
		{"SerialWithTime", "45366.604166666664", at(2024, 3, 15, 14, 30, 0)},
		{"SerialRoundsToTheSecond", "45366.60416666", at(2024, 3, 15, 14, 30, 0)},
		{"SerialEarly", "59", at(1900, 2, 28, 0, 0, 0)},
		{"ISO", "2024-03-15T14:30:00", at(2024, 3, 15, 14, 30, 0)},
		{"ErrText", "上周五", time.Time{}},
		{"ErrNoDay", "2024-02-30", time.Time{}},
		{"ErrMonth", "2024-13-01", time.Time{}},
		{"ErrHour", "2024-03-15 25:00", time.Time{}},
		{"ErrTimeOnly", "0.5", time.Time{}},
		{"ErrNegative", "-3", time.Time{}},
		{"ErrHuge", "1e300", time.Time{}},
		{"ErrEmpty", "  ", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := xlsx.ParseDate(tt.in, false, shanghai)
			if want := !tt.want.IsZero(); ok != want {
				t.Fatalf("ParseDate(%q) ok = %v, want %v (got %v)", tt.in, ok, want, got)
			}
			if ok && !got.Equal(tt.want) {
				t.Fatalf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	t.Run("Date1904", func(t *testing.T) {
		got, ok := xlsx.ParseDate("43904", true, shanghai) // 45366 - 1462
		if !ok || !got.Equal(at(2024, 3, 15, 0, 0, 0)) {
			t.Fatalf("1904 serial = %v %v", got, ok)
		}
	})
	t.Run("SerialRoundTrip", func(t *testing.T) {
		want := at(2031, 12, 31, 23, 59, 59)
		got, ok := xlsx.ParseDate(ftoa(xlsx.ToSerial(want, shanghai)), false, shanghai)
		if !ok || !got.Equal(want) {
			t.Fatalf("round trip = %v, want %v", got, want)
		}
	})
}

func TestParseUrgency(t *testing.T) {
	tests := []struct {
		in   string
		want request.Urgency
	}{
		{"紧急", request.UrgencyUrgent}, {"高", request.UrgencyUrgent}, {" 高 ", request.UrgencyUrgent},
		{"重要", request.UrgencyImportant}, {"中", request.UrgencyImportant},
		{"一般", request.UrgencyNormal}, {"低", request.UrgencyNormal}, {"普通", request.UrgencyNormal},
		{"潜在", request.UrgencyPotential}, {"High", request.UrgencyUrgent}, {"normal", request.UrgencyNormal},
		{"非常高", ""}, {"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := xlsx.ParseUrgency(tt.in)
			if ok != (tt.want != "") || got != tt.want {
				t.Fatalf("ParseUrgency(%q) = %q %v, want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want request.Status
	}{
		{"已登记", request.StatusRegistered}, {"待处理", request.StatusRegistered}, {"分析中", request.StatusAnalysis},
		{"需求分析中", request.StatusAnalysis}, {"处理中", request.StatusHandling}, {"已归档", request.StatusArchived},
		{"已完成", request.StatusArchived}, {"暂不可执行", request.StatusOnHold}, {"无效", request.StatusRejected},
		{"已取消", request.StatusCancelled}, {"implementation", request.StatusImplementation},
		{"待客户确认方案", request.StatusPlanConfirm}, {"搁置很久", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := xlsx.ParseStatus(tt.in)
			if ok != (tt.want != "") || got != tt.want {
				t.Fatalf("ParseStatus(%q) = %q %v, want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestParseScope(t *testing.T) {
	for in, want := range map[string]request.ImpactScope{
		"单客户/局部场景": request.ImpactSingle, "单客户／局部场景": request.ImpactSingle, "多客户": request.ImpactMulti,
		"全业务线": request.ImpactBusinessLine, "全公司": "",
	} {
		got, ok := xlsx.ParseScope(in)
		if ok != (want != "") || got != want {
			t.Errorf("ParseScope(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

func TestFullWidth(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Digits", "１３８００１３８０００", "13800138000"},
		{"Number", "ＸＲ－２０２４－００１", "XR-2024-001"},
		{"Spaces", "　5678　", "5678"},
		{"Email", "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhang@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := xlsx.FoldText(tt.in); got != tt.want {
				t.Fatalf("FoldText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRisky(t *testing.T) {
	for in, want := range map[string]bool{
		"=1+1": true, "+86 138": true, "-5": true, "@SUM(A1)": true, "\t=cmd": true, "＝1+1": true,
		"咨询系统对接方案": false, "a=b": false, "": false, "5678": false,
	} {
		if got := xlsx.Risky(in); got != want {
			t.Errorf("Risky(%q) = %v, want %v", in, got, want)
		}
	}
}
