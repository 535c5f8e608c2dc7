package pack

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/reqdesk/reqdesk/internal/release"
)

// WindowsInstaller are the inputs of the NSIS installer.
type WindowsInstaller struct {
	Script   string // build/windows/installer.nsi
	Exe      string // the (signed) Windows program
	Icon     string // build/windows/icon.ico
	WebView2 string // optional: Microsoft's offline WebView2 runtime installer, bundled when set
	// SignCommand, when set, signs the uninstaller before it is packed:
	// a command line in which %1 names the file.
	SignCommand string
}

// BuildInstaller runs makensis and writes the installer to out.
func BuildInstaller(w WindowsInstaller, v release.Version, out string) error {
	makensis, err := exec.LookPath("makensis")
	if err != nil {
		return fmt.Errorf("找不到 makensis（Debian 包 nsis）：请运行 scripts/setup.sh dist: %w", err)
	}
	abs := func(p string) (string, error) { return filepath.Abs(p) }
	exe, err := abs(w.Exe)
	if err != nil {
		return err
	}
	icon, err := abs(w.Icon)
	if err != nil {
		return err
	}
	outAbs, err := abs(out)
	if err != nil {
		return err
	}
	args := []string{"-V2", "-NOCD", "-INPUTCHARSET", "UTF8",
		"-DVERSION=" + v.String(), "-DVIVERSION=" + v.Windows(),
		"-DEXE=" + exe, "-DICON=" + icon, "-DOUTFILE=" + outAbs}
	if w.WebView2 != "" {
		wv, err := abs(w.WebView2)
		if err != nil {
			return err
		}
		if _, err := os.Stat(wv); err != nil {
			return fmt.Errorf("WebView2 离线安装包: %w", err)
		}
		args = append(args, "-DWEBVIEW2="+wv)
	}
	if w.SignCommand != "" {
		args = append(args, "-DSIGNCMD="+w.SignCommand)
	}
	args = append(args, w.Script)
	cmd := exec.Command(makensis, args...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("makensis: %w\n%s", err, log.String())
	}
	return nil
}
