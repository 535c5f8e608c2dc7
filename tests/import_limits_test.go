package tests_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// memCeiling is the peak resident memory an import of a hostile file may
// reach, in the CLI and in serve mode.
const memCeiling = 300 << 20

// hostileFiles are the workbooks of issue 15: a cell pointing at a shared
// string of 850 MB, and a sheet holding 950 MB of blanks between its rows.
// Both are about a megabyte on disk.
func hostileFiles(t *testing.T) map[string][]byte {
	t.Helper()
	header := `<row r="1">` + inlineRow(1, 'A', "需求编号", "客户名称", "需求类型", "需求描述", "紧急程度", "接收时间") + `</row>`
	data := `<row r="2">` + inlineRow(2, 'A', "", "甲公司", "技术咨询") + `<c r="D2" t="s"><v>0</v></c>` +
		inlineRow(2, 'E', "一般", "2024-03-15") + `</row>`
	sheet := func(rows string) string {
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
	}
	sstHead := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`
	return map[string][]byte{
		"huge shared string": workbook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet(header + data)},
			big{"xl/sharedStrings.xml", sstHead, 'a', 850, `</t></si></sst>`}),
		"sheet of blanks": workbook(t, map[string]string{"xl/sharedStrings.xml": sstHead + `需求一</t></si></sst>`},
			big{"xl/worksheets/sheet1.xml", sheet(header)[:len(sheet(header))-len(`</sheetData></worksheet>`)], ' ', 950,
				data + `</sheetData></worksheet>`}),
	}
}

// inlineRow writes cells of inline text from column from of row onwards,
// leaving out the empty ones.
func inlineRow(row int, from byte, values ...string) string {
	var b strings.Builder
	for i, v := range values {
		if v != "" {
			fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, from+byte(i), row, v)
		}
	}
	return b.String()
}

// big is a part of mb megabytes of one byte between a head and a tail.
type big struct {
	name string
	head string
	fill byte
	mb   int
	tail string
}

// workbook zips a minimal .xlsx with the given parts and the big one,
// deflated block by block: once the window holds nothing but the fill, a
// megabyte of it always compresses to the same bytes, so the part is
// written without compressing 950 MB.
func workbook(t *testing.T, parts map[string]string, b big) []byte {
	t.Helper()
	all := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
			`</Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="登记表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
			`</Relationships>`,
	}
	for k, v := range parts {
		all[k] = v
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		if name == b.name {
			writeBig(t, zw, b)
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, all[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func writeBig(t *testing.T, zw *zip.Writer, b big) {
	t.Helper()
	chunk := bytes.Repeat([]byte{b.fill}, 1<<20)
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	piece := func(p ...[]byte) []byte {
		for _, x := range p {
			fw.Write(x)
		}
		fw.Flush()
		out := bytes.Clone(buf.Bytes())
		buf.Reset()
		return out
	}
	head := piece([]byte(b.head), chunk)
	steady := piece(chunk)
	fw.Write([]byte(b.tail))
	fw.Close()
	tail := bytes.Clone(buf.Bytes())
	var comp bytes.Buffer
	comp.Write(head)
	crc := crc32.Update(0, crc32.IEEETable, []byte(b.head))
	crc = crc32.Update(crc, crc32.IEEETable, chunk)
	for i := 1; i < b.mb; i++ {
		comp.Write(steady)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	comp.Write(tail)
	crc = crc32.Update(crc, crc32.IEEETable, []byte(b.tail))
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: b.name, Method: zip.Deflate, CRC32: crc, CompressedSize64: uint64(comp.Len()),
		UncompressedSize64: uint64(len(b.head) + b.mb<<20 + len(b.tail)),
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
}

// TestHostileImportRefused runs `reqdesk import --dry-run` on each hostile
// file and asks serve mode's ExcelApp.DryRun about it: each is refused
// with a clear message, within the memory ceiling, leaving no temporary
// file, and serve goes on answering.
func TestHostileImportRefused(t *testing.T) {
	bin := binary(t)
	files := hostileFiles(t)
	dir := t.TempDir()
	tmp := t.TempDir()
	for name, data := range files {
		t.Run("CLI/"+name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".xlsx")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			cmd := exec.Command(bin, "import", path, "--dry-run", "--data", filepath.Join(dir, "data"))
			cmd.Stdout, cmd.Stderr = &out, &out
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			timer := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
			err := cmd.Wait()
			timer.Stop()
			took := time.Since(start)
			rss := int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) << 10
			t.Logf("%s (%d KB): refused in %s, peak memory %d MB: %s", name, len(data)>>10, took.Round(time.Millisecond), rss>>20, strings.TrimSpace(out.String()))
			if err == nil || !strings.Contains(out.String(), "文件异常") || !strings.Contains(out.String(), "MB") {
				t.Fatalf("not refused with a clear message: %v %q", err, out.String())
			}
			if rss > memCeiling {
				t.Fatalf("peak memory %d MB, over %d MB", rss>>20, memCeiling>>20)
			}
		})
	}
	srv := startServe(t, bin, filepath.Join(dir, "serve"))
	for name, data := range files {
		t.Run("serve/"+name, func(t *testing.T) {
			status, body := srv.post(t, "ExcelApp/DryRun", []any{base64.StdEncoding.EncodeToString(data)})
			var e struct{ Code, Message string }
			json.Unmarshal(body, &e)
			if status == http.StatusOK || status >= 500 || e.Code != "invalid" || !strings.Contains(e.Message, "文件异常") {
				t.Fatalf("status %d: %s", status, body)
			}
			hwm := vmHWM(t, srv.cmd.Process.Pid)
			t.Logf("serve refused %s with %q; server peak memory %d MB", name, e.Message, hwm>>20)
			if hwm > memCeiling {
				t.Fatalf("server peak memory %d MB, over %d MB", hwm>>20, memCeiling>>20)
			}
			if status, body := srv.post(t, "CustomersApp/List", []any{map[string]any{}}); status != http.StatusOK {
				t.Fatalf("serve stopped answering: %d %s", status, body)
			}
		})
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

// vmHWM reads a process's peak resident memory, in bytes.
func vmHWM(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmHWM")
	return 0
}
