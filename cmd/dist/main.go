// Command dist builds ReqDesk's release from this Linux machine (`make dist`):
// the Linux program with its .deb and .rpm, the Windows program with its NSIS
// installer (both Authenticode-signed when a certificate is given), and the
// release's SHA256SUMS and manifest.json, signed with the ed25519 release key
// when one is given.
//
//	go run ./cmd/dist [-out build/release] [-version 1.2.3] [-release]
//	go run ./cmd/dist keygen -private release.key -public release.pub
//	go run ./cmd/dist verify -public release.pub build/release
//	go run ./cmd/dist sign-file FILE     (Authenticode, from REQDESK_SIGN_*)
//
// Environment: REQDESK_RELEASE_KEY (the release's private key, PKCS #8 PEM),
// REQDESK_WEBVIEW2 (Microsoft's offline WebView2 runtime installer, bundled
// into the Windows installer), REQDESK_SIGN_PKCS12 + REQDESK_SIGN_PASSWORD or
// REQDESK_SIGN_CERT + REQDESK_SIGN_KEY (code signing), REQDESK_SIGN_TIMESTAMP,
// SOURCE_DATE_EPOCH (the build date; now by default).
package main

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/release"
	"github.com/reqdesk/reqdesk/internal/release/pack"
	"github.com/reqdesk/reqdesk/internal/update"
)

func main() {
	var err error
	args := os.Args[1:]
	switch {
	case len(args) > 0 && args[0] == "keygen":
		err = keygen(args[1:])
	case len(args) > 0 && args[0] == "verify":
		err = verify(args[1:])
	case len(args) > 0 && args[0] == "sign-file":
		err = signFile(args[1:])
	default:
		err = build(args)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist: 错误:", err)
		os.Exit(1)
	}
}

func keygen(args []string) error {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	priv := fs.String("private", "", "where to write the private key (kept off the repository)")
	pub := fs.String("public", "", "where to write the public key")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *priv == "" || *pub == "" {
		return errors.New("keygen 需要 -private 和 -public")
	}
	if err := release.GenerateKey(*priv, *pub); err != nil {
		return err
	}
	b, _ := os.ReadFile(*pub)
	k, err := release.ParsePublicKey(b)
	if err != nil {
		return err
	}
	fmt.Printf("发布密钥已生成：私钥 %s（妥善保管，不要提交），公钥 %s（密钥编号 %s）\n", *priv, *pub, release.KeyID(k))
	return nil
}

func verify(args []string) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	pubPath := fs.String("public", "", "the release's public key (PEM)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pubPath == "" || fs.NArg() != 1 {
		return errors.New("用法: dist verify -public release.pub DIR")
	}
	b, err := os.ReadFile(*pubPath)
	if err != nil {
		return err
	}
	pub, err := release.ParsePublicKey(b)
	if err != nil {
		return err
	}
	m, err := release.VerifyDir(fs.Arg(0), pub)
	if err != nil {
		return err
	}
	fmt.Printf("发布 %s（commit %s，%s）签名有效，%d 个文件与清单一致\n", m.Version, m.Commit, m.Date, len(m.Files))
	return nil
}

func signFile(args []string) error {
	if len(args) != 1 {
		return errors.New("用法: dist sign-file FILE")
	}
	a, err := pack.AuthenticodeFromEnv()
	if err != nil {
		return err
	}
	return a.Sign(args[0])
}

type buildOptions struct {
	out, version, linuxBin, windowsExe, webview2, key string
	release                                           bool
}

