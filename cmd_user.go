package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/datadir"
	"github.com/reqdesk/reqdesk/internal/request"
)

// userCommand manages the local accounts people log in with when serve
// mode runs on a network.
func userCommand(dataDir *string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "manage the accounts for serve mode on a network (add, list, passwd, disable, enable)",
		Long: "user 管理局域网模式（reqdesk serve --addr 0.0.0.0:端口）的本地账号。\n" +
			"角色：" + roleList() + "。\n" +
			"密码从终端读取（不回显），脚本可用 --password-stdin 从标准输入读一行；密码从不出现在命令行参数里。\n" +
			"管理账号时请先停止 reqdesk serve（同一数据目录同时只能由一个进程打开）。",
		Args: cobra.NoArgs,
	}
	var roles []string
	var fromStdin bool
	add := &cobra.Command{
		Use:   "add NAME --role ROLE...",
		Short: "add an account; the password is read from the terminal or --password-stdin",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := auth.Fields{Name: args[0]}
			for _, s := range roles {
				for _, part := range strings.Split(s, ",") {
					r, ok := auth.ParseRole(part)
					if !ok {
						return fmt.Errorf("没有这个角色：%s；可用的角色：%s", part, roleList())
					}
					f.Roles = append(f.Roles, r)
				}
			}
			if len(f.Roles) == 0 {
				return fmt.Errorf("请用 --role 指定至少一个角色：%s", roleList())
			}
			if err := f.Normalize().Validate(); err != nil {
				return userError(err)
			}
			pw, err := readPassword(cmd, fromStdin, "新账号 "+f.Name+" 的密码")
			if err != nil {
				return err
			}
			f, hash, err := auth.NewAccount(f, pw)
			if err != nil {
				return userError(err)
			}
			return withAccounts(cmd, *dataDir, func(ctx context.Context, _ *auth.Service, cmds *command.Service) error {
				a, err := command.Run(ctx, cmds, command.CreateAccount{Fields: f, PasswordHash: hash})
				if err != nil {
					return userError(err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "已创建账号 %s（%s）\n", a.Name, roleNames(a.Roles))
				return nil
			})
		},
	}
	add.Flags().StringSliceVar(&roles, "role", nil, "role(s): "+roleKeys()+" (or the Chinese names); repeat or separate with commas")
	add.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input")

	list := &cobra.Command{
		Use:   "list",
		Short: "list the accounts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withAccounts(cmd, *dataDir, func(ctx context.Context, svc *auth.Service, _ *command.Service) error {
				accounts, err := svc.List(ctx)
				if err != nil {
					return err
				}
				if len(accounts) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "还没有账号。用 reqdesk user add 名字 --role admin 创建第一个。")
					return nil
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "账号\t角色\t状态\t最近登录")
				for _, a := range accounts {
					state, last := "可用", "从未登录"
					if a.Disabled {
						state = "已停用"
					}
					if !a.LastLoginAt.IsZero() {
						last = a.LastLoginAt.Local().Format("2006-01-02 15:04")
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Name, roleNames(a.Roles), state, last)
				}
				return tw.Flush()
			})
		},
	}

	var passwdStdin bool
	passwd := &cobra.Command{
		Use:   "passwd NAME",
		Short: "set a new password (ends the account's sessions)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, err := readPassword(cmd, passwdStdin, "账号 "+auth.NormalizeName(args[0])+" 的新密码")
			if err != nil {
				return err
			}
			hash, err := auth.NewPassword(args[0], pw)
			if err != nil {
				return userError(err)
			}
			return withAccounts(cmd, *dataDir, func(ctx context.Context, _ *auth.Service, cmds *command.Service) error {
				a, err := command.Run(ctx, cmds, command.SetAccountPassword{Account: args[0], PasswordHash: hash})
				if err != nil {
					return userError(err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "已修改 %s 的密码，已有的登录全部失效\n", a.Name)
				return nil
			})
		},
	}
	passwd.Flags().BoolVar(&passwdStdin, "password-stdin", false, "read the password from the first line of standard input")

	setDisabled := func(use, short, done string, disabled bool) *cobra.Command {
		return &cobra.Command{
			Use:   use + " NAME",
			Short: short,
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return withAccounts(cmd, *dataDir, func(ctx context.Context, _ *auth.Service, cmds *command.Service) error {
					a, err := command.Run(ctx, cmds, command.SetAccountDisabled{Account: args[0], Disabled: disabled})
					if err != nil {
						return userError(err)
					}
					fmt.Fprintf(cmd.OutOrStdout(), done+"\n", a.Name)
					return nil
				})
			},
		}
	}
	cmd.AddCommand(add, list, passwd,
		setDisabled("disable", "disable an account and end its sessions", "已停用账号 %s，其登录全部失效", true),
		setDisabled("enable", "enable a disabled account again", "已重新启用账号 %s", false))
	return cmd
}

