package pdf

import (
	"fmt"
	"strings"
)

// RenderArchive draws the 客户服务档案: a cover with the request's summary, a
// table of contents, the handling history and the retrospective, then each
// bundled document as it was registered (with its signatures), each followed
// by the scans of its signed paper copy.
func RenderArchive(src *Source, m Meta, parts []Part) (Output, error) {
	m.Type = TypeArchive
	b := newBuilder("P", src.Company, m.GeneratedAt)
	b.setHead(running{title: "客户服务档案", docNumber: m.DocNumber, version: m.Version, generated: m.GeneratedAt})
	b.newPage()
	v := newView(src)
	r := v.src.Request
	b.titleBlock("客户服务档案", []metaItem{
		{"需求编号", r.Number}, {"客户名称", customerName(src)},
		{"文档编号", m.DocNumber}, {"版本", fmt.Sprintf("第 %d 版", m.Version)},
		{"生成日期", b.dateCN(m.GeneratedAt)}, {"生成人", m.GeneratedBy},
	})
	var sec sections
	b.heading(sec.next("需求概况"))
	b.grid([][2]field{
		{{"需求类型", r.Fields.Type}, {"紧急程度", name(urgencyNames, r.Fields.Urgency)}},
		{{"接收时间", b.minuteCN(r.Fields.ReceivedAt)}, {"当前状态", r.Status.Name()}},
		{{"需求负责人", r.Fields.Owner}, {"负责部门", r.Fields.Department}},
		{{"处理流程", name(pathNames, r.State.Path)}, {"客户联系人", contactLine(src)}},
	}, []field{{"需求标题", r.Fields.Title}})

	b.heading(sec.next("档案目录"))
	rows := make([][]string, len(parts))
	for i, p := range parts {
		info, _ := Info(p.Meta.Type)
		rows[i] = []string{fmt.Sprint(i + 1), info.Title, p.Meta.DocNumber, fmt.Sprintf("第 %d 版", p.Meta.Version),
			p.Status.Name(), fmt.Sprintf("{p%d}", i+1)}
	}
	if len(parts) == 0 {
		b.paragraph("该需求尚无可归档的文档。", false)
	} else {
		b.table([]column{{"序号", 8, "C"}, {"文件", 28, ""}, {"文档编号", 30, "C"}, {"版本", 10, "C"}, {"状态", 14, "C"}, {"起始页", 10, "C"}}, rows)
	}

	if len(src.Transitions) > 0 {
		b.heading(sec.next("处理过程"))
		rows := make([][]string, len(src.Transitions))
		for i, t := range src.Transitions {
			rows[i] = []string{b.minuteCN(t.At), name(actionNames, t.Action), t.From.Name() + " → " + t.To.Name(), t.Actor, t.Comment}
		}
		b.table([]column{{"时间", 16, "C"}, {"操作", 16, "C"}, {"状态变化", 26, "C"}, {"操作人", 10, "C"}, {"说明", 32, ""}}, rows)
	}
	if v.retro != nil && (v.retro.WentWell != "" || v.retro.Lessons != "") {
		b.heading(sec.next("复盘总结"))
		b.grid(nil, []field{{"做得好的方面", v.retro.WentWell}, {"经验与教训", v.retro.Lessons}})
	}

	for i, p := range parts {
		start := b.f.PageNo() + 1
		if err := b.document(p.Source, p.Meta); err != nil {
			return Output{}, err
		}
		b.f.RegisterAlias(fmt.Sprintf("{p%d}", i+1), fmt.Sprint(start))
		for _, s := range p.Scans {
			b.scan(s)
		}
		if len(p.Files) > 0 {
			b.note("另附纸质签字件：" + strings.Join(p.Files, "、") + "（非图片文件，未编入本档案，请在系统中查看）")
		}
	}
	b.f.SetTitle("客户服务档案", true)
	b.f.SetSubject(m.DocNumber, true)
	if b.f.Err() {
		return Output{}, fmt.Errorf("pdf: %w", b.f.Error())
	}
	return b.finish()
}

// scan prints a scan or photo of a signed paper copy on a page of its own.
func (b *builder) scan(s AttachmentInput) {
	b.newPage()
	b.heading("附：纸质签字件扫描件（" + s.FileName + "）")
	name, info, ok := b.image(s.Bytes)
	if !ok {
		b.note("该文件无法作为图片显示。")
		return
	}
	b.fitImage(name, info, marginX, b.y+2, b.width(), b.bottom()-b.y-4)
	b.y = b.bottom()
}
