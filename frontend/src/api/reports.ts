// Reports: the dashboard, the monthly and quarterly reports with their
// issued versions, and the targets the measures are judged against
// (internal/report). Go sends null for a missing number and for an empty
// list; the functions here turn empty lists into [] so the views need not.
import * as Binding from '../wailsjs/go/app/ReportsApp'
import { report } from '../wailsjs/go/models'
import { bytesFromWire } from '../lib/bytes'
import { invoke } from './transport'
import type { Alert } from './timelimits'
import type { Urgency } from './types'

const S = 'ReportsApp'

export type MeasureKind = 'count' | 'rate' | 'average'
export type ReportKind = 'monthly' | 'quarterly' | 'diagnosis' | 'annual'
export const reportKinds: readonly ReportKind[] = ['monthly', 'quarterly', 'diagnosis', 'annual']
/** wholeCompany: plan 004's diagnosis and annual evaluation are issued for the whole company only. */
export const wholeCompany = (k: ReportKind): boolean => k === 'diagnosis' || k === 'annual'

/** MeasureDef defines one measure: its name, unit ("条", "%", "小时", "分") and how it is made. */
export interface MeasureDef {
  id: string
  name: string
  unit: string
  kind: MeasureKind
  /** higher: a higher value is better (rates of success); lower is for times and complaints. */
  higher: boolean
  definition: string
  /** records: measured over communication records (话术适配率, 抽检合格率, 整改率), not over the requests received. */
  records?: boolean
}

/** MeasureValue is a measure over a set of requests: n measured, hits of a rate; value null when nothing was measured. */
export interface MeasureValue {
  id: string
  value: number | null
  n: number
  hits: number
}

export type TargetOp = '>=' | '<='
/** Target bounds a value, or (relative) its change in percent against the same period a year earlier. */
export interface Target {
  op: TargetOp
  value: number
  relative: boolean
}

export interface Attainment {
  target: Target | null
  /** met is null when there is no target or nothing to judge it by. */
  met: boolean | null
  change: number | null
  text: string
  /** explain says in plain words what the target asks and how the value stands, or why it cannot be judged (absent in reports issued before it existed). */
  explain?: string
}

/** Result is one measure over a period, with the previous period, the baseline a year earlier and the trend by month. */
export interface Result extends MeasureDef {
  value: MeasureValue
  previous: MeasureValue
  baseline: MeasureValue
  attainment: Attainment
  trend: (number | null)[]
}

export interface Count {
  key: string
  count: number
}

export interface Period {
  kind: 'month' | 'quarter' | 'range'
  key: string
  label: string
  from: string
  to: string
}

export interface Backlog {
  stage: string
  name: string
  count: number
  byAge: number[]
}

export interface QuadrantPoint {
  requestId: string
  number: string
  title: string
  urgency: Urgency
  customerValue: number
  businessValue: number
  costDays: number
}

export interface Group {
  key: string
  open: number
  values: MeasureValue[]
}

export interface MonthPoint {
  key: string
  label: string
  received: number
  solved: number
  onTimeResolve: number | null
  satisfaction: number | null
  responseHours: number | null
}

export interface Term {
  term: string
  count: number
}

export interface Dashboard {
  period: Period
  /** previous and baseline (a year earlier) are only their first days, as many as the period has had, while inProgress. */
  previous: Period
  baseline: Period
  inProgress: boolean
  department: string
  now: string
  kpis: Result[]
  onTime: Result[]
  /** plan004 are plan 004's measures (internal/report Plan004) with their targets. */
  plan004: Result[]
  scores: Result[]
  months: MonthPoint[]
  types: Count[]
  channels: Count[]
  categories: Count[]
  urgencies: Count[]
  backlog: Backlog[]
  openTotal: number
  quadrant: QuadrantPoint[]
  departments: Group[]
  owners: Group[]
  topTerms: Term[]
  groupMeasures: MeasureDef[]
  risks: Alert[]
  breached: number
  dueSoon: number
}

export interface ReportConfig {
  targets: Record<string, Target>
  improvementTypes: string[]
  complaintTypes: string[]
}

export interface Texts {
  proposals: Record<string, string>
  problems: string
  measures: string
}

