// Time limits (SLA): the policies per urgency, the working calendar with its
// holiday years, and the notification centre's alerts.
import * as Binding from '../wailsjs/go/app/TimeLimitsApp'
import { sla, store } from '../wailsjs/go/models'
import { invoke } from './transport'
import type { Plain } from './types'
import type { request } from '../wailsjs/go/models'

const S = 'TimeLimitsApp'

export type LimitUnit = 'seconds' | 'minutes' | 'hours' | 'days'
export type LimitClock = '24x7' | 'working'

/**
 * Limit is one time limit of a policy: amount of unit (LimitUnit) on a clock
 * (LimitClock); an empty unit means the limit is off (不考核).
 */
export type Limit = Plain<sla.Limit>

/**
 * ClockKind names one of the process's time limits, in the order a request meets them: the
 * urgency's policy, plan 004's channel and cross-department limits, and the complaints'. The
 * list equals internal/sla's Kinds (a Go test, TestFrontendClockKinds, keeps them equal).
 */
export type ClockKind =
  | 'record'
  | 'classify'
  | 'respond'
  | 'channel_respond'
  | 'phone_answer'
  | 'handover'
  | 'handover_answer'
  | 'start'
  | 'progress'
  | 'resolve'
  | 'result_feedback'
  | 'survey'
  | 'complaint_accept'
  | 'complaint_answer'

export const clockKinds: readonly ClockKind[] = [
  'record',
  'classify',
  'respond',
  'channel_respond',
  'phone_answer',
  'handover',
  'handover_answer',
  'start',
  'progress',
  'resolve',
  'result_feedback',
  'survey',
  'complaint_accept',
  'complaint_answer',
]

/** ClockState is where a measured clock stands. */
export type ClockState = 'not_started' | 'on_track' | 'due_soon' | 'breached' | 'paused' | 'met' | 'late' | 'stopped'

export const clockStates: readonly ClockState[] = [
  'not_started',
  'on_track',
  'due_soon',
  'breached',
  'paused',
  'met',
  'late',
  'stopped',
]

/** Policy is the set of limits for one urgency, optionally narrowed to a type and/or channel. */
export type Policy = Plain<sla.Policy>

/** PolicyLimitField names a limit of a policy; the order is the one the settings table shows. */
export type PolicyLimitField =
  | 'record'
  | 'classify'
  | 'respond'
  | 'start'
  | 'progressAfter'
  | 'progressEvery'
  | 'resolve'
  | 'resultFeedback'
  | 'survey'

export const policyLimitFields: readonly PolicyLimitField[] = [
  'record',
  'classify',
  'respond',
  'start',
  'progressAfter',
  'progressEvery',
  'resolve',
  'resultFeedback',
  'survey',
]

/** Measure is one clock of one request now (request detail). */
export type Measure = Plain<sla.Measure>
/** ClockBadge is a request's most pressing running clock (list row, board card). */
export type ClockBadge = Plain<request.ClockBadge>
/** Alert is a running clock that is due soon or breached. */
export type Alert = Plain<request.Alert>
/**
 * AlertList is the notification centre's list: the most pressing alerts
 * (breached first, then by due time; at most request.MaxAlerts, 200) and how many clocks
 * are breached and due soon in all, listed or not.
 */
export type AlertList = Plain<request.AlertList>
/** Escalation records that a request was brought to someone's attention. */
export type Escalation = Plain<request.Escalation>

/** Interval is a stretch of working time in minutes since midnight, end exclusive. */
export type Interval = Plain<sla.Interval>
/** Hours are the working hours per weekday (week[0] is Sunday) and on make-up working days. */
export interface Hours {
  week: Interval[][]
  makeUp: Interval[]
}
export interface SLASettings {
  hours: Hours
  dueSoonPercent: number
}

// Dates of a holiday schedule travel as YYYY-MM-DD text (sla.Date marshals
// as text), not as the object the generated model describes.

