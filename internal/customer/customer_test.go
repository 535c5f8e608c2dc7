package customer_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/customer"
)

func TestValidPhone(t *testing.T) {
	tests := []struct {
		phone string
		want  bool
	}{
		{"13800138000", true},
		{"010-12345678", true},
		{"+86 138 0013 8000", true},
		{"(0755) 8888-6666", true},
		{"5678", true},
		{"0571-88886666转1234", true},
		{"010-12345678 转 123", true},
		{"010-12345678分机123", true},
		{"010-12345678 分机 123", true},
		{"010-12345678 分机号 123", true},
		{"021-55550000 ext. 123", true},
		{"021-55550000 EXT 123", true},
		{"021-55550000 x123", true},
		{"010-12345678 转", false},
		{"010-12345678 分机 abc", false},
		{"12", false},
		{"电话", false},
		{"138abc", false},
		{"123456789012345678901", false},
	}
	for _, tt := range tests {
		t.Run(tt.phone, func(t *testing.T) {
			if got := customer.ValidPhone(customer.NormalizePhone(tt.phone)); got != tt.want {
				t.Fatalf("ValidPhone(%q) = %v, want %v", tt.phone, got, tt.want)
			}
		})
	}
}

func TestNormalizePhone(t *testing.T) {
	if got, want := customer.NormalizePhone(" １３８－００１３　８０００ "), "138-0013 8000"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestValidEmail(t *testing.T) {
	tests := []struct {
		email string
		want  bool
	}{
		{"zhang@example.com", true},
		{"li.na+work@sub.example.cn", true},
		{"zhang@example", false},
		{"张伟 <zhang@example.com>", false},
		{"@example.com", false},
		{"zhang@@example.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			if got := customer.ValidEmail(tt.email); got != tt.want {
				t.Fatalf("ValidEmail(%q) = %v, want %v", tt.email, got, tt.want)
			}
		})
	}
}

func TestInputValidate(t *testing.T) {
	in, err := customer.Input{
		Fields:   customer.Fields{Name: "  华信   科技 "},
		Contacts: []customer.ContactFields{{}, {Name: "张伟", Phone: "１３８００１３８０００"}},
	}.Validate()
	if err != nil {
		t.Fatal(err)
	}
	if in.Fields.Name != "华信 科技" || len(in.Contacts) != 1 || in.Contacts[0].Phone != "13800138000" {
		t.Fatalf("normalized = %+v", in)
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{"OK", "华信科技有限公司", "华信科技有限公司", true},
		{"Spaces", "华信科技 有限公司", "华信科技有限公司", true},
		{"FullWidth", "ＡＢＣ软件", "abc软件", true},
		{"Case", "Acme Ltd", "ACME LTD", true},
		{"Different", "华信科技有限公司", "华信软件有限公司", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := customer.NameKey(tt.a) == customer.NameKey(tt.b); got != tt.want {
				t.Fatalf("NameKey(%q) == NameKey(%q): %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestDuplicateName(t *testing.T) {
	err := customer.DuplicateName(customer.Customer{ID: "c1", Name: "华信科技有限公司"})
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Conflict || len(e.Fields) != 1 || e.Fields[0].Field != "name" || e.Fields[0].Key != "duplicate" ||
		e.Fields[0].Params["id"] != "c1" {
		t.Fatalf("error = %#v", err)
	}
}

func TestCheck(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		got, err := customer.Fields{Name: "  华信  科技 ", Industry: " 制造 "}.Check()
		if err != nil || got.Name != "华信 科技" || got.Industry != "制造" {
			t.Fatalf("Check = %+v, %v", got, err)
		}
	})
	t.Run("ErrNameMissing", func(t *testing.T) {
		_, err := customer.Fields{Name: "  "}.Check()
		if e, ok := apperr.As(err); !ok || len(e.Fields) == 0 || e.Fields[0].Field != "name" {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("ErrContactPhone", func(t *testing.T) {
		_, err := customer.ContactFields{Name: "张伟", Phone: "abc"}.Check()
		if e, ok := apperr.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "phone" || e.Fields[0].Key != "phone_invalid" {
			t.Fatalf("error = %v", err)
		}
	})
}

func TestMatchKey(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		want       bool
	}{
		{"Same", "华为技术有限公司", "华为技术有限公司", true},
		{"Suffix", "华为技术有限公司", "华为技术", true},
		{"SuffixKinds", "北京宏达股份有限公司", "北京宏达有限责任公司", true},
		{"ShortSuffix", "上海申通公司", "上海申通有限公司", true},
		{"Spaces", " 华为 技术 ", "华为技术", true},
		{"FullWidth", "ＡＢＣ科技", "abc科技", true},
		{"Punctuation", "中国·建设（北京）", "中国建设北京", true},
		{"LatinCase", "Acme Co., Ltd.", "ACME", true},
		{"LatinLimited", "Acme Trading Limited", "acme trading inc.", true},
		{"LatinInsideWord", "Costco", "Cost", false},
		{"Different", "华为技术", "中兴通讯", false},
		{"Branch", "华为技术北京分公司", "华为技术", false},
		{"OnlySuffix", "公司", "有限公司", false},
		{"Empty", "", "   ", false},
		{"Symbols", "—", "·", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := customer.PossiblySame(tc.a, tc.b); got != tc.want {
				t.Errorf("PossiblySame(%q, %q) = %v (keys %q, %q), want %v", tc.a, tc.b, got,
					customer.MatchKey(tc.a), customer.MatchKey(tc.b), tc.want)
			}
		})
	}
}

func TestCheckMerge(t *testing.T) {
	a, b := customer.Customer{ID: "a", Name: "甲"}, customer.Customer{ID: "b", Name: "乙"}
	for _, tc := range []struct {
		name       string
		from, into customer.Customer
		intoMerged string
		key        string
	}{
		{"OK", a, b, "", ""},
		{"ErrSelf", a, a, "", "customer_merge_self"},
		{"ErrIntoMerged", a, b, "丙", "customer_merged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := customer.CheckMerge(tc.from, tc.into, tc.intoMerged)
			got := ""
			if e, ok := apperr.As(err); ok {
				got = e.Key
			} else if err != nil {
				t.Fatal(err)
			}
			if got != tc.key {
				t.Fatalf("got %v, want %q", err, tc.key)
			}
		})
	}
}
