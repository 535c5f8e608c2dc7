// Package pack makes the release files of ReqDesk from this Linux machine:
// the Linux packages (.deb, .rpm through nfpm), the Windows program's
// resources (winres), the NSIS installer and Authenticode signatures
// (osslsigncode). cmd/dist drives it; internal/release holds what the
// program itself needs too (versions, the signed manifest).
package pack

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"github.com/goreleaser/nfpm/v2"
	_ "github.com/goreleaser/nfpm/v2/deb" // registers the deb packager
	"github.com/goreleaser/nfpm/v2/files"
	_ "github.com/goreleaser/nfpm/v2/rpm" // registers the rpm packager
	"golang.org/x/image/draw"

	"github.com/reqdesk/reqdesk/internal/release"
)

// IconSizes are the hicolor theme sizes the Linux packages install.
var IconSizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

// Product facts shared by every package.
const (
	Name        = "reqdesk"
	DisplayName = "需求管家"
	ProductName = "需求管家 ReqDesk"
	Publisher   = "ReqDesk"
	Homepage    = "https://github.com/reqdesk/reqdesk"
	License     = "Proprietary"
	Summary     = "需求管家 ReqDesk — offline customer request management"
	Description = "需求管家 ReqDesk: register customer requests offline, carry them through the\n" +
		"company's process, keep to time limits and print documents for signature.\n" +
		"Simplified Chinese first, English second."
)

// Dependencies of the Linux program: GTK 3 and WebKitGTK 4.1 for the window.
// The .deb names Debian's and Ubuntu's packages; the .rpm names the shared
// libraries, which every RPM distribution's packages provide whatever they
// are called (webkit2gtk4.1 on Fedora, libwebkit2gtk-4_1-0 on openSUSE).
var (
	DebDepends    = []string{"libgtk-3-0 | libgtk-3-0t64", "libwebkit2gtk-4.1-0"}
	DebRecommends = []string{"fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"}
	RPMDepends    = []string{"libgtk-3.so.0()(64bit)", "libwebkit2gtk-4.1.so.0()(64bit)"}
)

// ResizeIcon writes the icon scaled to size×size as PNG.
func ResizeIcon(src image.Image, size int, path string) error {
	dst := image.NewNRGBA(image.Rect(0, 0, size, size))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
	var b bytes.Buffer
	if err := png.Encode(&b, dst); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// LinuxInputs are the files the Linux packages carry.
type LinuxInputs struct {
	Binary    string // the program, built for linux/amd64
	Desktop   string // build/linux/reqdesk.desktop
	Icon      string // build/appicon.png (512×512)
	ManPage   []byte // roff, from `reqdesk man`
	Changelog string // CHANGELOG.md, installed as documentation
	Work      string // a scratch directory for the generated files
}

// LinuxPackages builds the .deb and the .rpm of version v into out and
// returns their file names.
func LinuxPackages(in LinuxInputs, v release.Version, mtime time.Time, out string) (deb, rpm string, err error) {
	iconFile, err := os.Open(in.Icon)
	if err != nil {
		return "", "", err
	}
	icon, err := png.Decode(iconFile)
	iconFile.Close()
	if err != nil {
		return "", "", fmt.Errorf("图标 %s: %w", in.Icon, err)
	}
	contents := files.Contents{
		{Source: in.Binary, Destination: "/usr/bin/reqdesk", FileInfo: &files.ContentFileInfo{Mode: 0o755}},
		{Source: in.Desktop, Destination: "/usr/share/applications/reqdesk.desktop", FileInfo: &files.ContentFileInfo{Mode: 0o644}},
		{Source: in.Changelog, Destination: "/usr/share/doc/reqdesk/CHANGELOG.md", FileInfo: &files.ContentFileInfo{Mode: 0o644}},
	}
	for _, size := range IconSizes {
		p := filepath.Join(in.Work, fmt.Sprintf("icon-%d.png", size))
		if err := ResizeIcon(icon, size, p); err != nil {
			return "", "", err
		}
		contents = append(contents, &files.Content{Source: p,
			Destination: fmt.Sprintf("/usr/share/icons/hicolor/%dx%d/apps/reqdesk.png", size, size),
			FileInfo:    &files.ContentFileInfo{Mode: 0o644}})
	}
	var man bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&man, gzip.BestCompression)
	zw.ModTime = mtime
	zw.Write(in.ManPage)
	zw.Close()
	manPath := filepath.Join(in.Work, "reqdesk.1.gz")
	if err := os.WriteFile(manPath, man.Bytes(), 0o644); err != nil {
		return "", "", err
	}
	contents = append(contents, &files.Content{Source: manPath, Destination: "/usr/share/man/man1/reqdesk.1.gz",
		FileInfo: &files.ContentFileInfo{Mode: 0o644}})

	cfg := nfpm.Config{Info: nfpm.Info{
		Name: Name, Arch: "amd64", Platform: "linux",
		Version: fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch), VersionSchema: "none",
		Prerelease: v.Pre, VersionMetadata: v.Meta, Release: "1",
		Section: "office", Priority: "optional",
		Maintainer: "ReqDesk <release@reqdesk.invalid>", Vendor: Publisher, Homepage: Homepage, License: License,
		Description: Summary + "\n" + Description,
		MTime:       mtime,
		Overridables: nfpm.Overridables{
			Contents:   contents,
			Depends:    DebDepends,
			Recommends: DebRecommends,
		},
	}, Overrides: map[string]*nfpm.Overridables{
		"rpm": {Depends: RPMDepends, Recommends: []string{"google-noto-sans-cjk-fonts"}},
	}}
	cfg.RPM.Summary = Summary
	cfg.RPM.Group = "Applications/Productivity"
	names := map[string]string{}
	for _, format := range []string{"deb", "rpm"} {
		info, err := cfg.Get(format)
		if err != nil {
			return "", "", err
		}
		info = nfpm.WithDefaults(info)
		info.Target = ""
		if err := nfpm.PrepareForPackager(info, format); err != nil {
			return "", "", fmt.Errorf("%s: %w", format, err)
		}
		pkgr, err := nfpm.Get(format)
		if err != nil {
			return "", "", err
		}
		name := pkgr.ConventionalFileName(info)
		f, err := os.Create(filepath.Join(out, name))
		if err != nil {
			return "", "", err
		}
		if err := pkgr.Package(info, f); err != nil {
			f.Close()
			return "", "", fmt.Errorf("%s: %w", format, err)
		}
		if err := f.Close(); err != nil {
			return "", "", err
		}
		names[format] = name
	}
	return names["deb"], names["rpm"], nil
}
