// Time limits as the UI words them: durations ("剩余 2 小时 15 分",
// "已超时 1 天 3 小时"), limits ("3 个工作日", "4 小时（全天候）"), clock
// kinds, states and their colours, and clock times of working hours.
import type { ClockState, Interval, Limit } from '../api/timelimits'
import type { Translator } from './translate'

const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * formatDuration words a span of seconds by its two largest units, rounded
 * down to the minute: "1 天 3 小时", "2 小时 15 分", "5 分"; under a minute
 * it says so. The sign is ignored.
 */
export function formatDuration(seconds: number, tr: Translator): string {
  let s = Math.floor(Math.abs(seconds))
  if (s < MINUTE) return tr.t('sla.duration.underMinute')
  const days = Math.floor(s / DAY)
  s -= days * DAY
  const hours = Math.floor(s / HOUR)
  s -= hours * HOUR
  const minutes = Math.floor(s / MINUTE)
  const parts: string[] = []
  if (days > 0) parts.push(tr.t('sla.duration.days', { n: days }))
  if (hours > 0) parts.push(tr.t('sla.duration.hours', { n: hours }))
  if (minutes > 0 && days === 0) parts.push(tr.t('sla.duration.minutes', { n: minutes }))
  return parts.slice(0, 2).join(' ')
}

function toTime(v: string | null | undefined): number | null {
  if (!v) return null
  const t = new Date(v).getTime()
  // Go's zero time (0001-01-01) means "not set".
  if (Number.isNaN(t) || new Date(t).getUTCFullYear() < 1900) return null
  return t
}

/** hasTime reports whether v is a set time (not empty, not Go's zero time). */
export function hasTime(v: string | null | undefined): boolean {
  return toTime(v) !== null
}

/** A clock as the helpers need it: a ClockBadge, an Alert or a Measure. */
export interface ClockLike {
  state: string
  due: string
  remaining: number
}

/**
 * overdueSeconds is how long ago a breached clock fell due, in wall-clock
 * time; 0 when it is not overdue or has no due time.
 */
export function overdueSeconds(due: string, now: Date): number {
  const t = toTime(due)
  if (t === null) return 0
  return Math.max(0, Math.floor((now.getTime() - t) / 1000))
}

/**
 * clockTimeText says where a clock stands in time: "剩余 2 小时 15 分" while it
 * runs ("remaining" is clock time: working time on the working clock),
 * "已超时 1 天 3 小时" once breached (wall-clock time since it fell due), and
 * the state's name for the rest.
 */
export function clockTimeText(c: ClockLike, now: Date, tr: Translator): string {
  switch (c.state) {
    case 'on_track':
    case 'due_soon':
      return tr.t('sla.remaining', { time: formatDuration(c.remaining, tr) })
    case 'breached': {
      const over = overdueSeconds(c.due, now)
      return over < MINUTE ? tr.t('sla.overdueJust') : tr.t('sla.overdue', { time: formatDuration(over, tr) })
    }
    case 'paused':
      return tr.t('sla.pausedRemaining', { time: formatDuration(Math.max(0, c.remaining), tr) })
    default:
      return clockStateLabel(tr, c.state)
  }
}

/** isOff reports whether a limit is switched off (不考核). */
export function isOff(l: Limit | null | undefined): boolean {
  return !l || l.unit === ''
}

/** limitText words a limit: "3 个工作日", "4 小时（全天候）", "立即", "不考核". */
export function limitText(l: Limit | null | undefined, tr: Translator): string {
  if (!l || isOff(l)) return tr.t('sla.limit.off')
  if (l.amount === 0) return tr.t('sla.limit.atOnce')
  const working = l.clock === 'working'
  const one = l.amount === 1
  const key = `${working ? 'working' : 'allDay'}.${l.unit}${one ? 'One' : ''}`
  return tr.t(`sla.limit.${key}`, { n: l.amount })
}

/**
 * limitParts splits a limit for a narrow table cell: the amount ("30 分钟",
 * "3 个工作日", "立即", "不考核") and, where the amount does not already say
 * it, the clock ("全天候", "工作时间").
 */
export function limitParts(l: Limit | null | undefined, tr: Translator): { amount: string; clock: string } {
  if (!l || isOff(l)) return { amount: tr.t('sla.limit.off'), clock: '' }
  const clock = l.clock === 'working' ? tr.t('sla.settings.clockWorking') : tr.t('sla.settings.clock24x7')
  if (l.amount === 0) return { amount: tr.t('sla.limit.atOnce'), clock }
  const unit = l.unit === 'days' && l.clock === 'working' ? 'workingDays' : l.unit
  const amount = tr.t(`sla.limit.amount.${unit}${l.amount === 1 ? 'One' : ''}`, { n: l.amount })
  return { amount, clock: unit === 'workingDays' ? '' : clock }
}

/** clockKindLabel names a clock kind (登记, 首次响应 ...), or shows its code when unknown. */
export function clockKindLabel(tr: Translator, kind: string): string {
  const key = `sla.kind.${kind}`
  return tr.te(key) ? tr.t(key) : kind
}

/** clockStateLabel names a clock state (即将到期, 已超时 ...), or shows its code when unknown. */
export function clockStateLabel(tr: Translator, state: string): string {
  const key = `sla.state.${state}`
  return tr.te(key) ? tr.t(key) : state
}

export type TagType = 'default' | 'success' | 'warning' | 'error' | 'info'

/** clockStateType is the colour of a state's tag: green on track or met, amber due soon, red breached or late. */
export function clockStateType(state: ClockState | string): TagType {
  switch (state) {
    case 'on_track':
    case 'met':
      return 'success'
    case 'due_soon':
      return 'warning'
    case 'breached':
    case 'late':
      return 'error'
    case 'paused':
      return 'info'
    default:
      return 'default'
  }
}

