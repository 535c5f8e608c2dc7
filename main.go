// Command reqdesk is ReqDesk (需求管家): with no arguments it opens the
// desktop window; `reqdesk serve` offers the same app to a browser; further
// subcommands serve scripted use. main.go only wires the pieces together.
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"os/user"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/datadir"
	"github.com/reqdesk/reqdesk/internal/demo"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

//go:embed all:frontend/dist
var frontendDist embed.FS

//go:embed build/appicon.png
var appIcon []byte

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if err := rootCommand().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "错误:", err)
		os.Exit(1)
	}
}

// env is what every subcommand opens: the data directory, its database and a log.
type env struct {
	dataDir string
	store   *store.Store
	log     *slog.Logger
	logFile *os.File
	unlock  func()
	health  *app.Health
	stop    context.CancelFunc // ends background work before the store closes
}

func (e *env) Close() {
	if e.stop != nil {
		e.stop()
	}
	e.store.Close()
	if e.logFile != nil {
		e.logFile.Close()
	}
	e.unlock()
}

// checkInBackground starts the database integrity check.
func (e *env) checkInBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	e.stop = cancel
	e.health = app.CheckInBackground(ctx, e.store, e.log)
}

func (e *env) deps() app.Deps {
	return app.Deps{Store: e.store, Log: e.log, Version: version, DataDir: e.dataDir, Health: e.health}
}

// openEnv prepares the data directory, opens its log and database, and makes
// sure the settings have defaults.
func openEnv(ctx context.Context, dir string, clk clock.Clock) (*env, error) {
	dir, dbPath, err := datadir.Prepare(dir)
	if err != nil {
		return nil, fmt.Errorf("数据目录不可用: %w", err)
	}
	unlock, err := datadir.Lock(dir)
	if err != nil {
		return nil, err
	}
	logFile, err := os.OpenFile(filepath.Join(dir, "reqdesk.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	var w io.Writer = os.Stderr
	if err == nil {
		w = io.MultiWriter(os.Stderr, logFile)
	}
	log := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
	st, err := store.Open(ctx, dbPath, clk)
	if err != nil {
		if logFile != nil {
			logFile.Close()
		}
		unlock()
		return nil, fmt.Errorf("无法打开数据库 %s: %w", dbPath, err)
	}
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	e := &env{dataDir: dir, store: st, log: log, logFile: logFile, unlock: unlock}
	if err := st.EnsureSettings(ctx, settings.Defaults(name)); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

func rootCommand() *cobra.Command {
	var dataDir string
	root := &cobra.Command{
		Use:           "reqdesk",
		Short:         "需求管家 ReqDesk: customer request management, offline",
		Long:          "需求管家 ReqDesk — 客户需求响应管理。不带参数运行时打开桌面窗口。",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDesktop(cmd.Context(), dataDir)
		},
	}
	root.PersistentFlags().StringVar(&dataDir, "data", "", "data directory (default: the OS user data directory, e.g. ~/.local/share/reqdesk)")
	root.AddCommand(versionCommand(), serveCommand(&dataDir), demoCommand(&dataDir), backupCommand(&dataDir), restoreCommand(&dataDir))
	return root
}

func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "reqdesk %s (schema %d)\n", version, store.LatestSchema())
		},
	}
}

func assets() fs.FS {
	sub, err := fs.Sub(frontendDist, "frontend/dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}

func runDesktop(ctx context.Context, dataDir string) error {
	e, err := openEnv(ctx, dataDir, clock.System{})
	if err != nil {
		return err
	}
	defer e.Close()
	autoBackup(ctx, e)
	e.checkInBackground()
	return wails.Run(&options.App{
		Title:     "需求管家 ReqDesk",
		Width:     1280,
		Height:    820,
		MinWidth:  960,
		MinHeight: 600,
		// Opaque: an alpha of 1 paints the window black on X servers
		// without a compositor.
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets()},
		Bind:             app.Bindings(e.deps()),
		Linux:            &linux.Options{Icon: appIcon, ProgramName: "reqdesk"},
	})
}

func serveCommand(dataDir *string) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "serve the app to a browser on this machine",
		Long: "serve 在本机以浏览器方式提供同一个应用。默认只监听回环地址，\n" +
			"并要求使用启动时打印的一次性令牌链接打开。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			clk, err := serveClock()
			if err != nil {
				return err
			}
			e, err := openEnv(ctx, *dataDir, clk)
			if err != nil {
				return err
			}
			defer e.Close()
			autoBackup(ctx, e)
			e.checkInBackground()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("无法监听 %s: %w", addr, err)
			}
			token := server.NewToken()
			srv := &http.Server{
				Handler:           server.New(app.Bindings(e.deps()), assets(), token, e.log).Handler(),
				ReadHeaderTimeout: 10 * time.Second,
			}
			fmt.Fprintf(cmd.OutOrStdout(), "需求管家已启动，数据目录 %s\n请在浏览器中打开: http://%s/?token=%s\n", e.dataDir, ln.Addr(), token)
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
				shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
					return err
				}
				return nil
			}
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on (port 0 picks a free one)")
	return cmd
}

// testClockEnv names the environment variable with which end-to-end tests
// start serve mode at a known moment (RFC 3339); it is not for users.
const testClockEnv = "REQDESK_TEST_CLOCK"

func serveClock() (clock.Clock, error) {
	v := os.Getenv(testClockEnv)
	if v == "" {
		return clock.System{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", testClockEnv, err)
	}
	fmt.Fprintf(os.Stderr, "测试时钟：从 %s 开始计时\n", t.Format(time.RFC3339))
	return clock.NewShifted(t), nil
}

func demoCommand(dataDir *string) *cobra.Command {
	var opts demo.Options
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "fill an empty database with realistic Chinese demo data",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clk := clock.NewFixed(time.Now())
			e, err := openEnv(cmd.Context(), *dataDir, clk)
			if err != nil {
				return err
			}
			defer e.Close()
			start := time.Now()
			n, err := demo.Fill(cmd.Context(), e.store, clk, opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "已生成 %d 个客户、%d 条需求（%s），数据库 %s\n",
				n.Customers, n.Requests, time.Since(start).Round(time.Millisecond), e.store.Path())
			return nil
		},
	}
	cmd.Flags().IntVar(&opts.Customers, "customers", 40, "number of customers")
	cmd.Flags().IntVar(&opts.Requests, "requests", 400, "number of requests, spread over the last 12 months")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "random seed; the same seed gives the same data")
	return cmd
}
