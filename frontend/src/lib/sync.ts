// Team sync as the screens say it: short and relative times of the last
// round, the state the top-bar indicator shows, "data as of", certificate
// fingerprints in groups to compare, and the join form's own checks.
import type { FieldError } from '../api/errors'
import type { JoinInput, SyncStatus } from '../api/types'
import { formatDateTime } from './format'
import type { Translator } from './translate'

const pad = (n: number) => String(n).padStart(2, '0')

function toDate(v: string | null | undefined): Date | null {
  if (!v) return null
  const d = new Date(v)
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900 ? null : d
}

/** shortTime shows a time compactly: HH:mm today, MM-DD HH:mm this year, else the full date and time. */
export function shortTime(v: string | null | undefined, now: Date): string {
  const d = toDate(v)
  if (!d) return ''
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  if (d.toDateString() === now.toDateString()) return hm
  if (d.getFullYear() === now.getFullYear()) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`
  return formatDateTime(d)
}

/** relativeTime says how long ago v was: just now, minutes, hours or days ago ("" for no time). */
export function relativeTime(v: string | null | undefined, now: Date, tr: Translator): string {
  const d = toDate(v)
  if (!d) return ''
  const minutes = Math.floor((now.getTime() - d.getTime()) / 60_000)
  if (minutes < 1) return tr.t('sync.relative.justNow')
  if (minutes < 60) return tr.t('sync.relative.minutes', { n: minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return tr.t('sync.relative.hours', { n: hours })
  return tr.t('sync.relative.days', { n: Math.floor(hours / 24) })
}

/** IndicatorState is what the top bar's dot says: a round running, the last one failed, the server not reached, or all well. */
export type IndicatorState = 'syncing' | 'error' | 'offline' | 'online'

/** offlineKey is the error of a round that did not reach the server: being offline, not a fault. */
export const offlineKey = 'sync_unreachable'

/** indicatorState says which of the states a status is in, the running round first. */
export function indicatorState(s: SyncStatus): IndicatorState {
  if (s.syncing) return 'syncing'
  if (s.lastError && s.lastError.key !== offlineKey) return 'error'
  if (!s.online) return 'offline'
  return 'online'
}

/** dataAsOf is the line a joined laptop's dashboard and reports show: as of the last sync, or not synced yet; "" when not joined. */
export function dataAsOf(s: SyncStatus | null, tr: Translator): string {
  if (!s?.joined) return ''
  const at = formatDateTime(s.lastSync)
  return at ? tr.t('sync.asOf', { time: at }) : tr.t('sync.notSyncedYet')
}

/** fingerprintGroups writes a certificate fingerprint as groups of four hex digits, easy to compare aloud. */
export function fingerprintGroups(fp: string): string[] {
  const hex = fp.replace(/^sha-?256[:=\s]*/i, '').replace(/[^0-9a-f]/gi, '').toUpperCase()
  const out: string[] = []
  for (let i = 0; i < hex.length; i += 4) out.push(hex.slice(i, i + 4))
  return out
}

/** normalizeServer trims an address and its trailing slashes. */
export function normalizeServer(s: string): string {
  return s.trim().replace(/\/+$/, '')
}

/** serverProblem checks a team server address: http or https with a host, nothing after the port but a path. */
export function serverProblem(s: string): FieldError | null {
  if (s.trim() === '') return { field: 'server', key: 'required' }
  if (!/^https?:\/\//i.test(s.trim())) return { field: 'server', key: 'scheme' }
  const v = normalizeServer(s)
  let u: URL
  try {
    u = new URL(v)
  } catch {
    return { field: 'server', key: 'invalid' }
  }
  if (u.hostname === '' || u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '') {
    return { field: 'server', key: 'invalid' }
  }
  return null
}

/** deviceCodePattern is the device code settings accept: one to four capital letters or digits. */
export const deviceCodePattern = /^[A-Z0-9]{1,4}$/

/** joinProblems lists what is wrong with the join form before anything is sent. */
export function joinProblems(in_: JoinInput): FieldError[] {
  const out: FieldError[] = []
  const server = serverProblem(in_.server)
  if (server) out.push(server)
  if (in_.user.trim() === '') out.push({ field: 'user', key: 'required' })
  else if (/[\r\n\t]/.test(in_.user)) out.push({ field: 'user', key: 'single_line' })
  if (in_.password === '') out.push({ field: 'password', key: 'required' })
  const code = in_.deviceCode.trim().toUpperCase()
  if (code === '') out.push({ field: 'deviceCode', key: 'required' })
  else if (!deviceCodePattern.test(code)) out.push({ field: 'deviceCode', key: 'format' })
  const name = in_.deviceName.trim()
  if (name === '') out.push({ field: 'deviceName', key: 'required' })
  else if (/[\r\n\t]/.test(name)) out.push({ field: 'deviceName', key: 'single_line' })
  else if ([...name].length > 40) out.push({ field: 'deviceName', key: 'too_long', params: { max: 40 } })
  return out
}

/**
 * joinFieldMessage says one problem of the join form naming its field
 * (请填写服务器地址): the form's own sentence when there is one, else the
 * field's name before the general message for the key.
 */
export function joinFieldMessage(fe: FieldError, tr: Translator, general: (fe: FieldError) => string): string {
  const own = `sync.join.problem.${fe.field}.${fe.key}`
  if (tr.te(own)) return tr.t(own, fe.params ?? {})
  const label = `sync.join.${fe.field}`
  return tr.te(label) ? tr.t('sync.join.problem.named', { field: tr.t(label), message: general(fe) }) : general(fe)
}
