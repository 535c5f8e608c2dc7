// Command reqdesk is ReqDesk (需求管家): with no arguments it opens the
// desktop window; `reqdesk serve` offers the same app to a browser; further
// subcommands serve scripted use. main.go only wires the pieces together.
package main

import (
	"context"
	"crypto/tls"
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
	"sync"
	"syscall"
	"time"
	_ "time/tzdata" // the company's time zone loads on Windows too, which has no zone database

	"github.com/spf13/cobra"
	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/datadir"
	"github.com/reqdesk/reqdesk/internal/demo"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/release"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/teamsync"
	"github.com/reqdesk/reqdesk/internal/tlscert"
	"github.com/reqdesk/reqdesk/internal/update"
	"github.com/reqdesk/reqdesk/internal/window"
)

//go:embed all:frontend/dist
var frontendDist embed.FS

//go:embed build/appicon.png
var appIcon []byte

// version, commit and buildDate are set at build time with -ldflags
// "-X main.version=... -X main.commit=... -X main.buildDate=..." (the
// Makefile and cmd/dist do).
var (
	version   = "dev"
	commit    = "unknown"
	buildDate = "unknown"
)

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
	clock   clock.Clock // the time of everything the program does
	// commands makes every change to store (see internal/command).
	commands *command.Service
	log      *slog.Logger
	logFile  *os.File
	unlock   func()
	health   *app.Health
	shell    *app.Shell // the desktop window's runtime; nil in serve mode
	// fingerprint is that of the certificate serve mode answers with over
	// TLS ("" over plain HTTP).
	fingerprint string
	// sync is team sync: this laptop's client and schedule (and, serving
	// a team, the server's flag).
	sync *app.Sync
	// update checks for newer releases of the program (nil: the program
	// does not update itself, as a team server).
	update *update.Updater
	// background ends with the program; stop ends it before the store closes.
	background context.Context
	stop       context.CancelFunc
	// working counts background work that must end before the store closes.
	working sync.WaitGroup
	closed  bool
	// checkPlan is when this run checks the database's integrity, from
	// checkLast, the record the last run left (see backup.PlanCheck).
	checkPlan backup.CheckPlan
	checkLast backup.CheckRecord
}

func (e *env) Close() {
	if e.closed {
		return
	}
	e.closed = true
	if e.stop != nil {
		e.stop()
	}
	e.working.Wait()
	e.store.Close()
	e.recordCheck()
	if e.logFile != nil {
		e.logFile.Close()
	}
	e.unlock()
}

// recordCheck leaves the record of the integrity check for the next run,
// once the store is closed: the database as this clean close leaves it and
// the latest verdict. A run that was to check at once and closed before
// its check ended leaves the record saying the database is open, so the
// next run checks at once in its place.
func (e *env) recordCheck() {
	at, sound, ok := e.health.Verdict()
	if !ok {
		if e.health != nil && e.checkPlan == backup.CheckNow {
			return
		}
		at, sound = e.checkLast.CheckedAt, e.checkLast.OK
	}
	path := e.store.Path()
	file, err := backup.StatDatabase(path)
	if err == nil {
		err = backup.SaveCheckRecord(path, backup.CheckRecord{CheckedAt: at, OK: sound, File: file})
	}
	if err != nil {
		e.log.Warn("integrity check record", "err", err)
	}
}

