package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/datadir"
	"github.com/reqdesk/reqdesk/internal/store"
)

// passphraseEnv may carry the passphrase of encrypted backups, for scripts.
const passphraseEnv = "REQDESK_BACKUP_PASSPHRASE"

func passphrase(file string) (string, error) {
	if file == "" {
		return os.Getenv(passphraseEnv), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("读取口令文件: %w", err)
	}
	p := strings.TrimRight(string(b), "\r\n")
	if p == "" {
		return "", fmt.Errorf("口令文件 %s 是空的", file)
	}
	return p, nil
}

// applyPendingRestore does a restore the user chose in the running program
// (see backup.Stage), before the database is opened; a failure is logged and
// reported in the UI, and the current database opens as it was.
func applyPendingRestore(ctx context.Context, dbPath string, now time.Time, log *slog.Logger) {
	res, err := backup.ApplyPending(ctx, dbPath, now)
	switch {
	case res != nil && res.OK:
		log.Info("restored from backup", "source", res.Source, "kept", res.Kept)
	case res != nil:
		log.Error("restore from backup failed", "source", res.Source, "err", res.Error)
	case err != nil:
		log.Error("pending restore unreadable", "err", err)
	}
}

// restoreHint tells the user of a database that will not open how to get
// their work back, when there is a backup to restore.
func restoreHint(dbPath string) string {
	files, err := backup.List(store.BackupDir(dbPath))
	if err != nil || len(files) == 0 {
		return ""
	}
	return fmt.Sprintf("\n数据库可能已损坏。最近的备份是 %s（%s），可用以下命令恢复（当前数据库会先另存为备份）：\n  reqdesk restore --latest",
		files[0].Name, files[0].At.Local().Format("2006-01-02 15:04"))
}

// relaunch starts the program again with the same arguments, after the
// desktop window closed for a restart (to apply a restore).
func relaunch() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	return cmd.Start()
}

func backupCommand(dataDir *string) *cobra.Command {
	var out, passFile string
	var encrypt bool
	cmd := &cobra.Command{
		Use:   "backup -o FILE|DIR",
		Short: "write a consistent backup of the database (optionally encrypted)",
		Long: "backup 把数据库的一致性快照写到指定文件或文件夹（如 U 盘）。\n" +
			"--encrypt 用口令加密（口令来自 --passphrase-file 或环境变量 " + passphraseEnv + "）。\n" +
			"需求管家运行时也可以备份。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("请用 -o 指定备份文件或文件夹")
			}
			pass := ""
			if encrypt {
				var err error
				if pass, err = passphrase(passFile); err != nil {
					return err
				}
				if pass == "" {
					return fmt.Errorf("加密备份需要口令：--passphrase-file 或环境变量 %s", passphraseEnv)
				}
			}
			_, dbPath, err := datadir.Prepare(*dataDir)
			if err != nil {
				return err
			}
			st, err := store.OpenExisting(cmd.Context(), dbPath)
			if err != nil {
				return fmt.Errorf("没有可备份的数据库 %s: %w", dbPath, err)
			}
			defer st.Close()
			path, err := backup.Make(cmd.Context(), st, out, pass, clock.System{}.Now())
			if err != nil {
				return plainError(err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "已备份到 %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "backup file, or a folder to write a dated file into")
	cmd.Flags().BoolVar(&encrypt, "encrypt", false, "encrypt the backup with a passphrase (age, scrypt)")
	cmd.Flags().StringVar(&passFile, "passphrase-file", "", "file holding the passphrase")
	return cmd
}

func restoreCommand(dataDir *string) *cobra.Command {
	var passFile string
	var latest bool
	cmd := &cobra.Command{
		Use:   "restore FILE | --latest",
		Short: "replace the database with a backup (the current one is kept as a backup first)",
		Long: "restore 用备份替换当前数据库：先检查备份是需求管家的数据库且版本可识别，\n" +
			"再把当前数据库另存为备份，然后换上备份（较旧的版本会自动升级）。需求管家须已关闭。",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, dbPath, err := datadir.Prepare(*dataDir)
			if err != nil {
				return err
			}
			src := ""
			switch {
			case latest && len(args) == 0:
				files, err := backup.List(store.BackupDir(dbPath))
				if err != nil {
					return err
				}
				if len(files) == 0 {
					return fmt.Errorf("%s 中没有备份", store.BackupDir(dbPath))
				}
				src = files[0].Path
			case !latest && len(args) == 1:
				src = args[0]
			default:
				return fmt.Errorf("请指定一个备份文件，或使用 --latest")
			}
			pass, err := passphrase(passFile)
			if err != nil {
				return err
			}
			unlock, err := datadir.Lock(dir)
			if err != nil {
				return err
			}
			backup.Sweep(dbPath)
			// A restore chosen in the app and not yet done would undo this one.
			if err := backup.CancelPending(dbPath); err != nil {
				unlock()
				return err
			}
			kept, err := backup.Restore(cmd.Context(), dbPath, src, pass, clock.System{}.Now())
			unlock()
			if err != nil {
				return plainError(err)
			}
			// Opening migrates a restored database of an older version.
			e, err := openEnv(cmd.Context(), *dataDir, clock.System{})
			if err != nil {
				return err
			}
			defer e.Close()
			v, _ := e.store.SchemaVersion(cmd.Context())
			fmt.Fprintf(cmd.OutOrStdout(), "已从 %s 恢复（数据库版本 %d）。", src, v)
			if kept != "" {
				fmt.Fprintf(cmd.OutOrStdout(), "原数据库已另存为 %s", kept)
			}
			fmt.Fprintln(cmd.OutOrStdout())
			return nil
		},
	}
	cmd.Flags().StringVar(&passFile, "passphrase-file", "", "file holding the passphrase of an encrypted backup")
	cmd.Flags().BoolVar(&latest, "latest", false, "restore the newest backup in the data directory's backups folder")
	return cmd
}
