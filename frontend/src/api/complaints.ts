// Complaints (办法 003): a customer's complaint about how a request was
// handled, registered against it and taken through its steps over
// RequestsApp (RegisterComplaint, StepComplaint, Complaints).
import * as Binding from '../wailsjs/go/app/RequestsApp'
import { request, store } from '../wailsjs/go/models'
import { decodeBody, decodeRecord, type Complaint, type StageRecord } from './records'
import { invoke } from './transport'
import type { ClockBadge } from './timelimits'
import type { RawRecord } from './types'

/** ComplaintAction is a step of a complaint. */
export type ComplaintAction = 'accept' | 'answer' | 'close' | 'reinvestigate'

/** ComplaintInput is what a person enters at registration or at a step; times are ISO moments. */
export interface ComplaintInput {
  receivedAt?: string
  channel?: string
  complainant?: string
  cause?: string
  content?: string
  investigator?: string
  findings?: string
  responsible?: string
  measures?: string
  answer?: string
  answeredAt?: string
  accepted?: boolean | null
  note?: string
}

/** ComplaintRow is one complaint of the list, with its request and its running clock. */
export interface ComplaintRow {
  record: StageRecord<'complaint'>
  complaint: Complaint
  requestId: string
  number: string
  title: string
  customer: string
  clock: ClockBadge | null
}

/** ComplaintStatusFilter narrows the list: a status, 'open' for every one not closed, '' for all. */
export type ComplaintStatusFilter = '' | 'open' | Complaint['status']

// Empty times are left out: Go cannot read "" as a time (a missing one is "required").
function plain(in_: ComplaintInput): Record<string, unknown> {
  const out: Record<string, unknown> = { ...in_ }
  for (const k of ['receivedAt', 'answeredAt']) if (!out[k]) delete out[k]
  return out
}

function asComplaint(raw: RawRecord): StageRecord<'complaint'> {
  const r = decodeRecord(raw)
  if (!r || r.kind !== 'complaint') throw new Error('not a complaint')
  return r as StageRecord<'complaint'>
}

/** registerComplaint registers a complaint against a request and returns its record. */
export async function registerComplaint(requestId: string, input: ComplaintInput): Promise<StageRecord<'complaint'>> {
  const body = plain(input)
  const raw = await invoke<RawRecord>('RequestsApp', 'RegisterComplaint', [requestId, body], () =>
    Binding.RegisterComplaint(requestId, request.ComplaintInput.createFrom(body)),
  )
  return asComplaint(raw)
}

/** stepComplaint takes a complaint (version as read) one step. */
export async function stepComplaint(
  id: string,
  version: number,
  action: ComplaintAction,
  input: ComplaintInput,
): Promise<StageRecord<'complaint'>> {
  const body = plain(input)
  const raw = await invoke<RawRecord>('RequestsApp', 'StepComplaint', [id, version, action, body], () =>
    Binding.StepComplaint(id, version, action, request.ComplaintInput.createFrom(body)),
  )
  return asComplaint(raw)
}

interface RawRow {
  record: RawRecord
  complaint: unknown
  requestId: string
  number: string
  title: string
  customer: string
  clock: ClockBadge | null
}

/** listComplaints returns the complaints the filter selects, the latest first. */
export async function listComplaints(status: ComplaintStatusFilter = ''): Promise<ComplaintRow[]> {
  const rows = await invoke<RawRow[] | null>('RequestsApp', 'Complaints', [{ status }], () =>
    Binding.Complaints(store.ComplaintFilter.createFrom({ status })),
  )
  return (rows ?? []).map((r) => ({
    record: asComplaint(r.record),
    complaint: decodeBody('complaint', r.complaint),
    requestId: r.requestId,
    number: r.number,
    title: r.title,
    customer: r.customer,
    clock: r.clock ?? null,
  }))
}
