package vocab_test

import (
	"reflect"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

var types = []vocab.Item{
	{ID: "t1", Kind: vocab.KindType, Label: "咨询", SortOrder: 1, Active: true},
	{ID: "t2", Kind: vocab.KindType, Label: "缺陷", SortOrder: 3, Active: false},
	{ID: "t3", Kind: vocab.KindType, Label: "新功能", SortOrder: 2, Active: true},
}

// keyOf is the message key of err, "" for none.
func keyOf(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Key
	}
	return ""
}

func TestCheckKind(t *testing.T) {
	if err := vocab.CheckKind(vocab.KindChannel); err != nil {
		t.Fatalf("channel: %v", err)
	}
	e, ok := apperr.As(vocab.CheckKind("colour"))
	if !ok || e.Key != "vocab_kind_unknown" || len(e.Fields) != 1 || e.Fields[0].Field != "kind" {
		t.Fatalf("colour: %#v", e)
	}
}

func TestCheckUnique(t *testing.T) {
	tests := []struct {
		name, label, except, want string
	}{
		{"OK", "培训", "", ""},
		{"ErrDuplicate", "咨询", "", "vocab_duplicate"},
		{"ErrDuplicateRetired", "缺陷", "", "vocab_duplicate"},
		{"OwnLabel", "咨询", "t1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keyOf(vocab.CheckUnique(types, tt.label, tt.except)); got != tt.want {
				t.Fatalf("CheckUnique(%q) = %q, want %q", tt.label, got, tt.want)
			}
		})
	}
}

func TestNextSortOrder(t *testing.T) {
	if got, want := vocab.NextSortOrder(types), 4; got != want {
		t.Fatalf("NextSortOrder = %d, want %d", got, want)
	}
	if got, want := vocab.NextSortOrder(nil), 1; got != want {
		t.Fatalf("NextSortOrder(empty) = %d, want %d", got, want)
	}
}

func TestCheckOrder(t *testing.T) {
	tests := []struct {
		name  string
		kind  string
		items []vocab.Item
		ids   []string
		want  string
	}{
		{"OK", vocab.KindType, types, []string{"t3", "t1", "t2"}, ""},
		{"ErrMissing", vocab.KindType, types, []string{"t3", "t1"}, "vocab_order_stale"},
		{"ErrUnknownID", vocab.KindType, types, []string{"t3", "t1", "x"}, "vocab_order_stale"},
		{"ErrRepeated", vocab.KindType, types, []string{"t1", "t1", "t2"}, "vocab_order_stale"},
		{"ErrKind", "colour", nil, nil, "vocab_kind_unknown"},
		{"EmptyList", vocab.KindDepartment, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keyOf(vocab.CheckOrder(tt.kind, tt.items, tt.ids)); got != tt.want {
				t.Fatalf("CheckOrder = %q, want %q", got, tt.want)
			}
		})
	}
	if got, want := vocab.IDs(types), []string{"t1", "t2", "t3"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("IDs = %v, want %v", got, want)
	}
}

func TestCheckPath(t *testing.T) {
	for path, want := range map[string]string{"full": "", "short": "", "fast": "path_invalid", "": "path_invalid"} {
		if got := keyOf(vocab.CheckPath(path)); got != want {
			t.Fatalf("CheckPath(%q) = %q, want %q", path, got, want)
		}
	}
	if got := keyOf(vocab.CanSetPath(types[0])); got != "" {
		t.Fatalf("CanSetPath(type) = %q", got)
	}
	if got := keyOf(vocab.CanSetPath(vocab.Item{Kind: vocab.KindChannel})); got != "vocab_path_only_types" {
		t.Fatalf("CanSetPath(channel) = %q", got)
	}
}
