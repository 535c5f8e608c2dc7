package notes_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/notes"
)

var names = []string{"王芳", "王芳芳", "李娜", "陈静", "Li", "Lily Chen"}

func TestParse(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		found, lost []string
	}{
		{"ChineseNameNoSpace", "@王芳请看一下客户的新要求", []string{"王芳"}, nil},
		{"LongestName", "@王芳芳 负责跟进", []string{"王芳芳"}, nil},
		{"Several", "请 @李娜 和 @陈静 确认，@李娜 再看", []string{"李娜", "陈静"}, nil},
		{"FullWidthAt", "＠陈静：客户已回电", []string{"陈静"}, nil},
		{"LatinBoundary", "@Lily Chen 和 @Li 都看看", []string{"Lily Chen", "Li"}, nil},
		{"LatinPrefixIsNotName", "@Lix 看看", nil, []string{"Lix"}},
		{"Email", "发到 li@example.com 即可", nil, nil},
		{"EmailAfterChinese", "邮箱张三@公司.com，@李娜 请回信", []string{"李娜"}, nil},
		{"UnknownChinese", "@张三请处理", nil, []string{"张三请处理"}},
		{"UnknownCapped", "@赵钱孙李周吴郑王冯陈", nil, []string{"赵钱孙李周吴郑王"}},
		{"LoneAt", "价格 @ 100 元", nil, nil},
		{"None", "客户说下周再联系", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, lost := notes.Parse(tt.body, names)
			if !reflect.DeepEqual(found, tt.found) || !reflect.DeepEqual(lost, tt.lost) {
				t.Errorf("Parse(%q) = %q, %q; want %q, %q", tt.body, found, lost, tt.found, tt.lost)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		body, found, err := notes.Check("  @李娜 客户要求周五前答复\r\n  ", names)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := body, "@李娜 客户要求周五前答复"; got != want {
			t.Errorf("body %q, want %q", got, want)
		}
		if got, want := found, []string{"李娜"}; !reflect.DeepEqual(got, want) {
			t.Errorf("mentions %q, want %q", got, want)
		}
	})
	tests := []struct {
		name, body, key string
	}{
		{"ErrEmpty", "   ", "required"},
		{"ErrUnknownName", "@张三 看一下", "note_mention_unknown"},
		{"ErrControl", "看一下\x00", "control_chars"},
		{"ErrTooLong", strings.Repeat("字", notes.MaxBody+1), "too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := notes.Check(tt.body, names)
			e, ok := apperr.As(err)
			if !ok || len(e.Fields) == 0 || e.Fields[0].Field != "body" || e.Fields[0].Key != tt.key {
				t.Fatalf("Check(%q) = %v, want %s on body", tt.body, err, tt.key)
			}
		})
	}
	_, _, err := notes.Check("@张三 看一下", names)
	e, _ := apperr.As(err)
	if got, want := e.Fields[0].Params["name"], "@张三"; got != want {
		t.Errorf("unknown name named %v, want %v", got, want)
	}
}