// checkInBackground starts the database integrity check, and the minute
// by minute escalation of breached time limits and emergencies, which must
// happen whether or not anyone has the notification centre open.
func (e *env) checkInBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	e.background, e.stop = ctx, cancel
	// The integrity check reads the whole database: at once only when
	// something may have damaged it, otherwise once a day after the day's
	// backup, on its thread (backup.PlanCheck).
	if e.checkPlan == backup.CheckNow {
		e.health = app.CheckInBackground(ctx, e.store, e.log)
	} else {
		e.health = app.HealthFrom(e.checkLast)
	}
	// The day's automatic backup copies the whole database (seconds on a
	// large one): it waits until the first screens are answered and runs
	// at a lower priority; closing the program before then makes it as the
	// program closes (Close waits for it), so the day still has its backup.
	e.working.Add(1)
	go func() {
		defer e.working.Done()
		daily := backup.Daily{Store: e.store, Clock: e.clock, Keep: backup.DefaultRetention, Log: e.log,
			Then: func(ctx context.Context) {
				if e.health.Due(e.clock.Now()) {
					e.health.Check(ctx, e.store, e.log)
				}
			}}
		daily.Run(ctx)
	}()
	// The planner's statistics (a fraction of a second on the writing
	// connection) and the look for requests without derived rows wait
	// for the first screens too.
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-time.After(backup.DefaultDelay):
		}
		if err := e.store.Optimize(ctx); err != nil && ctx.Err() == nil {
			e.log.Warn("planner statistics", "err", err)
		}
		// Requests without derived rows (none unless the file was written
		// outside this program since its last clean close).
		if n, err := e.store.RebuildMetrics(ctx); err != nil && ctx.Err() == nil {
			e.log.Warn("derived rows", "err", err)
		} else if n > 0 {
			e.log.Info("derived rows made", "requests", n)
		}
	}()
	// Team sync's schedule: a round at start, every few minutes and soon
	// after local changes, while this laptop is joined to a team.
	changes := app.Changes(e.commands)
	if e.update != nil {
		// Checks for a newer release: in the background, bounded in time,
		// quiet while offline (see internal/update).
		go e.update.Run(ctx)
	}
	e.working.Add(1)
	go func() {
		defer e.working.Done()
		e.sync.Run(ctx, changes)
	}()
	go func() {
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			// A laptop in a team leaves escalation to the team server,
			// which sees every laptop's work; it receives the server's.
			if _, joined, _ := e.store.SyncClient(ctx); !joined {
				if made, err := command.Run(ctx, command.New(e.store), command.Escalate{}); err != nil && ctx.Err() == nil {
					e.log.Error("escalation failed", "err", err)
				} else if len(made) > 0 {
					e.log.Info("escalated", "count", len(made))
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}

func (e *env) deps() app.Deps {
	return app.Deps{Store: e.store, Commands: e.commands, Clock: e.clock, Log: e.log, Version: version, DataDir: e.dataDir,
		Health: e.health, Shell: e.shell, Fingerprint: e.fingerprint, Sync: e.sync, Update: e.update}
}

// openEnv prepares the data directory, opens its log and database, and makes
// sure the settings have defaults.
func openEnv(ctx context.Context, dir string, clk clock.Clock, opts ...store.Option) (*env, error) {
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
	log.Info("start", "version", version, "commit", commit, "pid", os.Getpid())
	applyPendingRestore(ctx, dbPath, clk.Now(), log)
	// Whether the database is as the last clean close left it, before it
	// is opened; then it is marked open until this run closes it cleanly.
	last, found := backup.LoadCheckRecord(dbPath)
	file, err := backup.StatDatabase(dbPath)
	plan := backup.CheckNow
	if err == nil {
		plan = backup.PlanCheck(last, found, file, clk.Now())
	}
	open := last
	open.Open = true
	if err := backup.SaveCheckRecord(dbPath, open); err != nil {
		log.Warn("integrity check record", "err", err)
	}
	// A file as the last clean close left it has every derived row: the
	// look for missing ones waits for the first screens (see
	// checkInBackground).
	openStore := store.Open
	if found && plan != backup.CheckNow {
		openStore = store.OpenTrusted
	}
	st, err := openStore(ctx, dbPath, clk, opts...)
	if err != nil {
		if logFile != nil {
			logFile.Close()
		}
		unlock()
		return nil, fmt.Errorf("无法打开数据库 %s: %w%s", dbPath, err, restoreHint(dbPath))
	}
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	e := &env{dataDir: dir, store: st, clock: clk, commands: command.New(st), log: log, logFile: logFile, unlock: unlock,
		checkPlan: plan, checkLast: last}
	e.sync = app.NewSync(e.commands, log)
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
	root.AddCommand(versionCommand(), serveCommand(&dataDir), demoCommand(&dataDir), backupCommand(&dataDir), restoreCommand(&dataDir),
		docCommand(&dataDir))
	root.AddCommand(exportCommand(&dataDir), importCommand(&dataDir), reportCommand(&dataDir), userCommand(&dataDir))
	root.AddCommand(joinCommand(&dataDir), syncCommand(&dataDir), leaveCommand(&dataDir))
	root.AddCommand(updateCommand(&dataDir), releaseCommand(&dataDir))
	root.AddCommand(manCommand(root))
	return root
}

// manCommand prints the reqdesk(1) manual page the Linux packages install,
// made from the commands and flags above.
func manCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "print the manual page (roff) of reqdesk(1)",
		Args:   cobra.NoArgs,
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			date := time.Now()
			if t, err := time.Parse(time.RFC3339, buildDate); err == nil {
				date = t
			}
			_, err := cmd.OutOrStdout().Write(release.ManPage(root, version, date))
			return err
		},
	}
}

