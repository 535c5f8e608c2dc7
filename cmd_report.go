package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/reportfile"
)

// reportCommand prints the monthly or quarterly report as PDF or Excel:
// the newest issued version when there is one, else today's numbers.
func reportCommand(dataDir *string) *cobra.Command {
	var out, dept string
	var issue, draft bool
	cmd := &cobra.Command{
		Use:   "report monthly|quarterly|diagnosis|annual PERIOD -o FILE.pdf|FILE.xlsx",
		Short: "write the monthly, quarterly, communication diagnosis or annual evaluation report as PDF or Excel",
		Long: "report 生成《客户需求分析报告》（monthly，期间如 2026-10）或季度评估报告（quarterly，期间如 2026Q3），\n" +
			"按 -o 文件的扩展名写成 PDF 或 Excel。已出具过的报告默认输出最新一版（数字不随后续修改变化）；\n" +
			"《客户沟通现状诊断报告》（diagnosis，期间为月份或季度）和《年度效果评估报告》（annual，期间如 2026）只按全公司出具。\n" +
			"--draft 按当前数据生成草稿，--issue 先按当前数据出具新的一版再输出。例如：\n" +
			"  reqdesk report monthly 2026-10 -o 客户需求分析报告.pdf\n" +
			"  reqdesk report quarterly 2026Q3 --issue -o 季度评估报告.xlsx",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, period := args[0], args[1]
			if !slices.Contains(report.Kinds, kind) {
				return fmt.Errorf("报告类型只能是 monthly（月度分析报告）、quarterly（季度评估报告）、diagnosis（客户沟通现状诊断报告）或 annual（年度效果评估报告）")
			}
			p, err := report.ParseFor(kind, period, time.Local)
			if err != nil {
				return fmt.Errorf("统计期间不正确：%s（月度报告如 2026-10，季度报告如 2026Q3，诊断报告为月份或季度，年度报告如 2026）", period)
			}
			if out == "" {
				return errors.New("请用 -o 指定输出文件（.pdf 或 .xlsx）")
			}
			format := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
			if format != "pdf" && format != "xlsx" {
				return fmt.Errorf("输出文件须以 .pdf 或 .xlsx 结尾：%s", out)
			}
			if issue && draft {
				return errors.New("--issue 与 --draft 不能同时使用")
			}
			e, err := openEnv(cmd.Context(), *dataDir, clock.System{})
			if err != nil {
				return err
			}
			defer e.Close()
			ctx := cmd.Context()
			savedID := ""
			switch {
			case issue:
				saved, err := command.Run(ctx, command.New(e.store), command.IssueReport{Kind: kind, Period: period, Department: dept})
				if err != nil {
					return plainError(err)
				}
				savedID = saved.ID
			case !draft:
				issued, ok, err := e.store.LatestIssued(ctx, kind, p.Key, dept)
				if err != nil {
					return plainError(err)
				}
				if ok {
					savedID = issued.ID
				}
			}
			doc, err := reportfile.Gather(ctx, e.store, kind, period, dept, savedID)
			if err != nil {
				return plainError(err)
			}
			data, err := reportfile.Write(doc, format)
			if err != nil {
				return plainError(err)
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return fmt.Errorf("无法写入 %s: %w", out, err)
			}
			state := "草稿（按当前数据）"
			if doc.Version > 0 {
				state = fmt.Sprintf("第 %d 版", doc.Version)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "已生成%s %s，%s（%d KB）：%s\n", reportfile.Title(kind), reportfile.Number(doc), state,
				(len(data)+1023)/1024, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the file to write: .pdf or .xlsx")
	cmd.Flags().StringVar(&dept, "department", "", "only this department (default: all)")
	cmd.Flags().BoolVar(&issue, "issue", false, "issue a new version from today's numbers first, and write it")
	cmd.Flags().BoolVar(&draft, "draft", false, "write today's numbers even when a version was issued")
	return cmd
}