/** isRunning reports whether a clock still counts (running or paused). */
export function isRunning(state: string): boolean {
  return state === 'on_track' || state === 'due_soon' || state === 'breached' || state === 'paused'
}

const pad = (n: number) => String(n).padStart(2, '0')

/** minutesToClock shows minutes since midnight as "09:00" (1440 as "24:00"). */
export function minutesToClock(m: number): string {
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`
}

/** clockToMinutes reads "9:00", "09:30" or "24:00" as minutes since midnight, or null. */
export function clockToMinutes(s: string): number | null {
  const m = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(s)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null
  return h * 60 + min
}

/** workingMinutes totals a day's working hours in minutes. */
export function workingMinutes(ivs: readonly Interval[]): number {
  return ivs.reduce((n, iv) => n + Math.max(0, iv.end - iv.start), 0)
}

/** sortPolicies orders policies by urgency (紧急 first), the general one before those for a type or channel. */
export function sortPolicies<P extends { urgency: string; type: string; channel: string }>(
  ps: readonly P[],
  urgencyOrder: readonly string[],
): P[] {
  const rank = (u: string) => {
    const i = urgencyOrder.indexOf(u)
    return i < 0 ? urgencyOrder.length : i
  }
  return [...ps].sort(
    (a, b) =>
      rank(a.urgency) - rank(b.urgency) ||
      Number(a.type !== '' || a.channel !== '') - Number(b.type !== '' || b.channel !== '') ||
      a.type.localeCompare(b.type, 'zh-CN') ||
      a.channel.localeCompare(b.channel, 'zh-CN'),
  )
}

/** policyFieldToForm maps a backend field of a policy ("resolve.amount") to the form's row ("resolve"). */
export function policyFieldToForm(field: string): string {
  return field.split('.')[0] ?? field
}

/**
 * hoursFieldToRow maps a backend field of the working hours to the editor's
 * row: "hours.week.mon.0" to "week.1", "hours.makeUp.1" to "makeUp",
 * "hours.week" (no working day at all) to "week".
 */
export function hoursFieldToRow(field: string): string {
  const f = field.startsWith('hours.') ? field.slice('hours.'.length) : field
  const m = /^week\.(sun|mon|tue|wed|thu|fri|sat)(\.|$)/.exec(f)
  if (m) return `week.${['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(m[1] ?? '')}`
  if (f.startsWith('makeUp')) return 'makeUp'
  return f
}

/** FieldProblem is the part of a FieldError the messages need. */
export interface FieldProblem {
  field: string
  key: string
  params?: Record<string, unknown>
}

/**
 * slaFieldMessage translates a problem with a time-limit or calendar field:
 * through sla.errors.<key> when the key is particular to time limits, else
 * errors.fields.<key> like any form.
 */
export function slaFieldMessage(fe: FieldProblem, tr: Translator): string {
  const params = fe.params ?? {}
  const own = `sla.errors.${fe.key}`
  if (tr.te(own)) return tr.t(own, params)
  const shared = `errors.fields.${fe.key}`
  return tr.te(shared) ? tr.t(shared, params) : tr.t('errors.fields.unknown')
}

/** slaFieldMessages maps each (renamed) field to its messages, joined with "；". */
export function slaFieldMessages(
  errors: readonly FieldProblem[],
  tr: Translator,
  rename: (field: string) => string = (f) => f,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const fe of errors) {
    const field = rename(fe.field)
    const msg = slaFieldMessage(fe, tr)
    const prev = out[field]
    if (prev === undefined) out[field] = msg
    else if (!prev.split('；').includes(msg)) out[field] = `${prev}；${msg}`
  }
  return out
}

/**
 * scheduleFieldLabel names a field of a holiday schedule file for the list of
 * import errors: "year" → 年份, "holidays.1.from" → 第 2 个假期·开始.
 */
export function scheduleFieldLabel(field: string, tr: Translator): string {
  const s = (k: string) => tr.t(`sla.settings.${k}`)
  const src = /^sources(?:\.(\d+))?(?:\.(\w+))?$/.exec(field)
  if (src) {
    const part = { title: 'sourceTitle', number: 'sourceNumber', published: 'sourcePublished', url: 'sourceUrl' }[src[2] ?? 'title']
    return part ? s(part) : s('source')
  }
  const h = /^holidays(?:\.(\d+)(?:\.(\w+))?)?/.exec(field)
  if (h) {
    if (h[1] === undefined) return s('holidayTable')
    const nth = tr.t('sla.settings.nthHoliday', { n: Number(h[1]) + 1 })
    const part = { name: 'holidayName', from: 'holidayFrom', to: 'holidayTo', work: 'workDays' }[h[2] ?? '']
    return part ? `${nth}·${s(part)}` : nth
  }
  switch (field) {
    case 'year':
      return s('year')
    case 'note':
      return s('note')
    case 'file':
      return s('file')
    default:
      return field
  }
}

/**
 * scheduleProblems words every problem of a rejected schedule file, one line
 * each: "第 2 个假期·开始：日期不在该年份内". A file that is not JSON also shows
 * the parser's own words.
 */
export function scheduleProblems(errors: readonly FieldProblem[], tr: Translator): string[] {
  return errors.map((fe) => {
    let reason = slaFieldMessage(fe, tr)
    const detail = fe.params?.detail
    if (fe.key === 'json_invalid' && typeof detail === 'string' && detail !== '') reason += `（${detail}）`
    return tr.t('sla.settings.problemAt', { label: scheduleFieldLabel(fe.field, tr), reason })
  })
}
