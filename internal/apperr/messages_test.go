package apperr_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// locale is the shape of frontend/src/locales/errors.*.json.
type locale struct {
	Keys   map[string]string `json:"keys"`
	Things map[string]string `json:"things"`
}

func readLocale(t *testing.T, name string) locale {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "locales", name))
	if err != nil {
		t.Fatal(err)
	}
	var l locale
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return l
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestLocalesHaveEveryKey keeps the one list of message keys (Messages and
// Things) and the frontend's Chinese and English texts of them equal: the
// same keys, the Chinese word for word, the English with the same params.
func TestLocalesHaveEveryKey(t *testing.T) {
	zh, en := readLocale(t, "errors.zh-CN.json"), readLocale(t, "errors.en.json")
	for _, l := range []struct {
		name string
		loc  locale
	}{{"zh-CN", zh}, {"en", en}} {
		if got, want := sortedKeys(l.loc.Keys), sortedKeys(apperr.Messages); !slices.Equal(got, want) {
			t.Errorf("%s keys differ from apperr.Messages:\n got %v\nwant %v", l.name, got, want)
		}
		if got, want := sortedKeys(l.loc.Things), sortedKeys(apperr.Things); !slices.Equal(got, want) {
			t.Errorf("%s things differ from apperr.Things:\n got %v\nwant %v", l.name, got, want)
		}
	}
	for key, text := range apperr.Messages {
		if zh.Keys[key] != text {
			t.Errorf("zh-CN %s = %q, want %q as in apperr.Messages", key, zh.Keys[key], text)
		}
		want := apperr.Placeholders(text)
		sort.Strings(want)
		got := apperr.Placeholders(en.Keys[key])
		sort.Strings(got)
		if en.Keys[key] == "" || !slices.Equal(slices.Compact(got), slices.Compact(want)) {
			t.Errorf("en %s = %q: params %v, want %v", key, en.Keys[key], got, want)
		}
		if regexp.MustCompile(`\p{Han}`).MatchString(en.Keys[key]) {
			t.Errorf("en %s has Chinese: %q", key, en.Keys[key])
		}
	}
	for code, name := range apperr.Things {
		if zh.Things[code] != name {
			t.Errorf("zh-CN thing %s = %q, want %q", code, zh.Things[code], name)
		}
	}
}

// keyUses finds the message keys the Go code passes: apperr.New(code,
// "key", ...), apperr.Msg{Key: "key"}, need(ok, "key", ...) and
// Error{... Key: "key"} next to a Message.
var keyUses = regexp.MustCompile(`apperr\.New\([^,()]+,\s*"([a-z_]+)"|Msg\{Key:\s*"([a-z_]+)"|\bneed\([^"]*?,\s*"([a-z_]+)"|Message:\s*"[^"]*"[^}\n]*Key:\s*"([a-z_]+)"|^\s*Key:\s*"([a-z_]+)",\s*Params`)

// TestEveryUsedKeyIsListed walks the Go sources and checks that every
// message key they use is in Messages, so no error reaches the UI with a
// key it cannot translate.
func TestEveryUsedKeyIsListed(t *testing.T) {
	root := filepath.Join("..", "..")
	used := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "frontend" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			for _, m := range keyUses.FindAllStringSubmatch(line, -1) {
				for _, k := range m[1:] {
					if k != "" {
						used[k] = path
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in use: the pattern no longer matches the code", len(used))
	}
	for k, path := range used {
		if _, ok := apperr.Messages[k]; !ok {
			t.Errorf("%s uses key %q, missing from apperr.Messages", path, k)
		}
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		params apperr.P
		want   string
	}{
		{"Plain", "guard_reason_required", nil, "请填写原因"},
		{"Terms", "step_not_from_status", apperr.P{
			"status": apperr.Term{Kind: "enums.status", Code: "registered", Name: "已登记"},
			"action": apperr.Term{Kind: "enums.moveAction", Code: "archive", Name: "归档"},
			"steps": []apperr.Term{{Kind: "enums.moveAction", Code: "triage", Name: "分类定级"},
				{Kind: "enums.moveAction", Code: "cancel", Name: "取消"}},
		}, "当前状态“已登记”不能执行“归档”；现在可以执行：分类定级、取消"},
		{"Nested", "step_refused", apperr.P{
			"action": apperr.Term{Kind: "enums.moveAction", Code: "deliver", Name: "交付"},
			"reason": apperr.Msg{Key: "guard_tasks_open", Params: apperr.P{"n": 2}},
		}, "不能交付：还有 2 项实施任务未完成（见“实施”页）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := apperr.Render(tt.key, tt.params); got != tt.want {
				t.Fatalf("Render = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNewIsWireReady(t *testing.T) {
	e := apperr.New(apperr.Conflict, "customer_duplicate", apperr.P{"id": "c1", "name": "华东电力"})
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back["key"] != "customer_duplicate" || back["message"] != "已有同名客户“华东电力”" {
		t.Fatalf("wire form %s", b)
	}
	if p, _ := back["params"].(map[string]any); p["id"] != "c1" {
		t.Fatalf("params %v", back["params"])
	}
}