export interface Problem {
  term: string
  count: number
  examples: string[]
  proposal: string
}

export interface ConfigView {
  improvementTypes: string[]
  complaintTypes: string[]
}

/** Monthly is the monthly analysis report 《客户需求分析报告》. */
export interface Monthly {
  period: Period
  department: string
  due: string
  generated: string
  received: number
  types: Count[]
  channels: Count[]
  indicators: Result[]
  scores: Result[]
  problems: Problem[]
  summary: string
  backlog: Backlog[]
  months: MonthPoint[]
  texts: Texts
  config: ConfigView
}

/** Quarterly is the quarterly evaluation report 季度评估报告. */
export interface Quarterly {
  period: Period
  previous: Period
  department: string
  generated: string
  indicators: Result[]
  scores: Result[]
  months: MonthPoint[]
  types: Count[]
  findings: string[]
  /** plan004 are plan 004's measures against their targets (absent in reports issued before them). */
  plan004?: Result[]
  departments: Group[]
  groupMeasures: MeasureDef[]
  texts: Texts
  config: ConfigView
}

/** ChannelResponse is one channel's first responses against plan 004's standard (hours; rate in percent). */
export interface ChannelResponse {
  channel: string
  standard: string
  received: number
  responded: number
  avgHours: number | null
  maxHours: number | null
  measured: number
  met: number
  rate: number | null
}

export interface RecordCompleteness {
  channel: string
  records: number
  complete: number
  rate: number | null
}

export interface CheckSummary {
  scored: number
  passed: number
  rate: number | null
  channels: { channel: string; scored: number; passed: number; rate: number | null }[]
  points: { label: string; max: number; n: number; avg: number | null; share: number | null }[]
  rectOpened: number
  rectClosed: number
}

/** QualityValue is a communication-quality measure (话术适配率, 抽检合格率, 整改率) with its target. */
export interface QualityValue {
  id: string
  name: string
  definition: string
  target: number
  num: number
  den: number
  value: number | null
  met: boolean | null
}

/** Diagnosis is plan 004's 《客户沟通现状诊断报告》. */
export interface Diagnosis {
  period: Period
  department: string
  generated: string
  received: number
  summary: string
  channels: ChannelResponse[]
  indicators: Result[]
  complaints: number
  causes: Count[]
  statuses: Count[]
  records: RecordCompleteness[]
  recordTotal: RecordCompleteness
  missing: Count[]
  checks: CheckSummary
  quality: QualityValue[]
  findings: string[]
  texts: Texts
}

export interface Reached {
  value: MeasureValue
  baseline: MeasureValue
  attainment: Attainment
}

/** Goal is one of plan 004's goals over the year: by stage (short, medium, long), the year, and month by month. */
export interface Goal extends MeasureDef {
  phases: Reached[]
  year: Reached
  months: (number | null)[]
  target: Attainment
  record: boolean
}

export interface Phase {
  key: string
  name: string
  period: Period
}

/** Annual is plan 004's 《年度效果评估报告》. */
export interface Annual {
  period: Period
  department: string
  generated: string
  phases: Phase[]
  goals: Goal[]
  months: MonthPoint[]
  received: number
  complaints: Count[]
  channels: ChannelResponse[]
  findings: string[]
  texts: Texts
}

export type ReportBody = Monthly | Quarterly | Diagnosis | Annual

/** SavedReport is an issued version (version ≥ 1); body holds its frozen report, when asked for one. */
export interface SavedReport {
  id: string
  kind: ReportKind
  period: string
  department: string
  version: number
  texts: Texts
  body: ReportBody | null
  issuedAt: string | null
  issuedBy: string
  updatedAt: string
}

/** ReportView is a report on today's data with the texts written so far, and its newest issued version. */
export interface ReportView {
  kind: ReportKind
  monthly: Monthly | null
  quarterly: Quarterly | null
  diagnosis: Diagnosis | null
  annual: Annual | null
  issued: SavedReport | null
}

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

function result(r: Result): Result {
  return { ...r, trend: list(r.trend) }
}

function texts(t: Texts | null | undefined): Texts {
  return { proposals: t?.proposals ?? {}, problems: t?.problems ?? '', measures: t?.measures ?? '' }
}