func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "reqdesk %s\ncommit %s\nbuilt %s\nschema %d\n", version, commit, buildDate, store.LatestSchema())
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
	refused := switchAtStart(dataDir, os.Stderr)
	e, err := openEnv(ctx, dataDir, clock.System{})
	if err != nil {
		return err
	}
	defer e.Close()
	if e.update, err = newUpdater(e, true, refused); err != nil {
		e.log.Warn("updates off", "err", err)
	}
	e.checkInBackground()
	shell := &app.Shell{}
	e.shell = shell
	// The window opens at a size that fits the smallest screen supported
	// (1280×720) and, once on its screen, takes the size and place it had
	// when last closed, or the preferred size, fitted to that screen.
	first := window.Fit(nil, 1280, 720)
	// Ending the program (a logout, kill) closes the window as its close
	// button does, so its size and place are kept: Wails's own handler of
	// SIGINT and SIGTERM quits the window through OnBeforeClose. A second
	// handler here quit it again at the same moment, and two quits racing
	// in GTK crashed the program now and then (SIGSEGV in gtk_main_quit).
	err = wails.Run(&options.App{
		Title:     "需求管家 ReqDesk",
		Width:     first.Width,
		Height:    first.Height,
		MinWidth:  window.MinWidth,
		MinHeight: window.MinHeight,
		// Opaque: an alpha of 1 paints the window black on X servers
		// without a compositor.
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets()},
		Bind:             app.Bindings(e.deps()),
		OnStartup: func(ctx context.Context) {
			shell.Startup(ctx)
			e.sync.OnStatus(func(st app.SyncStatus) { shell.Emit("sync:status", st) })
			if e.update != nil {
				e.update.OnStatus(func(st update.Status) { shell.Emit("update:status", st) })
			}
			go app.WatchAlerts(e.background, e.store, app.Changes(e.commands), shell, e.log)
		},
		OnDomReady: func(context.Context) { shell.PlaceWindow(e.dataDir, e.log) },
		OnBeforeClose: func(context.Context) bool {
			shell.SaveWindow(e.dataDir, e.log)
			return false
		},
		Linux: &linux.Options{Icon: appIcon, ProgramName: "reqdesk"},
	})
	if err == nil && shell.RestartRequested() {
		e.Close() // the new process takes the data directory's lock
		return relaunch()
	}
	return err
}