// withAccounts opens the data directory and runs fn with its accounts and
// the commands that change them.
func withAccounts(cmd *cobra.Command, dataDir string, fn func(context.Context, *auth.Service, *command.Service) error) error {
	e, err := openEnv(cmd.Context(), dataDir, clock.System{})
	if errors.Is(err, datadir.ErrInUse) {
		return fmt.Errorf("%w；请先停止 reqdesk serve 再管理账号", err)
	}
	if err != nil {
		return err
	}
	defer e.Close()
	return fn(cmd.Context(), auth.NewService(e.store, clock.System{}), command.New(e.store))
}

// readPassword reads a new password: one line of standard input with
// --password-stdin, else twice from the terminal without echo.
func readPassword(cmd *cobra.Command, fromStdin bool, what string) (string, error) {
	if fromStdin {
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
	f, ok := cmd.InOrStdin().(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", errors.New("请在终端中输入密码，或用 --password-stdin 从标准输入读取")
	}
	fd, w := int(f.Fd()), cmd.ErrOrStderr()
	fmt.Fprintf(w, "%s（至少 %d 个字符）：", what, auth.MinPassword)
	first, err := term.ReadPassword(fd)
	fmt.Fprintln(w)
	if err != nil {
		return "", err
	}
	fmt.Fprint(w, "再输入一次：")
	second, err := term.ReadPassword(fd)
	fmt.Fprintln(w)
	if err != nil {
		return "", err
	}
	if string(first) != string(second) {
		return "", errors.New("两次输入的密码不一致")
	}
	return string(first), nil
}

// userError turns an error meant for the user into its Chinese message.
func userError(err error) error {
	if e, ok := apperr.As(err); ok {
		return errors.New(e.Message)
	}
	return err
}

func roleNames(roles []request.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = auth.RoleLabel(r)
	}
	return strings.Join(names, "、")
}

func roleList() string {
	parts := make([]string, len(auth.Roles))
	for i, r := range auth.Roles {
		parts[i] = string(r) + " " + auth.RoleLabel(r)
	}
	return strings.Join(parts, "，")
}

func roleKeys() string {
	keys := make([]string, len(auth.Roles))
	for i, r := range auth.Roles {
		keys[i] = string(r)
	}
	return strings.Join(keys, ", ")
}

// loopback reports whether addr listens on this machine only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// serveAccounts is the account service of serve mode on a network; it
// refuses to start while nobody could log in.
func serveAccounts(ctx context.Context, e *env, clk clock.Clock) (*auth.Service, error) {
	svc := auth.NewService(e.store, clk)
	if err := svc.Ready(ctx); err != nil {
		return nil, err
	}
	return svc, nil
}

// printNetworkURLs names the addresses others can open (with scheme, http
// or https): every IPv4 address of this machine when listening on all of
// them.
func printNetworkURLs(w io.Writer, dataDir string, addr net.Addr, scheme string) {
	fmt.Fprintf(w, "需求管家已在网络上启动（需要账号登录），数据目录 %s\n请在浏览器中打开:\n", dataDir)
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		fmt.Fprintf(w, "  %s://%s/\n", scheme, addr)
		return
	}
	fmt.Fprintf(w, "  %s://127.0.0.1:%d/\n", scheme, tcp.Port)
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
			fmt.Fprintf(w, "  %s://%s:%d/\n", scheme, n.IP, tcp.Port)
		}
	}
}
