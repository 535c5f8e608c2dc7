// The quarterly value assessment of high-value needs (plan 004): a need whose
// analysis scored customer or business value 4 or 5 is assessed every quarter
// (repeat purchase, cost saved, improvement made); 需求转化率 reads it. Over
// RequestsApp (AssessValue, ValueDues).
import * as Binding from '../wailsjs/go/app/RequestsApp'
import { request } from '../wailsjs/go/models'
import { invoke } from './transport'
import type { RawRecord } from './types'

/** Improvement is what a need was made into: 产品改进, 服务优化, 新功能建议. */
export type Improvement = '' | 'product' | 'service' | 'feature'
export const improvements: readonly Exclude<Improvement, ''>[] = ['product', 'service', 'feature']

/** ValueAssessment is one quarter's assessment as kept. */
export interface ValueAssessment {
  quarter: string
  repeatPurchase: boolean
  costSaved: number
  improvement: Improvement
  improvementNote: string
  note: string
  assessor: string
  assessedAt: string
}

/** ValueInput is what a person enters for a quarter's assessment. */
export interface ValueInput {
  quarter: string
  repeatPurchase: boolean
  costSaved: number
  improvement: Improvement
  improvementNote: string
  note: string
}

/** ValueDue is a high-value need of the quarter, with the quarter's assessment once made. */
export interface ValueDue {
  requestId: string
  number: string
  title: string
  customer: string
  status: string
  receivedAt: string
  customerValue: number
  businessValue: number
  assessment: ValueAssessment | null
  assessed: number
}

/** ValueQuarter is a quarter (key, label), the current quarter and its high-value needs, those due first. */
export interface ValueQuarter {
  quarter: string
  label: string
  current: string
  items: ValueDue[]
}

/** valueDues lists the high-value needs of a quarter ("2026Q4"; the current one when empty). */
export async function valueDues(quarter: string): Promise<ValueQuarter> {
  const q = await invoke<ValueQuarter>('RequestsApp', 'ValueDues', [quarter], () => Binding.ValueDues(quarter))
  return { ...q, items: (q.items ?? []).map((d) => ({ ...d, assessment: d.assessment ?? null })) }
}

/** assessValue records a quarter's assessment of a need. */
export async function assessValue(requestId: string, input: ValueInput): Promise<RawRecord> {
  return invoke<RawRecord>('RequestsApp', 'AssessValue', [requestId, input], () =>
    Binding.AssessValue(requestId, request.ValueInput.createFrom(input)),
  )
}