/** ScheduleSource names the official notice a schedule transcribes. */
export interface ScheduleSource {
  title: string
  number?: string
  published?: string
  url?: string
}
/** Holiday is one festival: days off from..to (inclusive) and the make-up working days. */
export interface Holiday {
  name: string
  from: string
  to: string
  work?: string[]
}
/** Schedule is one year's official holiday arrangement, in the file format import and export use. */
export interface Schedule {
  year: number
  sources: ScheduleSource[]
  note?: string
  holidays: Holiday[]
}
export type ScheduleOrigin = 'shipped' | 'user' | 'missing'
/** ScheduleYear is one year of the holiday calendar: shipped, entered by the user, or missing. */
export interface ScheduleYear {
  year: number
  origin: ScheduleOrigin
  schedule: Schedule
}

/** listPolicies returns every time-limit policy. */
export function listPolicies(): Promise<Policy[]> {
  return invoke<Policy[] | null>(S, 'Policies', [], () => Binding.Policies()).then((ps) => ps ?? [])
}

/** savePolicy adds a policy (empty id) or changes one (version as loaded); open requests' clocks follow. */
export function savePolicy(p: Policy): Promise<Policy> {
  return invoke(S, 'SavePolicy', [p], () => Binding.SavePolicy(sla.Policy.createFrom(p)))
}

/** deletePolicy removes a policy narrowed to a type or channel (version as loaded); the general ones stay. */
export function deletePolicy(id: string, version: number): Promise<void> {
  return invoke<void>(S, 'DeletePolicy', [id, version], () => Binding.DeletePolicy(id, version))
}

/** getSLASettings returns the working hours and the due-soon threshold. */
export function getSLASettings(): Promise<SLASettings> {
  return invoke(S, 'Settings', [], () => Binding.Settings())
}

/** saveSLASettings stores the working hours and the due-soon threshold. */
export function saveSLASettings(s: SLASettings): Promise<SLASettings> {
  return invoke(S, 'SaveSettings', [s], () => Binding.SaveSettings(store.SLASettings.createFrom(s)))
}

/** listSchedules returns the holiday calendar's years, naming those without an official schedule. */
export function listSchedules(): Promise<ScheduleYear[]> {
  return invoke<ScheduleYear[] | null>(S, 'Schedules', [], () => Binding.Schedules()).then((ys) => ys ?? [])
}

/** importSchedule stores a year's holiday schedule from the text of its JSON file. */
export function importSchedule(json: string): Promise<Schedule> {
  return invoke(S, 'ImportSchedule', [json], () => Binding.ImportSchedule(json))
}

/** exportSchedule returns a year's holiday schedule as JSON text to share. */
export function exportSchedule(year: number): Promise<string> {
  return invoke(S, 'ExportSchedule', [year], () => Binding.ExportSchedule(year))
}

/**
 * listAlerts escalates what is due for escalation, then returns the most
 * pressing due-soon and breached clocks with how many there are in all.
 */
export async function listAlerts(): Promise<AlertList> {
  const l = await invoke<AlertList>(S, 'Alerts', [], () => Binding.Alerts())
  return { items: l.items ?? [], breached: l.breached, dueSoon: l.dueSoon }
}

/** ChannelLimit is the first-response limit of one channel. */
export interface ChannelLimit {
  channel: string
  limit: Limit
}

/**
 * ChannelLimits are plan 004's channel and cross-department limits and the
 * complaints' (sla.ChannelLimits), kept beside the working hours.
 */
export interface ChannelLimits {
  respond: ChannelLimit[]
  phoneAnswer: Limit
  serviceDepartment: string
  handover: Limit
  handoverAnswer: Limit
  complaintAccept: Limit
  complaintAnswer: Limit
}

/** getChannelLimits returns the channel, cross-department and complaint limits. */
export async function getChannelLimits(): Promise<ChannelLimits> {
  const s = await invoke<{ channels: ChannelLimits }>(S, 'Settings', [], () => Binding.Settings())
  return { ...s.channels, respond: s.channels.respond ?? [] }
}

/** saveChannelLimits stores them; open requests' clocks follow. */
export async function saveChannelLimits(l: ChannelLimits): Promise<ChannelLimits> {
  const s = await invoke<{ channels: ChannelLimits }>(S, 'SaveChannelLimits', [l], () =>
    Binding.SaveChannelLimits(sla.ChannelLimits.createFrom(l)),
  )
  return { ...s.channels, respond: s.channels.respond ?? [] }
}
