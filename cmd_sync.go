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
	var user, code, name, fingerprint string
	cmd := &cobra.Command{
		Use:   "join URL --user NAME [--device-code X] [--fingerprint FP]",
		Short: "join this computer to a team server (reqdesk serve with accounts)",
		Long: "join 把本机加入团队：用账号登录团队服务器，以设备编号登记本机，下载团队数据（本机原有数据先另存为备份），\n" +
			"之后每次同步都把本机的修改推送到服务器并取回别人的修改。密码从终端读取（不回显），或从标准输入读一行。\n" +
			"https 服务器：先显示服务器出示的证书指纹，与服务器启动时打印的核对一致后才加入，之后只认这张证书；\n" +
			"不在终端上运行时请用 --fingerprint 给出核对过的指纹。",
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
				if fingerprint == "" {
					_, fp, err := c.Probe(ctx, args[0])
					if err != nil {
						return err
					}
					if fp != "" {
						if fingerprint, err = confirmFingerprint(cmd, fp); err != nil {
							return err
						}
					}
				}
				if err := c.Join(ctx, teamsync.JoinInput{Server: args[0], User: user, Password: pw, DeviceCode: code,
					DeviceName: name, Fingerprint: fingerprint}); err != nil {
					return err
				}
				cl, _, err := e.store.SyncClient(ctx)
				if err != nil {
					return err
				}
				team := cl.Server
				if cl.Team != "" {
					team = cl.Team + "（" + cl.Server + "）"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "已加入团队 %s，账号 %s，设备代码 %s\n", team, cl.Account, cl.DeviceCode)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&user, "user", "", "the account to log in with")
	cmd.Flags().StringVar(&code, "device-code", "", "this computer's device code (default: the one in its settings)")
	cmd.Flags().StringVar(&name, "device-name", "", "a name for this computer in the server's device list (default: its host name)")
	cmd.Flags().StringVar(&fingerprint, "fingerprint", "", "the SHA-256 fingerprint of the https server's certificate, as the server printed it")
	return cmd
}

// confirmFingerprint shows the fingerprint of the certificate an https
// server presents and asks, on a terminal, whether it is the one the
// server printed at its start; it returns it when confirmed. Off a
// terminal nobody can compare, so --fingerprint is needed.
func confirmFingerprint(cmd *cobra.Command, fp string) (string, error) {
	f, ok := cmd.InOrStdin().(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", fmt.Errorf("服务器证书指纹为 %s；请与服务器启动时打印的指纹核对，一致时用 --fingerprint 给出", fp)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "服务器证书指纹 (SHA-256)：\n  %s\n与服务器启动时打印的指纹一致吗？[y/N] ", fp)
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" && a != "是" {
		return "", errors.New("指纹未确认，没有加入团队")
	}
	return fp, nil
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