func serveCommand(dataDir *string) *cobra.Command {
	var addr, tlsCert, tlsKey string
	var accounts bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "serve the app to a browser on this machine, or with --addr 0.0.0.0:PORT to the network",
		Long: "serve 以浏览器方式提供同一个应用。默认只监听回环地址，\n" +
			"并要求使用启动时打印的一次性令牌链接打开。\n" +
			"--addr 0.0.0.0:PORT 在局域网上提供服务：每个人用本地账号登录（reqdesk user add 创建），\n" +
			"按角色限制可做的操作，并以 HTTPS 提供：没有 --tls-cert/--tls-key 时，首次启动在数据目录中\n" +
			"生成自签名证书，启动时打印其指纹供加入的电脑核对。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			clk, err := serveClock()
			if err != nil {
				return err
			}
			refused := switchAtStart(*dataDir, cmd.ErrOrStderr())
			network := accounts || !loopback(addr)
			var opts []store.Option
			if network {
				// The office's server: many readers while writes come in.
				opts = append(opts, store.MapReads())
			}
			e, err := openEnv(ctx, *dataDir, clk, opts...)
			if err != nil {
				return err
			}
			defer e.Close()
			if !network {
				// A laptop's own serve mode updates the laptop's program
				// as its window does; a team server is updated by hand.
				if e.update, err = newUpdater(e, false, refused); err != nil {
					e.log.Warn("updates off", "err", err)
				}
			}
			e.checkInBackground()
			var srvAccounts *auth.Service
			var team *teamsync.Server
			if network {
				if srvAccounts, err = serveAccounts(ctx, e, clk); err != nil {
					return err
				}
				// Serving with accounts serves a team: laptops join and
				// sync under /sync/.
				if team, err = teamsync.NewServer(ctx, e.commands, srvAccounts, e.log); err != nil {
					return err
				}
				e.sync.IsServer = true
				// The team's group robot (钉钉 / 企业微信), when an
				// administrator set one: beside sync, never in its way.
				go app.WatchRobot(ctx, e.store, app.Changes(e.commands), &http.Client{Timeout: 20 * time.Second}, e.log)
			}
			cert, err := serveCertificate(e, tlsCert, tlsKey, network && !loopback(addr), addr)
			if err != nil {
				return err
			}
			cfg := server.Config{Bind: app.Binder(e.deps()), Assets: assets(), FileLimits: app.FileLimits, Log: e.log, Accounts: srvAccounts}
			if team != nil {
				cfg.Sync = team
				// The team's laptops update from the release an
				// administrator published (reqdesk release publish).
				cfg.Releases = update.Releases(releasesDir(e.dataDir), "/releases/")
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("无法监听 %s: %w", addr, err)
			}
			scheme := "http"
			if cert != nil {
				scheme = "https"
			}
			if cfg.Accounts == nil {
				cfg.Token = server.NewToken()
				fmt.Fprintf(cmd.OutOrStdout(), "需求管家已启动，数据目录 %s\n请在浏览器中打开: %s://%s/?token=%s\n"+
					"（链接只能打开一次；要换用浏览器，请重新启动 reqdesk serve）\n", e.dataDir, scheme, ln.Addr(), cfg.Token)
			} else {
				printNetworkURLs(cmd.OutOrStdout(), e.dataDir, ln.Addr(), scheme)
			}
			if cert != nil {
				fmt.Fprintf(cmd.OutOrStdout(), "证书指纹 (SHA-256): %s\n"+
					"（加入团队的电脑和浏览器会显示服务器证书的指纹，请核对与此一致）\n", e.fingerprint)
				e.log.Info("serving over TLS", "addr", ln.Addr().String(), "fingerprint", e.fingerprint)
			}
			srv := server.New(cfg).HTTPServer()
			errc := make(chan error, 1)
			if cert != nil {
				srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}
				go func() { errc <- srv.ServeTLS(ln, "", "") }()
			} else {
				go func() { errc <- srv.Serve(ln) }()
			}
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
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on (port 0 picks a free one); any non-loopback address requires accounts")
	cmd.Flags().BoolVar(&accounts, "accounts", false, "require account logins even on loopback")
	cmd.Flags().StringVar(&tlsCert, "tls-cert", "", "serve over HTTPS with this certificate (PEM; with --tls-key); on a network without it a self-signed one is made in the data directory")
	cmd.Flags().StringVar(&tlsKey, "tls-key", "", "the private key (PEM) of --tls-cert")
	return cmd
}

// serveCertificate is the certificate serve mode answers with, or nil for
// plain HTTP: the one given (--tls-cert and --tls-key, in any mode), else
// on a network address the self-signed one kept in the data directory
// (made at the first start). Loopback without a certificate stays plain
// HTTP. It sets e.fingerprint.
func serveCertificate(e *env, certFile, keyFile string, network bool, addr string) (*tls.Certificate, error) {
	var cert tls.Certificate
	var err error
	switch {
	case (certFile == "") != (keyFile == ""):
		return nil, errors.New("--tls-cert 和 --tls-key 须同时给出")
	case certFile != "":
		if cert, err = tlscert.Load(certFile, keyFile); err != nil {
			return nil, docError(err)
		}
		e.fingerprint = tlscert.Fingerprint(cert.Certificate[0])
	case network:
		var hosts []string
		if host, _, err := net.SplitHostPort(addr); err == nil {
			hosts = append(hosts, host)
		}
		if cert, e.fingerprint, err = tlscert.Ensure(e.dataDir, hosts); err != nil {
			return nil, docError(err)
		}
	default:
		return nil, nil
	}
	return &cert, nil
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
	var bulk bool
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
			if bulk || opts.Requests > demo.BulkAbove {
				if !cmd.Flags().Changed("customers") {
					opts.Customers = max(opts.Customers, opts.Requests/50)
				}
				n, err := demo.Bulk(cmd.Context(), e.store, opts)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "已批量生成 %d 个客户（%d 位联系人）、%d 条需求，记录 %d、状态变更 %d、时限 %d、审计 %d，共 %d 行（%s），数据库 %s\n",
					n.Customers, n.Contacts, n.Requests, n.Records, n.Transitions, n.Clocks, n.Audit, n.Total(),
					time.Since(start).Round(time.Millisecond), e.store.Path())
				return nil
			}
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
	cmd.Flags().BoolVar(&bulk, "bulk", false, "generate in memory and write in bulk (automatic above 2,000 requests; customers default to requests/50)")
	cmd.Flags().IntVar(&opts.Years, "years", demo.DefaultYears, "bulk only: years the requests are spread over")
	return cmd
}

