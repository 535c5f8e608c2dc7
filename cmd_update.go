package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/datadir"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/update"
)

// updateDir is where a data directory keeps what updating needs: the
// release staged for the next start, the configured address, the record
// of the last switch.
func updateDir(dataDir string) string { return filepath.Join(dataDir, "update") }

// releasesDir is the release folder a team server serves under /releases/.
func releasesDir(dataDir string) string { return filepath.Join(dataDir, "releases") }

// executable is the running program's file, links resolved.
func executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(exe)
}

// switchAtStart is the start of the window and of serve mode: a release
// downloaded and checked earlier (update/pending) is checked again and put
// in place of this program, which then starts the new one in its place (on
// Unix the same process, with the same arguments). It returns why a staged
// release was refused, for the window to say; the program then goes on as
// it is. It holds the data directory's lock while it switches.
func switchAtStart(dir string, stderr io.Writer) error {
	d, _, err := datadir.Prepare(dir)
	if err != nil {
		return nil // openEnv says what is wrong
	}
	unlock, err := datadir.Lock(d)
	if err != nil {
		return nil // openEnv says so
	}
	exe, err := executable()
	if err != nil {
		unlock()
		return nil
	}
	to, err := update.Start(updateDir(d), exe, version, update.PublicKey())
	unlock()
	if err != nil {
		fmt.Fprintln(stderr, "更新:", apperrText(err))
		return err
	}
	if to == "" {
		return nil
	}
	fmt.Fprintf(stderr, "已换用新版本 %s（原为 %s）\n", to, version)
	// The new program takes over: the same process where the system
	// allows it (Unix), else a new one as this one ends.
	if err := syscall.Exec(exe, os.Args, os.Environ()); err != nil {
		// Windows: the file started from was moved aside, so the new
		// program is started by its path.
		cmd := exec.Command(exe, os.Args[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := cmd.Start(); err != nil {
			fmt.Fprintln(stderr, "无法启动新版本，请重新打开需求管家:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	return nil
}

func apperrText(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	return err.Error()
}

// newUpdater makes the updater of the program serving e: it looks for
// releases on the team server e joined, else at the configured address.
func newUpdater(e *env, restart bool, refused error) (*update.Updater, error) {
	exe, err := executable()
	if err != nil {
		return nil, err
	}
	u := update.New(update.Config{Dir: updateDir(e.dataDir), Exe: exe, Version: version, Key: update.PublicKey(),
		Team: teamOf(e.store), Restart: restart, Log: e.log})
	if refused != nil {
		u.StartError(refused)
	}
	return u, nil
}

// teamOf names the team server the laptop of st joined.
func teamOf(st *store.Store) update.Team {
	return func(ctx context.Context) (string, string, bool) {
		cl, ok, err := st.SyncClient(ctx)
		if err != nil || !ok {
			return "", "", false
		}
		return cl.Server, cl.Fingerprint, true
	}
}

func updateCommand(dataDir *string) *cobra.Command {
	var from string
	var checkOnly bool
	cmd := &cobra.Command{
		Use:   "update [--check] [--from URL]",
		Short: "check for a newer signed release, download and check it; it is used from the next start",
		Long: "update 查找更新的已签名发布：本机已加入团队时从团队服务器（/releases/），否则从“设置 → 关于”中\n" +
			"填写的更新地址，或 --from 给出的地址。找到时显示版本和说明，下载本机的程序并核对签名和 SHA-256，\n" +
			"下次启动（桌面窗口或 serve）时换用。--check 只检查不下载。从不降级，不接受未签名或被改动的文件。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := openEnv(cmd.Context(), *dataDir, clock.System{})
			if err != nil {
				return err
			}
			defer e.Close()
			u, err := newUpdater(e, false, nil)
			if err != nil {
				return err
			}
			if from != "" {
				if err := u.Override(from); err != nil {
					return errors.New(apperrText(err))
				}
			}
			out := cmd.OutOrStdout()
			st, err := u.Check(cmd.Context())
			if err != nil {
				return errors.New(apperrText(err))
			}
			fmt.Fprintf(out, "正在运行 %s，检查 %s\n", version, st.Source)
			if st.Available == nil {
				fmt.Fprintln(out, "已是最新版本")
				return nil
			}
			a := st.Available
			fmt.Fprintf(out, "新版本 %s（%s，%.1f MB）\n", a.Version, a.Date, float64(a.Size)/1e6)
			if a.Notes != "" {
				fmt.Fprintf(out, "%s\n", strings.TrimSpace(a.Notes))
			}
			if checkOnly {
				return nil
			}
			if st.InstallBlocked != nil {
				return errors.New(st.InstallBlocked.Message)
			}
			if _, err := u.Download(cmd.Context()); err != nil {
				return errors.New(apperrText(err))
			}
			fmt.Fprintf(out, "已下载并核对签名和 SHA-256：下次启动时换用 %s\n", a.Version)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the release folder to check (an http(s) URL) instead of the team server or the configured address")
	cmd.Flags().BoolVar(&checkOnly, "check", false, "only check and show the new version's notes; download nothing")
	return cmd
}

func releaseCommand(dataDir *string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "release",
		Short: "manage the release a team server offers its laptops",
	}
	publish := &cobra.Command{
		Use:   "publish DIR",
		Short: "check a release folder (make dist) and offer it to the team's laptops under /releases/",
		Long: "release publish 检查 make dist 生成的发布文件夹（签名和每个文件的 SHA-256，用程序内置的发布公钥），\n" +
			"然后把它放到数据目录的 releases/ 中，团队服务器在 /releases/ 下只读提供，已加入团队的电脑从这里更新。\n" +
			"服务器运行时也可以发布；旧的发布被整个替换。",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, _, err := datadir.Prepare(*dataDir)
			if err != nil {
				return fmt.Errorf("数据目录不可用: %w", err)
			}
			m, err := update.Publish(args[0], releasesDir(d), update.PublicKey())
			if err != nil {
				return errors.New(apperrText(err))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "已发布 %s（%d 个文件）到 %s：团队服务器在 /releases/ 下提供\n", m.Version, len(m.Files), releasesDir(d))
			return nil
		},
	}
	cmd.AddCommand(publish)
	return cmd
}