func build(args []string) error {
	var o buildOptions
	fs := flag.NewFlagSet("dist", flag.ContinueOnError)
	fs.StringVar(&o.out, "out", "build/release", "directory for the release files (emptied first)")
	fs.StringVar(&o.version, "version", "", "release version (default: the v* tag on HEAD, else CHANGELOG.md's first version + -dev)")
	fs.StringVar(&o.linuxBin, "linux-bin", "", "package this Linux program instead of building one (tests)")
	fs.StringVar(&o.windowsExe, "windows-exe", "", "package this Windows program instead of building one (tests)")
	fs.StringVar(&o.webview2, "webview2", os.Getenv("REQDESK_WEBVIEW2"), "Microsoft's offline WebView2 runtime installer to bundle")
	fs.StringVar(&o.key, "key", os.Getenv("REQDESK_RELEASE_KEY"), "the release's ed25519 private key (PKCS #8 PEM)")
	fs.BoolVar(&o.release, "release", false, "a release: refuse without the signing key, on a dev version or a modified tree")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("多余的参数: %v", fs.Args())
	}
	changelog, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		return fmt.Errorf("请在仓库根目录运行: %w", err)
	}
	commit := strings.TrimSpace(gitOut("rev-parse", "--short=12", "HEAD"))
	if commit == "" {
		commit = "unknown"
	}
	dirty := strings.TrimSpace(gitOut("status", "--porcelain", "--untracked-files=no")) != ""
	v, err := chooseVersion(o.version, changelog, commit, dirty)
	if err != nil {
		return err
	}
	built := time.Now().UTC().Truncate(time.Second)
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("SOURCE_DATE_EPOCH %q 不是秒数", s)
		}
		built = time.Unix(n, 0).UTC()
	}
	if dirty {
		commit += "-dirty"
	}
	sign, err := pack.AuthenticodeFromEnv()
	if err != nil {
		return err
	}
	if o.release {
		switch {
		case o.key == "":
			return errors.New("-release 需要发布私钥（REQDESK_RELEASE_KEY）")
		case v.Pre != "" && strings.HasPrefix(v.Pre, "dev"):
			return fmt.Errorf("-release 不能发布开发版本 %s：先给提交打上 v%d.%d.%d 标签", v, v.Major, v.Minor, v.Patch)
		case dirty:
			return errors.New("-release 需要干净的工作区（有未提交的改动）")
		}
	}
	var key ed25519.PrivateKey
	if o.key != "" {
		if key, err = release.LoadPrivateKey(o.key); err != nil {
			return err
		}
	}
	fmt.Printf("构建 %s 版本 %s（commit %s，%s）\n", pack.ProductName, v, commit, built.Format(time.RFC3339))

	if err := os.RemoveAll(o.out); err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "reqdesk-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	// step prints a step's name and, at the next step, how long it took.
	var stepName string
	var stepStart time.Time
	step := func(name string) {
		if stepName != "" {
			fmt.Printf("  %s：%s\n", stepName, time.Since(stepStart).Round(100*time.Millisecond))
		}
		stepName, stepStart = strings.TrimPrefix(name, "· "), time.Now()
		if name != "" {
			fmt.Println(name)
		}
	}
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s -X main.buildDate=%s", v, commit, built.Format(time.RFC3339))
	if key != nil {
		// The program trusts the key its release is signed with, and
		// updates itself only from releases signed with it.
		pub := key.Public().(ed25519.PublicKey)
		ldflags += " " + update.KeyLDFlag(pub)
		switch committed := update.CommittedKey(); {
		case committed != nil && committed.Equal(pub):
		case o.release && committed == nil:
			return errors.New("-release 需要提交发布公钥 internal/update/release.pub（dist keygen -public internal/update/release.pub），程序靠它核对更新")
		case o.release:
			return fmt.Errorf("发布私钥（密钥编号 %s）与提交的公钥 internal/update/release.pub（%s）不配对：用这把私钥签的发布，已安装的程序不会接受", release.KeyID(pub), release.KeyID(committed))
		default:
			fmt.Printf("· 程序内置的发布公钥为 %s（不是提交的 internal/update/release.pub）：仅供测试\n", release.KeyID(pub))
		}
	}
	m := &release.Manifest{Product: pack.Name, Version: v.String(), Commit: commit, Date: built.Format(time.RFC3339),
		Notes: release.ChangelogNotes(changelog, v)}

	// Linux: the program, its packages.
	linuxBin := o.linuxBin
	if linuxBin == "" {
		linuxBin = filepath.Join(work, "reqdesk")
		step("· Linux 程序")
		if err := goBuild(nil, linuxBin, "desktop,production,webkit2_41", ldflags); err != nil {
			return err
		}
	}
	man, err := exec.Command(linuxBin, "man").Output()
	if err != nil {
		return fmt.Errorf("%s man: %w", linuxBin, err)
	}
	step("· .deb 和 .rpm")
	deb, rpm, err := pack.LinuxPackages(pack.LinuxInputs{Binary: linuxBin, Desktop: "build/linux/reqdesk.desktop",
		Icon: "build/appicon.png", ManPage: man, Changelog: "CHANGELOG.md", Work: work}, v, built, o.out)
	if err != nil {
		return err
	}
	linuxName := fmt.Sprintf("reqdesk-%s-linux-amd64", v)
	if err := copyFile(linuxBin, filepath.Join(o.out, linuxName), 0o755); err != nil {
		return err
	}

	// Windows: the program with its resources, signed; the installer, signed.
	exe := o.windowsExe
	if exe == "" {
		exe = filepath.Join(work, "reqdesk.exe")
		step("· Windows 程序")
		syso := "rsrc_windows_amd64.syso" // linked by go build into package main
		if err := pack.WindowsResources("build/appicon.png", v, commit, built, syso); err != nil {
			return err
		}
		err := goBuild([]string{"CGO_ENABLED=0", "GOOS=windows", "GOARCH=amd64"}, exe, "desktop,production", ldflags+" -H=windowsgui")
		os.Remove(syso)
		if err != nil {
			return err
		}
	} else {
		if err := copyFile(exe, filepath.Join(work, "reqdesk.exe"), 0o755); err != nil {
			return err
		}
		exe = filepath.Join(work, "reqdesk.exe")
	}
	signCmd := ""
	if sign.Enabled() {
		step("· Authenticode 签名")
		if err := sign.Sign(exe); err != nil {
			return err
		}
		self, err := os.Executable()
		if err != nil {
			return err
		}
		signCmd = fmt.Sprintf("%q sign-file \"%%1\"", self)
	} else {
		fmt.Println("· 未设置代码签名证书（REQDESK_SIGN_PKCS12 或 REQDESK_SIGN_CERT/KEY）：Windows 文件不签名")
	}
	winName := fmt.Sprintf("reqdesk-%s-windows-amd64.exe", v)
	if err := copyFile(exe, filepath.Join(o.out, winName), 0o755); err != nil {
		return err
	}
	setupName := fmt.Sprintf("reqdesk-%s-windows-amd64-setup.exe", v)
	step("· Windows 安装程序 (NSIS)")
	if o.webview2 == "" {
		fmt.Println("  未随附 WebView2 离线安装包（REQDESK_WEBVIEW2）：缺少时安装程序联网下载")
	}
	if err := pack.BuildInstaller(pack.WindowsInstaller{Script: "build/windows/installer.nsi", Exe: exe,
		Icon: "build/windows/icon.ico", WebView2: o.webview2, SignCommand: signCmd}, v, filepath.Join(o.out, setupName)); err != nil {
		return err
	}
	if sign.Enabled() {
		if err := sign.Sign(filepath.Join(o.out, setupName)); err != nil {
			return err
		}
	}

	// The manifest, its sums and signature.
	for _, f := range []struct{ name, goos, kind string }{
		{deb, "linux", "deb"}, {rpm, "linux", "rpm"}, {linuxName, "linux", "binary"},
		{winName, "windows", "binary"}, {setupName, "windows", "installer"},
	} {
		if err := m.AddFile(o.out, f.name, f.goos, "amd64", f.kind); err != nil {
			return err
		}
	}
	manifest := m.Encode()
	if err := os.WriteFile(filepath.Join(o.out, release.ManifestName), manifest, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.out, release.SumsName), m.Sums(), 0o644); err != nil {
		return err
	}
	if key != nil {
		if err := os.WriteFile(filepath.Join(o.out, release.SignatureName), release.Sign(manifest, key), 0o644); err != nil {
			return err
		}
		pub := key.Public().(ed25519.PublicKey)
		if _, err := release.VerifyDir(o.out, pub); err != nil {
			return fmt.Errorf("刚签好的发布没有通过检查: %w", err)
		}
		fmt.Printf("· 清单已用发布密钥 %s 签名\n", release.KeyID(pub))
	} else {
		fmt.Println("· 未设置发布私钥（REQDESK_RELEASE_KEY）：manifest.json 没有签名，不能作为正式发布")
	}
	list, _ := os.ReadDir(o.out)
	step("")
	fmt.Printf("完成：%s\n", o.out)
	for _, e := range list {
		info, _ := e.Info()
		fmt.Printf("  %-56s %8.1f MB\n", e.Name(), float64(info.Size())/1e6)
	}
	return nil
}

// chooseVersion: the -version flag; else a v* tag on HEAD; else the first
// version of CHANGELOG.md as a development build (0.2.0-dev+g1a89b85).
func chooseVersion(flagVersion string, changelog []byte, commit string, dirty bool) (release.Version, error) {
	if flagVersion != "" {
		return release.ParseVersion(flagVersion)
	}
	if tag := strings.TrimSpace(gitOut("describe", "--tags", "--exact-match", "--match", "v[0-9]*")); tag != "" && !dirty {
		return release.ParseVersion(tag)
	}
	v, err := release.ChangelogVersion(changelog)
	if err != nil {
		return v, err
	}
	v.Pre, v.Meta = "dev", "g"+commit
	if dirty {
		v.Meta += ".dirty"
	}
	return v, nil
}

func gitOut(args ...string) string {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

func goBuild(env []string, out, tags, ldflags string) error {
	cmd := exec.Command("go", "build", "-tags", tags, "-trimpath", "-ldflags", ldflags, "-o", out, ".")
	cmd.Env = append(os.Environ(), env...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", strings.Join(env, " "), err, log.String())
	}
	return nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