// docCommand generates a document, registers it as a new version like the
// app does, and writes its PDF to a file.
func docCommand(dataDir *string) *cobra.Command {
	var out string
	var list bool
	var q request.Query
	cmd := &cobra.Command{
		Use:   "doc TYPE REQUEST-NUMBER -o FILE.pdf",
		Short: "generate a document (PDF) of a request; --list shows the types",
		Long: "doc 生成需求的文档（PDF），登记为新版本并写入文件，例如：\n" +
			"  reqdesk doc analysis_letter XR-2024-001 -o 需求分析确认函.pdf\n" +
			"客户需求登记表（列表）不针对单个需求，按筛选条件生成：\n" +
			"  reqdesk doc registration_list --from 2024-03-01 --to 2024-03-31 -o 登记表.pdf\n" +
			"reqdesk doc --list 列出全部文档类型。",
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			if list {
				for _, ti := range document.Types() {
					fmt.Fprintf(w, "%-18s %s\t需要：%s\n", ti.Type, ti.Name, ti.Needs)
				}
				return nil
			}
			if len(args) == 0 {
				return errors.New("请指定文档类型；reqdesk doc --list 列出全部类型")
			}
			info, ok := document.Info(document.Type(args[0]))
			if !ok {
				return fmt.Errorf("没有这种文档类型：%s；reqdesk doc --list 列出全部类型", args[0])
			}
			if info.PerRequest != (len(args) == 2) {
				if info.PerRequest {
					return fmt.Errorf("《%s》需要需求编号：reqdesk doc %s 需求编号 -o 文件.pdf", info.Title, info.Type)
				}
				return fmt.Errorf("《%s》按筛选条件生成，不带需求编号", info.Title)
			}
			if out == "" {
				return errors.New("请用 -o 指定输出的 PDF 文件")
			}
			e, err := openEnv(cmd.Context(), *dataDir, clock.System{})
			if err != nil {
				return err
			}
			defer e.Close()
			ctx := cmd.Context()
			var d document.Document
			if info.PerRequest {
				id, err := e.store.RequestIDByNumber(ctx, args[1])
				if err != nil {
					return docError(err)
				}
				d, err = command.Run(ctx, command.New(e.store), command.GenerateDocument{RequestID: id, Type: info.Type})
				if err != nil {
					return docError(err)
				}
			} else if d, err = command.Run(ctx, command.New(e.store), command.GenerateList{Query: q}); err != nil {
				return docError(err)
			}
			data, err := e.store.DocumentPDF(ctx, d.ID)
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return fmt.Errorf("无法写入 %s: %w", out, err)
			}
			fmt.Fprintf(w, "已生成《%s》%s（第 %d 版，%d 页，%d KB）：%s\n", info.Title, d.DocNumber, d.Version, d.Pages, (d.Size+1023)/1024, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the PDF file to write")
	cmd.Flags().BoolVar(&list, "list", false, "list the document types with their Chinese titles")
	cmd.Flags().StringVar(&q.Search, "search", "", "registration_list: search text")
	cmd.Flags().StringVar(&q.ReceivedFrom, "from", "", "registration_list: received on or after (YYYY-MM-DD)")
	cmd.Flags().StringVar(&q.ReceivedTo, "to", "", "registration_list: received on or before (YYYY-MM-DD)")
	return cmd
}

// docError turns an error meant for the user into its Chinese message.
func docError(err error) error {
	if e, ok := apperr.As(err); ok {
		return errors.New(e.Message)
	}
	return err
}
