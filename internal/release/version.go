// Package release describes ReqDesk's releases: versions, the changelog's
// notes, the ed25519-signed manifest with the SHA-256 of every file and the
// manual page. Packaging itself (nfpm, NSIS, osslsigncode) lives in
// internal/release/pack, which only cmd/dist (`make dist`) links.
package release

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Version is a release's semantic version: 1.2.3, 1.2.3-rc.1, or a
// development build 1.2.3-dev+g1a89b85.
type Version struct {
	Major, Minor, Patch int
	Pre                 string // after "-", without it
	Meta                string // after "+", without it
}

var semverRe = regexp.MustCompile(`^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*))?(?:\+([0-9A-Za-z]+(?:\.[0-9A-Za-z-]+)*))?$`)

// ParseVersion reads "1.2.3", "v1.2.3", "1.2.3-rc.1" or "1.2.3-dev+g1a89b85".
func ParseVersion(s string) (Version, error) {
	m := semverRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Version{}, fmt.Errorf("版本号 %q 不是 主.次.修订 形式（如 1.2.3 或 1.2.3-rc.1）", s)
	}
	var v Version
	for i, p := range []*int{&v.Major, &v.Minor, &v.Patch} {
		n, err := strconv.Atoi(m[i+1])
		if err != nil || n > 65535 {
			return Version{}, fmt.Errorf("版本号 %q 的第 %d 段过大（Windows 的文件版本每段最多 65535）", s, i+1)
		}
		*p = n
	}
	v.Pre, v.Meta = m[4], m[5]
	return v, nil
}

// String is the version as written: 1.2.3-rc.1+meta, without a leading v.
func (v Version) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if v.Pre != "" {
		s += "-" + v.Pre
	}
	if v.Meta != "" {
		s += "+" + v.Meta
	}
	return s
}

// Windows is the four-number form Windows puts in a file's version
// resource and the installer's VIProductVersion: 1.2.3.0.
func (v Version) Windows() string {
	return fmt.Sprintf("%d.%d.%d.0", v.Major, v.Minor, v.Patch)
}

// Compare orders versions as semantic versioning does: -1 if v < w, 0 if
// equal in precedence (build metadata ignored), 1 if v > w.
func (v Version) Compare(w Version) int {
	for _, d := range [][2]int{{v.Major, w.Major}, {v.Minor, w.Minor}, {v.Patch, w.Patch}} {
		if d[0] != d[1] {
			if d[0] < d[1] {
				return -1
			}
			return 1
		}
	}
	switch {
	case v.Pre == w.Pre:
		return 0
	case v.Pre == "":
		return 1 // a release is newer than its pre-releases
	case w.Pre == "":
		return -1
	}
	a, b := strings.Split(v.Pre, "."), strings.Split(w.Pre, ".")
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := comparePart(a[i], b[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func comparePart(a, b string) int {
	na, errA := strconv.ParseUint(a, 10, 64)
	nb, errB := strconv.ParseUint(b, 10, 64)
	switch {
	case errA == nil && errB == nil:
		if na < nb {
			return -1
		} else if na > nb {
			return 1
		}
		return 0
	case errA == nil:
		return -1 // numeric identifiers sort before alphanumeric ones
	case errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}

var changelogHeading = regexp.MustCompile(`(?m)^## \[([^\]]+)\]`)

// ChangelogVersion is the first version heading of CHANGELOG.md
// ("## [0.2.0] — 未发布"): the release being prepared, or the last one.
func ChangelogVersion(changelog []byte) (Version, error) {
	m := changelogHeading.FindSubmatch(changelog)
	if m == nil {
		return Version{}, fmt.Errorf("CHANGELOG.md 没有“## [x.y.z]”形式的版本标题")
	}
	return ParseVersion(string(m[1]))
}

// ChangelogNotes is the text under the heading of version v (its changes,
// shown with an update), or "" when CHANGELOG.md has no such section.
func ChangelogNotes(changelog []byte, v Version) string {
	base := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if v.Pre != "" {
		base += "-" + v.Pre
	}
	text := string(changelog)
	locs := changelogHeading.FindAllStringSubmatchIndex(text, -1)
	for i, l := range locs {
		name := text[l[2]:l[3]]
		if name != base && name != fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch) {
			continue
		}
		start := strings.IndexByte(text[l[1]:], '\n')
		if start < 0 {
			return ""
		}
		start += l[1] + 1
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		return strings.TrimSpace(text[start:end])
	}
	return ""
}
