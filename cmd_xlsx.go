package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// plainError turns an error meant for the user into its plain message.
func plainError(err error) error {
	if e, ok := apperr.As(err); ok {
		return fmt.Errorf("%s", e.Message)
	}
	return err
}

func exportCommand(dataDir *string) *cobra.Command {
	var out string
	var q request.Query
	var statuses, urgencies []string
	cmd := &cobra.Command{
		Use:   "export registrations|tracking|feedback|template -o FILE.xlsx",
		Short: "export the registration, progress tracking or feedback table (or the blank template) to Excel",
		Long: "export 把需求导出为 Excel 表格，不限行数：\n" +
			"  registrations 客户需求登记表（可再导入）\n" +
			"  tracking      需求处理进度跟踪表\n" +
			"  feedback      客户反馈表\n" +
			"  template      空白的登记表导入模板\n" +
			"筛选条件与需求列表相同，例如 --from 2024-01-01 --to 2024-03-31 --status 处理中。",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("请用 -o 指定要写入的 .xlsx 文件")
			}
			kind := args[0]
			if kind != "template" {
				if _, err := xlsx.ParseKind(kind); err != nil {
					return plainError(err)
				}
			}
			for _, s := range statuses {
				st, ok := xlsx.ParseStatus(s)
				if !ok {
					return fmt.Errorf("未知的状态：%s", s)
				}
				q.Statuses = append(q.Statuses, st)
			}
			for _, s := range urgencies {
				u, ok := xlsx.ParseUrgency(s)
				if !ok {
					return fmt.Errorf("未知的紧急程度：%s（紧急、重要、一般、潜在）", s)
				}
				q.Urgencies = append(q.Urgencies, u)
			}
			e, err := openEnv(cmd.Context(), *dataDir, clock.System{})
			if err != nil {
				return err
			}
			defer e.Close()
			start := time.Now()
			n, err := writeAtomically(out, func(w io.Writer) (int, error) {
				if kind == "template" {
					return 0, xlsx.WriteTemplate(cmd.Context(), w, e.store)
				}
				return xlsx.Export(cmd.Context(), w, e.store, xlsx.Kind(kind), q)
			})
			if err != nil {
				return plainError(err)
			}
			if kind == "template" {
				fmt.Fprintf(cmd.OutOrStdout(), "已写入导入模板 %s\n", out)
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "已导出 %d 行%s到 %s（用时 %s）\n", n, xlsx.Kind(kind).Title(), out,
				time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", "", "the .xlsx file to write")
	f.StringVar(&q.ReceivedFrom, "from", "", "received on or after this day (YYYY-MM-DD)")
	f.StringVar(&q.ReceivedTo, "to", "", "received on or before this day (YYYY-MM-DD)")
	f.StringSliceVar(&statuses, "status", nil, "statuses, by code or Chinese name (repeat or separate with commas)")
	f.StringSliceVar(&urgencies, "urgency", nil, "urgencies: 紧急, 重要, 一般, 潜在")
	f.StringSliceVar(&q.Types, "type", nil, "request types")
	f.StringSliceVar(&q.Channels, "channel", nil, "channels")
	f.StringVar(&q.Owner, "owner", "", "owner")
	f.StringVar(&q.Search, "search", "", "search text (number, description, customer)")
	f.StringVar(&q.Sort, "sort", "", "sort by receivedAt, number, urgency, updatedAt or customerName")
	f.BoolVar(&q.Desc, "desc", false, "sort descending")
	return cmd
}

// writeAtomically writes a file through a temporary one beside it, so that a
// failed export leaves no half-written file behind.
func writeAtomically(path string, write func(io.Writer) (int, error)) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".reqdesk-export-*.xlsx")
	if err != nil {
		return 0, fmt.Errorf("无法写入 %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	n, err := write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return n, fmt.Errorf("无法写入 %s: %w", path, err)
	}
	return n, nil
}

func importCommand(dataDir *string) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FILE.xlsx [--dry-run]",
		Short: "import requests from a registration table (.xlsx): all rows or none",
		Long: "import 从客户需求登记表（导入模板或自己的表格）导入需求。先检查全部行：\n" +
			"只要有一个问题就一行也不写入，并列出每个问题所在的工作表、行和列。\n" +
			"带需求编号且系统中已有的行会更新那条需求，所以重复导入不会产生重复的需求。\n" +
			"--dry-run 只检查并报告将新建、更新、跳过多少条，不写入。",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			info, err := os.Stat(args[0])
			if err != nil {
				return fmt.Errorf("无法读取 %s: %w", args[0], err)
			}
			if info.Size() > xlsx.MaxFileSize {
				return fmt.Errorf("文件有 %.1f MB，超过导入上限 %d MB；请分成几个文件导入", float64(info.Size())/(1<<20), xlsx.MaxFileSize>>20)
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("无法读取 %s: %w", args[0], err)
			}
			e, err := openEnv(cmd.Context(), *dataDir, clock.System{})
			if err != nil {
				return err
			}
			defer e.Close()
			rep, err := command.ImportWorkbook(cmd.Context(), command.New(e.store), data, dryRun)
			if err != nil {
				return plainError(err)
			}
			printReport(cmd.OutOrStdout(), rep)
			if rep.ProblemCount > 0 {
				return fmt.Errorf("发现 %d 个问题（涉及 %d 行），没有导入任何数据；请改正后重新导入", rep.ProblemCount, rep.InvalidRows)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check and report only; write nothing")
	return cmd
}

func printReport(w io.Writer, rep request.ImportReport) {
	verb := "已"
	if rep.DryRun || !rep.Applied {
		verb = "将"
	}
	fmt.Fprintf(w, "读取 %d 行（工作表：%s）\n", rep.Rows, strings.Join(rep.Sheets, "、"))
	fmt.Fprintf(w, "%s新建 %d 条，%s更新 %d 条，跳过 %d 条（内容相同）；新客户 %d 个，新联系人 %d 个\n",
		verb, rep.Created, verb, rep.Updated, rep.Skipped, rep.CustomersCreated, rep.ContactsCreated)
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "说明：%s\n", n)
	}
	for _, p := range rep.Problems {
		at := fmt.Sprintf("工作表“%s”", p.Sheet)
		if p.Row > 0 {
			at += fmt.Sprintf(" 第 %d 行", p.Row)
		}
		if p.Column != "" {
			at += fmt.Sprintf(" %s 列", p.Column)
		}
		if p.Header != "" {
			at += fmt.Sprintf("（%s）", p.Header)
		}
		fmt.Fprintf(w, "问题：%s：%s\n", at, p.Message)
	}
	switch {
	case rep.DryRun && rep.ProblemCount == 0:
		fmt.Fprintln(w, "检查通过（试运行，未写入）。")
	case rep.Applied:
		fmt.Fprintln(w, "导入完成。")
	}
}