/** normalizeDashboard fills the lists Go sent as null. */
export function normalizeDashboard(d: Dashboard): Dashboard {
  return {
    ...d,
    kpis: list(d.kpis).map(result),
    onTime: list(d.onTime).map(result),
    plan004: list(d.plan004).map(result),
    scores: list(d.scores).map(result),
    months: list(d.months),
    types: list(d.types),
    channels: list(d.channels),
    categories: list(d.categories),
    urgencies: list(d.urgencies),
    backlog: list(d.backlog).map((b) => ({ ...b, byAge: list(b.byAge) })),
    quadrant: list(d.quadrant),
    departments: list(d.departments),
    owners: list(d.owners),
    topTerms: list(d.topTerms),
    groupMeasures: list(d.groupMeasures),
    risks: list(d.risks),
  }
}

/** normalizeMonthly fills the lists Go sent as null. */
export function normalizeMonthly(m: Monthly): Monthly {
  return {
    ...m,
    types: list(m.types),
    channels: list(m.channels),
    indicators: list(m.indicators).map(result),
    scores: list(m.scores).map(result),
    problems: list(m.problems).map((p) => ({ ...p, examples: list(p.examples) })),
    backlog: list(m.backlog).map((b) => ({ ...b, byAge: list(b.byAge) })),
    months: list(m.months),
    texts: texts(m.texts),
    config: { improvementTypes: list(m.config?.improvementTypes), complaintTypes: list(m.config?.complaintTypes) },
  }
}

/** normalizeQuarterly fills the lists Go sent as null. */
export function normalizeQuarterly(q: Quarterly): Quarterly {
  return {
    ...q,
    indicators: list(q.indicators).map(result),
    scores: list(q.scores).map(result),
    plan004: list(q.plan004).map(result),
    months: list(q.months),
    types: list(q.types),
    findings: list(q.findings),
    departments: list(q.departments),
    groupMeasures: list(q.groupMeasures),
    texts: texts(q.texts),
    config: { improvementTypes: list(q.config?.improvementTypes), complaintTypes: list(q.config?.complaintTypes) },
  }
}

/** normalizeDiagnosis fills the lists Go sent as null. */
export function normalizeDiagnosis(d: Diagnosis): Diagnosis {
  return {
    ...d,
    channels: list(d.channels),
    indicators: list(d.indicators).map(result),
    causes: list(d.causes),
    statuses: list(d.statuses),
    records: list(d.records),
    missing: list(d.missing),
    checks: { ...d.checks, channels: list(d.checks?.channels), points: list(d.checks?.points) },
    quality: list(d.quality),
    findings: list(d.findings),
    texts: texts(d.texts),
  }
}

/** normalizeAnnual fills the lists Go sent as null. */
export function normalizeAnnual(a: Annual): Annual {
  return {
    ...a,
    phases: list(a.phases),
    goals: list(a.goals).map((g) => ({ ...g, phases: list(g.phases), months: list(g.months) })),
    months: list(a.months),
    complaints: list(a.complaints),
    channels: list(a.channels),
    findings: list(a.findings),
    texts: texts(a.texts),
  }
}

function normalizeBody(kind: ReportKind, b: ReportBody): ReportBody {
  switch (kind) {
    case 'monthly':
      return normalizeMonthly(b as Monthly)
    case 'diagnosis':
      return normalizeDiagnosis(b as Diagnosis)
    case 'annual':
      return normalizeAnnual(b as Annual)
  }
  return normalizeQuarterly(b as Quarterly)
}

function normalizeSaved(s: SavedReport): SavedReport {
  return { ...s, texts: texts(s.texts), body: s.body ? normalizeBody(s.kind, s.body) : null }
}

/** reportBody is the report a view holds, whichever kind. */
export function reportBody(v: ReportView): ReportBody | null {
  return v.monthly ?? v.quarterly ?? v.diagnosis ?? v.annual ?? null
}

/** measures lists every measure with its definition. */
export function measures(): Promise<MeasureDef[]> {
  return invoke<MeasureDef[] | null>(S, 'Measures', [], () => Binding.Measures()).then(list)
}

/**
 * dashboard computes the home screen for a period — "2026-10", "2026Q3" or
 * "2026-10-01~2026-10-15" — and a department ("" for all).
 */
