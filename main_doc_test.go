package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/datadir"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

func TestDocCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := run(t, "demo", "--customers", "3", "--requests", "12", "--data", dir); err != nil {
		t.Fatal(err)
	}
	t.Run("List", func(t *testing.T) {
		out, err := run(t, "doc", "--list")
		if err != nil || !strings.Contains(out, "analysis_letter") || !strings.Contains(out, "需求分析确认函") ||
			strings.Count(out, "\n") != 10 {
			t.Fatalf("doc --list: %v\n%s", err, out)
		}
	})
	t.Run("FlagsBeforeAndAfterArgs", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "登记表.pdf")
		number := firstNumber(t, dir)
		out, err := run(t, "doc", "-o", file, "registration", "--data", dir, number)
		if err != nil || !strings.Contains(out, "已生成《客户需求登记表》") || !strings.Contains(out, "-DJ-V1") {
			t.Fatalf("doc: %v\n%s", err, out)
		}
		data, err := os.ReadFile(file)
		if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
			t.Fatalf("written file: %v", err)
		}
		out, err = run(t, "--data", dir, "doc", "registration", number, "-o", file)
		if err != nil || !strings.Contains(out, "-DJ-V2") {
			t.Fatalf("regenerated: %v\n%s", err, out)
		}
	})
	t.Run("RegistrationList", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "list.pdf")
		out, err := run(t, "doc", "registration_list", "-o", file, "--data", dir)
		if err != nil || !strings.Contains(out, "DJL-") {
			t.Fatalf("list: %v\n%s", err, out)
		}
	})
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrNoType", []string{"doc", "--data", dir}, "请指定文档类型"},
		{"ErrUnknownType", []string{"doc", "memo", "XR-2024-001", "-o", "x.pdf", "--data", dir}, "没有这种文档类型"},
		{"ErrNoNumber", []string{"doc", "analysis_letter", "-o", "x.pdf", "--data", dir}, "需要需求编号"},
		{"ErrNoOutput", []string{"doc", "registration", "XR-2024-001", "--data", dir}, "-o"},
		{"ErrUnknownRequest", []string{"doc", "registration", "XR-1999-999", "-o", filepath.Join(t.TempDir(), "x.pdf"), "--data", dir}, "没有编号为 XR-1999-999 的需求"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// firstNumber reads the number of the demo data's first request.
func firstNumber(t *testing.T, dir string) string {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(dir, datadir.DatabaseFile), clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page, err := s.ListRequests(ctx, request.Query{Sort: request.SortNumber, Limit: 1})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no demo request: %v", err)
	}
	return page.Items[0].Number
}
