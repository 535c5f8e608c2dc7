// Package demo fills an empty database with realistic Chinese demo data:
// customers with contacts, and requests of every type, channel and urgency
// spread over the last twelve months. The same seed gives the same data.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Options size the data set.
type Options struct {
	Customers int
	Requests  int
	Seed      int64
	Years     int // how far back Bulk spreads requests; Fill keeps to twelve months
}

// Counts says what was made.
type Counts struct {
	Customers int
	Requests  int
}

var (
	cities    = []string{"北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "天津", "重庆", "青岛", "厦门", "长沙", "合肥", "宁波", "无锡", "佛山", "东莞"}
	brands    = []string{"华信", "恒达", "正泰", "博远", "中联", "鼎盛", "瑞丰", "天成", "宏图", "金桥", "联创", "新锐", "润和", "安泰", "汇通", "星辰", "海纳", "众诚", "永兴", "东方"}
	trades    = []string{"科技", "信息技术", "智能制造", "物流", "医疗器械", "电子商务", "软件", "精密机械", "新能源", "食品", "建设工程", "教育科技", "金融服务", "零售连锁", "化工"}
	suffixes  = []string{"有限公司", "股份有限公司", "集团有限公司"}
	industry  = map[string]string{"科技": "信息技术", "信息技术": "信息技术", "软件": "信息技术", "智能制造": "制造业", "精密机械": "制造业", "物流": "交通物流", "医疗器械": "医疗健康", "电子商务": "零售电商", "零售连锁": "零售电商", "新能源": "能源", "食品": "食品饮料", "建设工程": "建筑工程", "教育科技": "教育", "金融服务": "金融", "化工": "化工"}
	districts = []string{"高新区", "经济技术开发区", "工业园区", "滨江区", "浦东新区", "天河区", "南山区", "江宁区", "武侯区", "东湖新技术开发区"}
	surnames  = []string{"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"}
	given     = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国", "晓东", "海燕", "志强", "雪梅", "俊杰", "思远"}
	jobTitles = []string{"信息部经理", "采购主管", "运营总监", "IT 工程师", "行政经理", "技术负责人", "项目经理", "客服经理", "总经理助理", "财务经理"}
	staff     = []string{"李娜", "王强"}
	products  = []string{"ERP 系统", "CRM 客户管理平台", "仓储管理系统 WMS", "在线商城", "数据分析平台", "OA 办公系统", "工业物联网网关", "移动 App", "售后服务", "员工培训服务"}
)

type template struct {
	typ, category string
	titles        []string
	body          string
}

var templates = []template{
	{"技术咨询", "服务类", []string{"咨询系统对接方案", "咨询与财务系统对接的接口规范", "咨询数据迁移方案", "咨询单点登录对接方式"},
		"客户计划将%s与现有业务系统对接，希望了解可行的对接方式、接口文档以及所需的实施周期和费用。客户方技术人员已整理现有系统清单，期望我方给出初步建议。"},
	{"问题(报障)", "产品类", []string{"系统登录后页面空白", "报表导出时提示超时", "订单同步失败", "打印模板错位"},
		"客户反映%s在使用过程中出现异常：%s。问题从本周一开始出现，影响日常业务处理，客户已尝试重启和清除缓存，问题仍然存在。"},
	{"新增功能需求", "产品类", []string{"希望增加批量审批功能", "需要按部门统计的月度报表", "希望支持微信扫码登录", "新增合同到期自动提醒"},
		"客户在使用%s时提出%s。目前人工处理工作量大、容易出错，客户希望在下个季度上线，并愿意参与需求评审和测试。"},
	{"现有功能优化", "产品类", []string{"优化查询速度", "简化报销审批流程", "改进移动端界面", "合并重复的客户资料"},
		"客户认为%s的现有功能可以改进：%s。客户提供了日常操作的截图和流程说明，期望优化后每天节省约一小时的人工。"},
	{"方案定制", "合作类", []string{"定制生产排程模块", "定制化开发门店巡检应用", "联合研发质量追溯平台", "项目外包：数据中台建设"},
		"客户提出%s相关的定制需求：%s。需要完成需求分析、方案设计、开发测试和部署上线四个阶段，客户希望先在需求分析确认函上签字再推进。"},
	{"售后支持", "服务类", []string{"新员工系统操作培训", "服务器迁移后的技术支持", "年度系统巡检", "升级后的数据核对"},
		"客户申请%s方面的售后支持：%s。客户希望安排工程师上门，时间尽量安排在工作日下午，并在完成后提供服务报告。"},
	{"投诉", "服务类", []string{"投诉响应不及时", "投诉上门服务未按约定时间到达", "投诉问题反复出现未根治"},
		"客户就%s提出投诉：%s。客户情绪较为激动，要求主管在24小时内回电说明处理方案，并承诺后续改进措施。"},
	{"建议", "服务类", []string{"建议增加周末值班电话", "建议提供操作视频教程", "建议定期发送使用报告"},
		"客户在回访中提出建议：%s。客户认为%s的服务整体满意，但希望在以上方面继续改进。"},
	{"咨询", "服务类", []string{"咨询续费政策", "咨询新版本功能差异", "咨询合同条款", "咨询发票开具"},
		"客户来电%s，涉及%s。客户希望收到书面说明，以便内部审批。"},
	{"问题修复", "产品类", []string{"修复库存数量计算错误", "修复导出文件中文乱码", "修复移动端无法上传附件"},
		"客户确认%s存在缺陷：%s。客户已提供复现步骤和日志截图，希望在下一个补丁版本中修复，并告知修复时间。"},
	{"定制", "产品类", []string{"定制客户专属报表模板", "定制审批流程节点", "定制对外数据接口"},
		"客户提出在%s基础上%s的需求，涉及客户现有业务流程的调整，需要先调研再评估工作量和报价。"},
	{"其他", "服务类", []string{"申请系统使用证明", "咨询公司资质文件", "更新对接人信息"},
		"客户通过%s的服务渠道提出：%s。事项简单，按常规流程处理即可。"},
	{"服务流程改进", "服务类", []string{"缩短报修流程", "统一服务请求入口", "改进验收签字流程"},
		"客户建议对%s进行改进：%s。客户方多个部门都在使用，希望改进后减少沟通环节。"},
}

var channels = []string{"来访/面谈", "电话", "邮件", "在线客服", "在线表单", "工单系统", "社交媒体", "产品内反馈", "合作伙伴转达", "市场调研/问卷"}

// Fill makes the data set. clk must be the clock st was opened with: Fill
// moves it through the past twelve months so every record carries a
// plausible time, and leaves it at the present. It refuses a database that
// already has requests, so demo data never mixes with real work.
func Fill(ctx context.Context, st *store.Store, clk *clock.Fixed, opts Options) (Counts, error) {
	if opts.Customers < 1 || opts.Requests < 0 {
		return Counts{}, apperr.Errorf(apperr.Invalid, "客户数须至少为 1，需求数不能为负")
	}
	page, err := st.ListRequests(ctx, request.Query{Limit: 1})
	if err != nil {
		return Counts{}, err
	}
	if page.Total > 0 {
		return Counts{}, apperr.Errorf(apperr.Conflict, "数据库中已有 %d 条需求；演示数据只填入空数据库（可用 --data 指定新目录）", page.Total)
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed))
	now := clk.Now()
	defer clk.Set(now)
	clk.Set(now.AddDate(-1, 0, -7))
	for _, p := range team {
		if _, err := command.Run(ctx, command.New(st), command.SavePerson{ID: "", Version: 0, Fields: p}); err != nil {
			return Counts{}, fmt.Errorf("demo person %s: %w", p.Name, err)
		}
	}

	type cust struct {
		detail customer.Detail
		weight int
	}
	var custs []cust
	used := map[string]bool{}
	for len(custs) < opts.Customers {
		in, weight, ok := newCustomer(rng, used)
		if !ok {
			continue
		}
		d, err := command.Run(audit.WithActor(ctx, pick(rng, staff)), command.New(st), command.CreateCustomer{Input: in})
		if err != nil {
			return Counts{}, fmt.Errorf("demo customer %s: %w", in.Fields.Name, err)
		}
		custs = append(custs, cust{d, weight})
	}
	scripts, err := fillScripts(ctx, st, clk, opts.Seed, now.AddDate(-1, 0, -7), now)
	if err != nil {
		return Counts{}, err
	}
	total := 0
	for _, c := range custs {
		total += c.weight
	}
	zone, err := st.Zone(ctx)
	if err != nil {
		return Counts{}, err
	}
	times := make([]time.Time, opts.Requests)
	for i := range times {
		times[i] = receivedAt(rng, now, 365, zone)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	cmds := command.New(st)
	recent := 0 // requests so far that stand somewhere along the way
	d := &driver{ctx: ctx, to: storeSteps{st, cmds}, clk: clk, rng: rng, now: now, zone: zone, comm: scripts}
	for i := 0; i < opts.Requests; i++ {
		w := rng.IntN(total)
		c := custs[0]
		for _, x := range custs {
			if w < x.weight {
				c = x
				break
			}
			w -= x.weight
		}
		f := newFields(rng, c.detail, times[i], now)
		clk.Set(f.ReceivedAt.Add(time.Duration(1+rng.IntN(4)) * time.Minute))
		if clk.Now().After(now) {
			clk.Set(now)
		}
		r, err := command.Run(audit.WithActor(ctx, f.ReceivedBy), cmds, command.CreateRequest{Fields: f})
		if err != nil {
			return Counts{}, fmt.Errorf("demo request %d: %w", i+1, err)
		}
		// Older requests have mostly run their course; recent ones stand
		// anywhere along the way; a few leave the process early.
		d.req = r
		age := now.Sub(f.ReceivedAt)
		switch {
		case rng.IntN(25) == 0:
			err = d.sideExit()
		case age > 45*24*time.Hour && rng.IntN(10) > 0:
			err = d.story(100)
		default:
			// Recent requests take each depth in turn rather than a
			// random one, so every stage of the process has requests
			// in it whatever the day the demo is made.
			err = d.story(recent % 14)
			recent++
		}
		if err != nil {
			return Counts{}, fmt.Errorf("demo request %d: %w", i+1, err)
		}
	}
	if err := fillChecks(ctx, st, clk, scripts, now); err != nil {
		return Counts{}, err
	}
	if err := complaints(ctx, st, cmds, clk, now); err != nil {
		return Counts{}, err
	}
	if err := valueAssessments(ctx, st, cmds, clk, now); err != nil {
		return Counts{}, err
	}
	return Counts{Customers: len(custs), Requests: opts.Requests}, nil
}

var (
	urgencies = []request.Urgency{request.UrgencyUrgent, request.UrgencyImportant, request.UrgencyImportant,
		request.UrgencyNormal, request.UrgencyNormal, request.UrgencyNormal, request.UrgencyNormal, request.UrgencyPotential}
	scopes = []request.ImpactScope{request.ImpactSingle, request.ImpactSingle, request.ImpactMulti, request.ImpactBusinessLine}
)

func pick(rng *rand.Rand, xs []string) string { return xs[rng.IntN(len(xs))] }

// newCustomer makes a customer with one to three contacts, and its weight:
// a few customers bring most of the work, as in real life. It fails when
// the name it drew is taken (used records the names given out).
func newCustomer(rng *rand.Rand, used map[string]bool) (customer.Input, int, bool) {
	person := func() string { return pick(rng, surnames) + pick(rng, given) }
	trade, city := pick(rng, trades), pick(rng, cities)
	name := city + pick(rng, brands) + trade + pick(rng, suffixes)
	if used[name] {
		name = city + pick(rng, brands) + pick(rng, brands) + trade + pick(rng, suffixes)
		if used[name] {
			return customer.Input{}, 0, false
		}
	}
	used[name] = true
	in := customer.Input{Fields: customer.Fields{
		Name:     name,
		Industry: industry[trade],
		Address:  fmt.Sprintf("%s市%s%s路%d号", city, pick(rng, districts), pick(rng, brands), 1+rng.IntN(300)),
	}}
	for k := 0; k < 1+rng.IntN(3); k++ {
		in.Contacts = append(in.Contacts, customer.ContactFields{
			Name:  person(),
			Title: pick(rng, jobTitles),
			Phone: fmt.Sprintf("1%d%d%04d%04d", 3+rng.IntN(7), rng.IntN(10), rng.IntN(10000), rng.IntN(10000)),
			Email: fmt.Sprintf("contact%d@example.com", rng.IntN(100000)),
		})
	}
	return in, 1 + rng.IntN(10)*rng.IntN(3), true
}

// newFields makes a request of customer c received at the given time: a
// template of its type, one of the customer's contacts, every channel,
// urgency and scope.
func newFields(rng *rand.Rand, c customer.Detail, received, now time.Time) request.Fields {
	t := templates[rng.IntN(len(templates))]
	title := pick(rng, t.titles)
	product := pick(rng, products)
	contact := c.Contacts[rng.IntN(len(c.Contacts))]
	receiver := pick(rng, staff)
	f := request.Fields{
		CustomerID:      c.Customer.ID,
		ContactID:       contact.ID,
		ContactName:     contact.Name,
		ContactInfo:     contact.Phone,
		Channel:         pick(rng, channels),
		Type:            t.typ,
		Category:        t.category,
		Urgency:         urgencies[rng.IntN(len(urgencies))],
		ImpactScope:     scopes[rng.IntN(len(scopes))],
		Title:           title,
		Description:     fmt.Sprintf(t.body, product, strings.TrimPrefix(title, "咨询")),
		Background:      fmt.Sprintf("客户自%d年起使用我司%s，目前约有%d名员工日常使用。", now.Year()-1-rng.IntN(5), product, 20+rng.IntN(500)),
		ExpectedOutcome: "问题得到彻底解决，并提供书面处理结果说明。",
		TimeRequirement: []string{"尽快", "本周内", "两周内", "本月底前", "下季度上线"}[rng.IntN(5)],
		Product:         product,
		ReceivedAt:      received,
		ReceivedBy:      receiver,
	}
	if f.Type == "问题(报障)" {
		f.Scene = fmt.Sprintf("%s，在%s的%s环节", f.ReceivedAt.Format("1月2日 15:04"), c.Customer.Name, []string{"登录", "下单", "审批", "导出报表", "打印"}[rng.IntN(5)])
	}
	return f
}

// receivedAt picks a moment in the last given days, in working hours (of
// the company's zone) on most days, never in the future.
func receivedAt(rng *rand.Rand, now time.Time, days int, zone *time.Location) time.Time {
	for {
		day := now.AddDate(0, 0, -rng.IntN(days)).In(zone)
		t := time.Date(day.Year(), day.Month(), day.Day(), 8+rng.IntN(11), rng.IntN(60), rng.IntN(60), 0, zone)
		if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			if rng.IntN(5) > 0 {
				continue
			}
		}
		if t.Before(now) {
			return t
		}
	}
}