export function dashboard(period: string, department: string): Promise<Dashboard> {
  return invoke<Dashboard>(S, 'Dashboard', [period, department], () => Binding.Dashboard(period, department)).then(
    normalizeDashboard,
  )
}

/** reportConfig returns the targets and the type lists the measures use. */
export function reportConfig(): Promise<ReportConfig> {
  return invoke<ReportConfig>(S, 'Config', [], () => Binding.Config()).then((c) => ({
    targets: c.targets ?? {},
    improvementTypes: list(c.improvementTypes),
    complaintTypes: list(c.complaintTypes),
  }))
}

/** saveReportConfig validates and stores the targets and type lists, returning them as stored. */
export function saveReportConfig(c: ReportConfig): Promise<ReportConfig> {
  return invoke<ReportConfig>(S, 'SaveConfig', [c], () => Binding.SaveConfig(report.Config.createFrom(c))).then((r) => ({
    targets: r.targets ?? {},
    improvementTypes: list(r.improvementTypes),
    complaintTypes: list(r.complaintTypes),
  }))
}

/** liveReport computes a report from today's data: monthly (period "2026-10"), quarterly ("2026Q3"), diagnosis (a month or a quarter) or annual ("2026"). */
export function liveReport(kind: ReportKind, period: string, department: string): Promise<ReportView> {
  return invoke<ReportView>(S, 'Report', [kind, period, department], () => Binding.Report(kind, period, department)).then(
    (v) => ({
      ...v,
      monthly: v.monthly ? normalizeMonthly(v.monthly) : null,
      quarterly: v.quarterly ? normalizeQuarterly(v.quarterly) : null,
      diagnosis: v.diagnosis ? normalizeDiagnosis(v.diagnosis) : null,
      annual: v.annual ? normalizeAnnual(v.annual) : null,
      issued: v.issued ? normalizeSaved(v.issued) : null,
    }),
  )
}

/** saveReportTexts keeps the proposals, problems found and improvement measures written into a report. */
export function saveReportTexts(kind: ReportKind, period: string, department: string, t: Texts): Promise<void> {
  return invoke(S, 'SaveTexts', [kind, period, department, t], () =>
    Binding.SaveTexts(kind, period, department, report.Texts.createFrom(t)),
  )
}

/** issueReport saves the report as a new version with its numbers frozen. */
export function issueReport(kind: ReportKind, period: string, department: string): Promise<SavedReport> {
  return invoke<SavedReport>(S, 'Issue', [kind, period, department], () => Binding.Issue(kind, period, department)).then(
    normalizeSaved,
  )
}

/** issuedReports lists the issued versions of reports of a kind, newest period first (without their numbers). */
export function issuedReports(kind: ReportKind): Promise<SavedReport[]> {
  return invoke<SavedReport[] | null>(S, 'Issued', [kind], () => Binding.Issued(kind)).then((l) =>
    list(l).map(normalizeSaved),
  )
}

/** savedReport returns one issued version with its frozen numbers. */
export function savedReport(id: string): Promise<SavedReport> {
  return invoke<SavedReport>(S, 'Saved', [id], () => Binding.Saved(id)).then(normalizeSaved)
}

export type ReportFormat = 'pdf' | 'xlsx'

/**
 * reportFile prints a report as a PDF or writes it as a workbook: the issued
 * version savedID, or, when savedID is "", today's numbers as a draft.
 */
export function reportFile(
  format: ReportFormat,
  kind: ReportKind,
  period: string,
  department: string,
  savedID: string,
): Promise<Uint8Array> {
  const args = [kind, period, department, savedID] as const
  if (format === 'pdf') return invoke<unknown>(S, 'PDF', args, () => Binding.PDF(...args)).then(bytesFromWire)
  return invoke<unknown>(S, 'Excel', args, () => Binding.Excel(...args)).then(bytesFromWire)
}

/** reportFileName proposes the file name for saving a report (arguments as reportFile). */
export function reportFileName(
  format: ReportFormat,
  kind: ReportKind,
  period: string,
  department: string,
  savedID: string,
): Promise<string> {
  return invoke(S, 'FileName', [kind, period, department, savedID, format], () =>
    Binding.FileName(kind, period, department, savedID, format),
  )
}
