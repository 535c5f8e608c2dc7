package report

import (
	"math"
	"slices"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// MeasureID names a measure.
type MeasureID string

// The measures. Each is defined once, in Measures.
const (
	Received         MeasureID = "received"
	ResponseHours    MeasureID = "response_hours"
	HandlingHours    MeasureID = "handling_hours"
	OnTimeRespond    MeasureID = "on_time_respond"
	OnTimeStart      MeasureID = "on_time_start"
	OnTimeResolve    MeasureID = "on_time_resolve"
	OnTimeFeedback   MeasureID = "on_time_result_feedback"
	OnTimeProgress   MeasureID = "on_time_progress"
	OnTimeSurvey     MeasureID = "on_time_survey"
	OnTimeClassify   MeasureID = "on_time_classify"
	OnTimeRecord     MeasureID = "on_time_record"
	ResolutionRate   MeasureID = "resolution_rate"
	FirstContactRate MeasureID = "first_contact_rate"
	Satisfaction     MeasureID = "satisfaction"
	SatisfiedRate    MeasureID = "satisfied_rate"
	ScoreTimeliness  MeasureID = "score_timeliness"
	ScoreEffect      MeasureID = "score_effectiveness"
	ScoreAttitude    MeasureID = "score_attitude"
	ReopenRate       MeasureID = "reopen_rate"
	OnTimeDelivery   MeasureID = "on_time_delivery"
	FeedbackRate     MeasureID = "feedback_rate"
	ConversionRate   MeasureID = "conversion_rate"
	ComplaintRate    MeasureID = "complaint_rate"

	// Plan 004's channel and cross-department limits, and 办法 003's
	// complaints.
	OnTimeChannelRespond  MeasureID = "on_time_channel_respond"
	OnTimePhoneAnswer     MeasureID = "on_time_phone_answer"
	OnTimeHandover        MeasureID = "on_time_handover"
	OnTimeHandoverAnswer  MeasureID = "on_time_handover_answer"
	OnTimeComplaintAccept MeasureID = "on_time_complaint_accept"
	OnTimeComplaintAnswer MeasureID = "on_time_complaint_answer"
	Complained            MeasureID = "complained"

	// Plan 004's measures of needs and communication (see Plan004). Their
	// keys are stable: reports and kept sums name them.
	OnlineSatisfaction  MeasureID = "online_satisfaction"  // 线上沟通满意度
	OfflineRecordRate   MeasureID = "offline_record_rate"  // 线下沟通记录完整率
	CrossDeptHours      MeasureID = "cross_dept_hours"     // 跨部门沟通响应时长
	IdentifyAccuracy    MeasureID = "identify_accuracy"    // 需求识别准确率
	KeyNeedMissRate     MeasureID = "key_need_miss_rate"   // 关键需求遗漏率
	CollectionCoverage  MeasureID = "collection_coverage"  // 需求收集覆盖率
	ArchiveCompleteness MeasureID = "archive_completeness" // 归档完整性
	// Measured over communication records rather than requests
	// (RecordMeasures; internal/comm computes them).
	ScriptFitRate     MeasureID = "script_fit_rate"    // 话术适配率
	CheckPassRate     MeasureID = "check_pass_rate"    // 抽检合格率
	RectificationRate MeasureID = "rectification_rate" // 整改率
)

// Plan004 are plan 004's measures in the order the dashboard's 优化方案指标
// and the reports list them, each with its target in DefaultConfig: the
// needs and communication measures, the quality measures over records
// (RecordMeasures) and the conversion of high-value needs read from the
// quarterly value assessments.
var Plan004 = []MeasureID{OnlineSatisfaction, OfflineRecordRate, CrossDeptHours, IdentifyAccuracy, KeyNeedMissRate,
	CollectionCoverage, ArchiveCompleteness, ScriptFitRate, CheckPassRate, RectificationRate, ConversionRate}

// RecordMeasures are measures over the communication records of a period
// (written, scored or opened in it) rather than over the requests received
// in it: rates whose In, Hit and Value are nil. internal/comm computes them
// (store.CommMeasures) and the requests behind them are those of their
// records.
var RecordMeasures = []Def{
	{ID: ScriptFitRate, Name: "话术适配率", Unit: "%", Kind: KindRate, Higher: true, Records: true,
		Definition: "期间内写下的客户沟通记录（沟通记录、进度更新、处理结果说明、反馈回访）中，使用了当时现行话术的比例"},
	{ID: CheckPassRate, Name: "抽检合格率", Unit: "%", Kind: KindRate, Higher: true, Records: true,
		Definition: "期间内评分的抽检记录中，得分达到合格线的比例"},
	{ID: RectificationRate, Name: "整改率", Unit: "%", Kind: KindRate, Higher: true, Records: true,
		Definition: "期间内不合格抽检开出的整改项中，已写明整改措施并关闭的比例"},
}

// keyNeed: urgent and important needs are the key ones.
func keyNeed(r *Row) bool {
	return r.Urgency == request.UrgencyUrgent || r.Urgency == request.UrgencyImportant
}

// Kind of measure: a count of rows, a rate (share of the rows measured that
// hit), or an average of a value over the rows measured.
type Kind string

// Kinds.
const (
	KindCount   Kind = "count"
	KindRate    Kind = "rate"
	KindAverage Kind = "average"
)

// Context is what a measure's definition may depend on besides the row.
type Context struct {
	Now    time.Time
	Config Config
}

// Def defines one measure. In selects the rows measured (a rate's
// denominator, an average's population); Hit selects a rate's numerator;
// Value is an average's value for a row In selected.
//
// For a closed request (Row.Open false) In, Hit and Value must not depend
// on Context.Now: the store keeps the sums of closed requests per period
// and adds only the open requests to them (TestClosedRowsTimeless).
type Def struct {
	ID   MeasureID `json:"id"`
	Name string    `json:"name"`
	Unit string    `json:"unit"` // "条", "%", "小时", "分"
	Kind Kind      `json:"kind"`
	// Higher is better (rates of success), or lower is (times, complaints).
	Higher bool `json:"higher"`
	// Definition says in a sentence how the number is made.
	Definition string `json:"definition"`
	// Records: measured over communication records (RecordMeasures), not
	// over the requests' rows.
	Records bool                         `json:"records"`
	In      func(*Row, *Context) bool    `json:"-"`
	Hit     func(*Row, *Context) bool    `json:"-"`
	Value   func(*Row, *Context) float64 `json:"-"`
}

func valid(r *Row, _ *Context) bool { return r.Valid() }

func hours(from, to time.Time) float64 { return to.Sub(from).Hours() }

// onTime makes the on-time rate of one clock: met within its limit, of the
// clocks that finished or are already breached.
func onTime(id MeasureID, k sla.Kind) Def {
	return Def{
		ID: id, Name: k.Name() + "按时率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "“" + k.Name() + "”时限内完成的需求占已完成或已超时需求的比例（按工作日历计算时限）",
		In: func(r *Row, c *Context) bool {
			cl, ok := r.Clock(k)
			if !ok {
				return false
			}
			o := cl.Outcome(r.Status, c.Now)
			return o == Met || o == Late || o == Breached
		},
		Hit: func(r *Row, c *Context) bool {
			cl, _ := r.Clock(k)
			return cl.Outcome(r.Status, c.Now) == Met
		},
	}
}

func score(id MeasureID, name string, pick func(*Scores) int) Def {
	return Def{
		ID: id, Name: name, Unit: "分", Kind: KindAverage, Higher: true,
		Definition: "客户反馈中“" + name + "”评分（1-5 分）的平均值",
		In:         func(r *Row, _ *Context) bool { return r.Feedback != nil && pick(r.Feedback) > 0 },
		Value:      func(r *Row, _ *Context) float64 { return float64(pick(r.Feedback)) },
	}
}

// Measures is every measure, in the order reports list them.
var Measures = []Def{
	{
		ID: Received, Name: "受理需求数", Unit: "条", Kind: KindCount, Higher: true,
		Definition: "期间内接收登记的需求条数（含已判定无效和已取消的）",
		In:         func(*Row, *Context) bool { return true },
	},
	{
		ID: ResponseHours, Name: "平均响应时长", Unit: "小时", Kind: KindAverage,
		Definition: "从接收需求到第一次回复客户（沟通记录或告知结果）的自然时长平均值",
		In:         func(r *Row, _ *Context) bool { return !r.Responded.IsZero() && !r.Responded.Before(r.Received) },
		Value:      func(r *Row, _ *Context) float64 { return hours(r.Received, r.Responded) },
	},
	{
		ID: HandlingHours, Name: "平均处理时长", Unit: "小时", Kind: KindAverage,
		Definition: "从分配负责人到把处理结果告知客户（或交付）的自然时长平均值",
		In: func(r *Row, _ *Context) bool {
			return !r.Assigned.IsZero() && !r.ResultGiven.IsZero() && !r.ResultGiven.Before(r.Assigned)
		},
		Value: func(r *Row, _ *Context) float64 { return hours(r.Assigned, r.ResultGiven) },
	},
	onTime(OnTimeRespond, sla.KindRespond),
	onTime(OnTimeResolve, sla.KindResolve),
	onTime(OnTimeStart, sla.KindStart),
	onTime(OnTimeFeedback, sla.KindResultFeedback),
	onTime(OnTimeProgress, sla.KindProgress),
	onTime(OnTimeSurvey, sla.KindSurvey),
	onTime(OnTimeClassify, sla.KindClassify),
	onTime(OnTimeRecord, sla.KindRecord),
	onTime(OnTimeChannelRespond, sla.KindChannelRespond),
	onTime(OnTimePhoneAnswer, sla.KindPhoneAnswer),
	onTime(OnTimeHandover, sla.KindHandover),
	onTime(OnTimeHandoverAnswer, sla.KindHandoverAnswer),
	onTime(OnTimeComplaintAccept, sla.KindComplaintAccept),
	onTime(OnTimeComplaintAnswer, sla.KindComplaintAnswer),
	{
		ID: ResolutionRate, Name: "问题解决率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "已解决（已出具结果或已交付，且客户未反馈“未解决”）的需求占有效需求（不含无效、已取消）的比例",
		In:         valid,
		Hit:        func(r *Row, _ *Context) bool { return r.Solved() },
	},
	{
		ID: FirstContactRate, Name: "首次解决率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "一次沟通即解决（出具结果前至多一次客户沟通、从未重开）的需求占已解决需求的比例",
		In:         func(r *Row, _ *Context) bool { return r.Solved() },
		Hit:        func(r *Row, _ *Context) bool { return r.Reopens == 0 && r.Contacts <= 1 },
	},
	{
		ID: Satisfaction, Name: "满意度均分", Unit: "分", Kind: KindAverage, Higher: true,
		Definition: "客户反馈“总体满意度”（1-5 分）的平均值",
		In:         func(r *Row, _ *Context) bool { return r.Feedback != nil && r.Feedback.Overall > 0 },
		Value:      func(r *Row, _ *Context) float64 { return float64(r.Feedback.Overall) },
	},
	{
		ID: SatisfiedRate, Name: "满意率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "总体满意度 4-5 分的反馈占全部有评分反馈的比例",
		In:         func(r *Row, _ *Context) bool { return r.Feedback != nil && r.Feedback.Overall > 0 },
		Hit:        func(r *Row, _ *Context) bool { return r.Feedback.Overall >= 4 },
	},
	score(ScoreTimeliness, "及时性", func(s *Scores) int { return s.Timeliness }),
	score(ScoreEffect, "有效性", func(s *Scores) int { return s.Effectiveness }),
	score(ScoreAttitude, "服务态度", func(s *Scores) int { return s.Attitude }),
	{
		ID: ReopenRate, Name: "重开率", Unit: "%", Kind: KindRate,
		Definition: "因客户反馈未解决而重新处理过的需求占曾经解决过的需求的比例",
		In:         func(r *Row, _ *Context) bool { return !r.Resolved.IsZero() || r.Reopens > 0 },
		Hit:        func(r *Row, _ *Context) bool { return r.Reopens > 0 },
	},
	{
		ID: OnTimeDelivery, Name: "按时交付率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "按《需求分析确认函》约定日期（没有约定日期时按解决时限）交付的需求占已交付需求的比例",
		In: func(r *Row, c *Context) bool {
			if r.Delivered.IsZero() {
				return false
			}
			_, ok := deliveredOnTime(r, c)
			return ok
		},
		Hit: func(r *Row, c *Context) bool {
			on, _ := deliveredOnTime(r, c)
			return on
		},
	},
	{
		ID: FeedbackRate, Name: "反馈响应率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "已做满意度回访（取得反馈或记录了未能取得的原因）的需求占已告知结果或已验收需求的比例",
		In:         func(r *Row, _ *Context) bool { return !r.HandedOver.IsZero() },
		Hit:        func(r *Row, _ *Context) bool { return r.Surveyed },
	},
	{
		ID: ConversionRate, Name: "需求转化率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "做过季度价值评估的高价值需求（分析评分中客户价值或业务价值 4-5 分）中，评估认定已转化为产品改进、服务优化或新功能的比例",
		In: func(r *Row, _ *Context) bool {
			return r.Valid() && r.HighValue && r.Assessments > 0
		},
		Hit: func(r *Row, _ *Context) bool { return r.Converted },
	},
	{
		ID: ComplaintRate, Name: "投诉率", Unit: "%", Kind: KindRate,
		Definition: "投诉类需求或被客户投诉过处理情况的需求占全部受理需求的比例（投诉类型见报表设置）",
		In:         func(*Row, *Context) bool { return true },
		Hit: func(r *Row, c *Context) bool {
			return r.Complaints > 0 || slices.Contains(c.Config.ComplaintTypes, r.Type)
		},
	},
	{
		ID: Complained, Name: "被投诉需求数", Unit: "条", Kind: KindCount,
		Definition: "期间内接收的需求中，客户对其处理情况登记过投诉的条数",
		In:         func(r *Row, _ *Context) bool { return r.Complaints > 0 },
	},
	{
		ID: OnlineSatisfaction, Name: "线上沟通满意度", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "经线上渠道（在线客服、在线表单、工单系统、社交媒体、产品内反馈、邮件）受理的需求中，客户总体满意度评 4-5 分的反馈占有评分反馈的比例",
		In: func(r *Row, _ *Context) bool {
			return r.Feedback != nil && r.Feedback.Overall > 0 && Online(r.Channel)
		},
		Hit: func(r *Row, _ *Context) bool { return r.Feedback.Overall >= 4 },
	},
	{
		ID: OfflineRecordRate, Name: "线下沟通记录完整率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "有线下沟通（来访/面谈、电话等非线上渠道）记录的需求中，每条线下沟通记录都写明沟通对象、内容摘要和下一步的比例",
		In:         func(r *Row, _ *Context) bool { return r.OfflineComms > 0 },
		Hit:        func(r *Row, _ *Context) bool { return r.OfflineIncomplete == 0 },
	},
	{
		ID: CrossDeptHours, Name: "跨部门沟通响应时长", Unit: "小时", Kind: KindAverage,
		Definition: "转交其他部门处理的需求，从转交到答复客户（沟通记录、进度告知或告知结果）的自然时长平均值",
		In: func(r *Row, _ *Context) bool {
			return !r.HandoverAt.IsZero() && !r.HandoverAnswered.IsZero() && !r.HandoverAnswered.Before(r.HandoverAt)
		},
		Value: func(r *Row, _ *Context) float64 { return hours(r.HandoverAt, r.HandoverAnswered) },
	},
	{
		ID: IdentifyAccuracy, Name: "需求识别准确率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "已开始分析或处理的有效需求中，之后没有退回重新分类、也没有从简易流程转为完整流程（类型和紧急程度经分析成立）的比例",
		In:         func(r *Row, _ *Context) bool { return r.Valid() && r.Started },
		Hit:        func(r *Row, _ *Context) bool { return !r.Reclassified },
	},
	{
		ID: KeyNeedMissRate, Name: "关键需求遗漏率", Unit: "%", Kind: KindRate,
		Definition: "已出结果的关键需求（紧急、重要）中，客户表示未解决（反馈未解决或重新处理过）的比例",
		In: func(r *Row, _ *Context) bool {
			return r.Valid() && keyNeed(r) && (!r.Resolved.IsZero() || r.Reopens > 0)
		},
		Hit: func(r *Row, _ *Context) bool { return r.Reopens > 0 || (r.Feedback != nil && !r.Feedback.Solved) },
	},
	{
		ID: CollectionCoverage, Name: "需求收集覆盖率", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "有效需求中，登记时收集齐联系人、联系方式和期望目标（登记表必填项之外）的比例",
		In:         valid,
		Hit:        func(r *Row, _ *Context) bool { return r.Collected },
	},
	{
		ID: ArchiveCompleteness, Name: "归档完整性", Unit: "%", Kind: KindRate, Higher: true,
		Definition: "已归档的需求中，流程要求的文档齐全的比例（完整流程：已签字的需求分析确认函、已批准的服务方案书、已签字的方案确认函、验收通过的交付验收单、满意度调查表；简易流程：处理结果说明、满意度调查表）",
		In:         func(r *Row, _ *Context) bool { return r.Status == request.StatusArchived },
		Hit:        func(r *Row, _ *Context) bool { return r.ArchiveMissing == 0 },
	},
}

// deliveredOnTime tells whether a delivered request was delivered by the
// promised day, or within its resolve limit when no day was promised; false
// in the second result when neither is known.
func deliveredOnTime(r *Row, c *Context) (onTime, known bool) {
	if r.Promised != "" {
		day, err := time.ParseInLocation("2006-01-02", r.Promised, c.loc())
		if err == nil {
			return r.Delivered.Before(day.AddDate(0, 0, 1)), true
		}
	}
	cl, ok := r.Clock(sla.KindResolve)
	if !ok || cl.Due.IsZero() {
		return false, false
	}
	return !r.Delivered.After(cl.Due), true
}

func (c *Context) loc() *time.Location {
	if c.Config.Location != nil {
		return c.Config.Location
	}
	return time.Local
}

// Lookup returns the definition of a measure, of Measures or RecordMeasures.
func Lookup(id MeasureID) (Def, bool) {
	for _, d := range Measures {
		if d.ID == id {
			return d, true
		}
	}
	for _, d := range RecordMeasures {
		if d.ID == id {
			return d, true
		}
	}
	return Def{}, false
}

// Value is a measure's result over a set of rows.
type Value struct {
	ID MeasureID `json:"id"`
	// Value is the count, the rate in percent, or the average; nil when no
	// row was measured (a rate over nothing is not 0%).
	Value *float64 `json:"value"`
	// N is the rows measured (denominator, population); Hits a rate's numerator.
	N    int `json:"n"`
	Hits int `json:"hits"`
}

// Compute measures rows with the definition d.
func (d Def) Compute(rows []Row, c *Context) Value {
	var s Sum
	for i := range rows {
		d.add(&s, &rows[i], c)
	}
	return d.value(s)
}

// Selects tells whether row r is among a measure's rows (part "in") or its
// hits (part "hit"), the requests behind a number.
func (d Def) Selects(r *Row, c *Context, part string) bool {
	if d.Records || !d.In(r, c) {
		return false
	}
	switch part {
	case "hit":
		return d.Kind == KindRate && d.Hit(r, c)
	case "miss":
		return d.Kind == KindRate && !d.Hit(r, c)
	}
	return true
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
