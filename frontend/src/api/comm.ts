// Communication quality (plan 004, internal/comm): the reply-script library
// with its revisions, filling a script from a request, and the weekly
// quality checks with their 整改 items and measures. Go sends null for an
// empty list; the functions here turn it into [].
import * as Binding from '../wailsjs/go/app/CommApp'
import type { comm, command } from '../wailsjs/go/models'
import { bytesFromWire } from '../lib/bytes'
import { invoke } from './transport'
import type { Plain } from './types'

const S = 'CommApp'

export type Topic = Plain<comm.Topic>
export type Placeholder = Plain<comm.Placeholder>
export type Script = Plain<comm.Script>
export type ScriptInput = Plain<comm.ScriptInput>
export type Revision = Plain<comm.Revision>
export type Filled = Plain<comm.Filled>
export type MissingTopic = Plain<comm.MissingTopic>
export type ChecklistItem = Plain<comm.ChecklistItem>
export type Rectification = Plain<comm.Rectification>
export type RectInput = Plain<command.RectInput>
export type CheckScore = Plain<comm.Score>

/** CheckConfig is the weekly check's sample size (per channel where given) and pass mark in percent. */
export interface CheckConfig {
  sampleSize: number
  channelSizes: Record<string, number>
  passPercent: number
  version: number
}

/** CheckItem is a sampled communication record and, once scored, its verdict and 整改 item. */
export interface CheckItem {
  id: string
  checkId: string
  position: number
  recordId: string
  requestId: string
  number: string
  channel: string
  agent: string
  at: string
  summary: string
  scores: CheckScore[]
  total: number
  max: number
  passed: boolean | null
  comment: string
  scoredBy: string
  scoredAt: string
  rectification: Rectification | null
  version: number
}

/** QualityCheck is one person's weekly check with its sample. */
export interface QualityCheck {
  id: string
  week: string
  checker: string
  seed: string
  sizes: Record<string, number>
  createdAt: string
  items: CheckItem[]
  size: number
  scored: number
  passed: number
  open: number
}

export type MeasureID = 'script_fit_rate' | 'check_pass_rate' | 'rectification_rate'

/** MeasureRef is one record behind a measure; counted when it is in the numerator. */
export interface MeasureRef {
  recordId: string
  requestId: string
  number: string
  kind: string
  who: string
  at: string
  counted: boolean
  note: string
}

/** MeasureResult is a measure over a period: value in percent (null with nothing to measure), met null when it cannot be judged. */
export interface MeasureResult {
  def: { id: MeasureID; label: string; definition: string; target: number }
  num: number
  den: number
  value: number | null
  met: boolean | null
  refs: MeasureRef[]
}

export interface Basics {
  topics: Topic[]
  placeholders: Placeholder[]
}

export function basics(): Promise<Basics> {
  return invoke<Basics>(S, 'Basics', [], () => Binding.Basics())
}

export function scripts(): Promise<Script[]> {
  return invoke<Script[] | null>(S, 'Scripts', [], () => Binding.Scripts()).then((l) => l ?? [])
}

export function revisions(id: string): Promise<Revision[]> {
  return invoke<Revision[] | null>(S, 'Revisions', [id], () => Binding.Revisions(id)).then((l) => l ?? [])
}

export function saveScript(input: ScriptInput): Promise<Script> {
  return invoke<Script>(S, 'SaveScript', [input], () => Binding.SaveScript(input as comm.ScriptInput))
}

/** fillScript fills a script's fields from a request, to insert into a record. */
export function fillScript(scriptId: string, requestId: string): Promise<Filled> {
  return invoke<Filled>(S, 'Fill', [scriptId, requestId], () => Binding.Fill(scriptId, requestId)).then((f) => ({
    ...f,
    missing: f.missing ?? [],
  }))
}

export function missingTopics(): Promise<MissingTopic[]> {
  return invoke<MissingTopic[] | null>(S, 'MissingTopics', [], () => Binding.MissingTopics()).then((l) => l ?? [])
}

export function checkConfig(): Promise<CheckConfig> {
  return invoke<CheckConfig>(S, 'CheckConfig', [], () => Binding.CheckConfig()).then((c) => ({ ...c, channelSizes: c.channelSizes ?? {} }))
}

export function saveCheckConfig(c: CheckConfig): Promise<CheckConfig> {
  return invoke<CheckConfig>(S, 'SaveCheckConfig', [c], () => Binding.SaveCheckConfig(c as unknown as comm.Config))
}

export function checklist(): Promise<ChecklistItem[]> {
  return invoke<ChecklistItem[] | null>(S, 'Checklist', [], () => Binding.Checklist()).then((l) => l ?? [])
}

export function saveChecklistItem(it: ChecklistItem): Promise<ChecklistItem[]> {
  return invoke<ChecklistItem[] | null>(S, 'SaveChecklistItem', [it], () => Binding.SaveChecklistItem(it as comm.ChecklistItem)).then(
    (l) => l ?? [],
  )
}

function normalizeCheck(c: QualityCheck): QualityCheck {
  return {
    ...c,
    sizes: c.sizes ?? {},
    items: (c.items ?? []).map((i) => ({ ...i, scores: i.scores ?? [] })),
  }
}

export function checks(): Promise<QualityCheck[]> {
  return invoke<QualityCheck[] | null>(S, 'Checks', [], () => Binding.Checks()).then((l) => (l ?? []).map(normalizeCheck))
}

export function check(id: string): Promise<QualityCheck> {
  return invoke<QualityCheck>(S, 'Check', [id], () => Binding.Check(id)).then(normalizeCheck)
}

/** drawCheck draws the week's sample (week like "2026-W49"); seed "" for a new draw. */
export function drawCheck(week: string, seed: string): Promise<QualityCheck> {
  return invoke<QualityCheck>(S, 'DrawCheck', [week, seed], () => Binding.DrawCheck(week, seed)).then(normalizeCheck)
}

export function scoreCheckItem(
  id: string,
  version: number,
  scores: Record<string, number>,
  comment: string,
  rect: RectInput,
): Promise<CheckItem> {
  return invoke<CheckItem>(S, 'ScoreCheckItem', [id, version, scores, comment, rect], () =>
    Binding.ScoreCheckItem(id, version, scores, comment, rect as command.RectInput),
  )
}

export function closeRectification(id: string, version: number, actionTaken: string): Promise<Rectification> {
  return invoke<Rectification>(S, 'CloseRectification', [id, version, actionTaken], () =>
    Binding.CloseRectification(id, version, actionTaken),
  )
}

/** measures computes 话术适配率, 抽检合格率 and 整改率 over the days from..to (YYYY-MM-DD, both included). */
export function measures(from: string, to: string): Promise<MeasureResult[]> {
  return invoke<MeasureResult[] | null>(S, 'Measures', [from, to], () => Binding.Measures(from, to)).then((l) =>
    (l ?? []).map((r) => ({ ...r, refs: r.refs ?? [] })),
  )
}

export function checkPDF(id: string): Promise<Uint8Array> {
  return invoke<unknown>(S, 'CheckPDF', [id], () => Binding.CheckPDF(id)).then(bytesFromWire)
}

export function checkFileName(id: string): Promise<string> {
  return invoke<string>(S, 'CheckFileName', [id], () => Binding.CheckFileName(id))
}
