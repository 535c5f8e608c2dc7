package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/datadir"
	"github.com/reqdesk/reqdesk/internal/teamsync"
)

// withSync opens the data directory and runs fn with its team sync client.
func withSync(cmd *cobra.Command, dataDir string, fn func(context.Context, *env, *teamsync.Client) error) error {
	e, err := openEnv(cmd.Context(), dataDir, clock.System{})
	if errors.Is(err, datadir.ErrInUse) {
		return fmt.Errorf("%w；程序正在运行时请在其中的“设置 → 团队同步”操作", err)
	}
	if err != nil {
		return err
	}
	defer e.Close()
	return userError(fn(cmd.Context(), e, e.sync.Client))
}

func joinCommand(dataDir *string) *cobra.Command {
	var user, code, name string
	cmd := &cobra.Command{
		Use:   "join URL --user NAME [--device-code X]",
		Short: "join this computer to a team server (reqdesk serve with accounts)",
		Long: "join 把本机加入团队：用账号登录团队服务器，以设备编号登记本机，下载团队数据（本机原有数据先另存为备份），\n" +
			"之后每次同步都把本机的修改推送到服务器并取回别人的修改。密码从终端读取（不回显），或从标准输入读一行。",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if user == "" {
				return errors.New("请用 --user 指定账号")
			}
			pw, err := readLoginPassword(cmd)
			if err != nil {
				return err
			}
			if name == "" {
				name, _ = os.Hostname()
			}
			return withSync(cmd, *dataDir, func(ctx context.Context, e *env, c *teamsync.Client) error {
				if err := c.Join(ctx, teamsync.JoinInput{Server: args[0], User: user, Password: pw, DeviceCode: code,
					DeviceName: name}); err != nil {
					return err
				}
				cl, _, err := e.store.SyncClient(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "已加入团队 %s（%s），账号 %s，设备编号 %s\n", cl.Team, cl.Server, cl.Account, cl.DeviceCode)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&user, "user", "", "the account to log in with")
	cmd.Flags().StringVar(&code, "device-code", "", "this computer's device code (default: the one in its settings)")
	cmd.Flags().StringVar(&name, "device-name", "", "a name for this computer in the server's device list (default: its host name)")
	return cmd
}

func syncCommand(dataDir *string) *cobra.Command {
	return &cobra.Command{
		Use:   "sync",
		Short: "sync once with the team server: push local changes, pull the others'",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withSync(cmd, *dataDir, func(ctx context.Context, e *env, c *teamsync.Client) error {
				rep, err := c.Round(ctx)
				if err != nil {
					return err
				}
				waiting, err := e.store.OutboxCount(ctx)
				if err != nil {
					return err
				}
				open, err := e.store.InboxCount(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "已推送 %d 项修改（其中 %d 项被服务器拒绝），取回 %d 行；待同步 %d 项，同步冲突 %d 项\n",
					rep.Pushed, rep.Conflicts, rep.Pulled, waiting, open)
				return nil
			})
		},
	}
}

func leaveCommand(dataDir *string) *cobra.Command {
	return &cobra.Command{
		Use:   "leave",
		Short: "leave the team; the data stays on this computer",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withSync(cmd, *dataDir, func(ctx context.Context, e *env, c *teamsync.Client) error {
				if err := c.Leave(ctx); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), "已退出团队；本机数据保留")
				return nil
			})
		},
	}
}

// readLoginPassword reads a password once: from the terminal without echo,
// or one line of standard input when it is not a terminal.
func readLoginPassword(cmd *cobra.Command) (string, error) {
	if f, ok := cmd.InOrStdin().(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(cmd.ErrOrStderr(), "密码：")
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(cmd.ErrOrStderr())
		return string(pw), err
	}
	line, err := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("标准输入中没有密码")
	}
	return pw, nil
}
