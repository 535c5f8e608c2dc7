package pack

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"time"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"

	"github.com/reqdesk/reqdesk/internal/release"
)

// Language IDs of the version resource: Simplified Chinese first, then
// English (United States).
const (
	langZhCN = 0x0804
	langEnUS = 0x0409
)

// WindowsResources writes the .syso that `go build` links into the Windows
// program: the icon (so Explorer, shortcuts and the taskbar show it), the
// version resource (file version, product name 需求管家, company, copyright —
// the Details tab of the file's properties) and the application manifest
// (runs as the invoking user, per-monitor DPI aware, common controls 6).
func WindowsResources(iconPNG string, v release.Version, commit string, built time.Time, out string) error {
	f, err := os.Open(iconPNG)
	if err != nil {
		return err
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("图标 %s: %w", iconPNG, err)
	}
	icon, err := winres.NewIconFromResizedImage(img, []int{256, 128, 64, 48, 32, 24, 16})
	if err != nil {
		return err
	}
	rs := &winres.ResourceSet{}
	if err := rs.SetIcon(winres.ID(1), icon); err != nil {
		return err
	}
	vi := version.Info{Timestamp: built}
	n := [4]uint16{uint16(v.Major), uint16(v.Minor), uint16(v.Patch), 0}
	vi.FileVersion, vi.ProductVersion = n, n
	vi.Flags.Prerelease = v.Pre != ""
	copyright := fmt.Sprintf("© %d %s", built.Year(), Publisher)
	for lang, desc := range map[uint16]string{langZhCN: "需求管家 — 客户需求响应管理", langEnUS: "ReqDesk — customer request management"} {
		for k, val := range map[string]string{
			version.CompanyName:      Publisher,
			version.FileDescription:  desc,
			version.FileVersion:      v.String(),
			version.ProductVersion:   v.String(),
			version.ProductName:      ProductName,
			version.InternalName:     Name,
			version.OriginalFilename: "reqdesk.exe",
			version.LegalCopyright:   copyright,
			version.Comments:         "commit " + commit,
		} {
			if err := vi.Set(lang, k, val); err != nil {
				return err
			}
		}
	}
	rs.SetVersionInfo(vi)
	rs.SetManifest(winres.AppManifest{
		Description:         ProductName,
		ExecutionLevel:      winres.AsInvoker,
		DPIAwareness:        winres.DPIPerMonitorV2,
		UseCommonControlsV6: true,
		LongPathAware:       true,
	})
	var b bytes.Buffer
	if err := rs.WriteObject(&b, winres.ArchAMD64); err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}
