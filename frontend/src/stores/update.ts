import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { AppError, fromWire, toAppError } from '../api/errors'
import { hasEvents, onBackendEvent } from '../api/events'
import * as api from '../api/update'
import type { UpdateRelease, UpdateStatus } from '../api/types'

/** statusEvent is the event the backend emits with an UpdateStatus whenever it changes. */
export const statusEvent = 'update:status'
/** pollMs is how often a page without events (serve mode) asks: checks themselves run every few hours. */
export const pollMs = 5 * 60_000

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function asRelease(v: unknown): UpdateRelease | null {
  if (!isRecord(v) || typeof v.version !== 'string' || v.version === '') return null
  return {
    version: v.version,
    notes: typeof v.notes === 'string' ? v.notes : '',
    date: typeof v.date === 'string' ? v.date : '',
    size: typeof v.size === 'number' ? v.size : 0,
  }
}

/** asStatus checks data is an UpdateStatus, filling what an older backend leaves out. */
export function asStatus(v: unknown): UpdateStatus | null {
  if (!isRecord(v) || typeof v.current !== 'string') return null
  const s = v as Partial<UpdateStatus>
  const wire = (e: unknown) => (isRecord(e) && typeof e.code === 'string' ? (e as unknown as UpdateStatus['error']) : null)
  const applied = isRecord(s.applied) && typeof s.applied.to === 'string' ? s.applied : null
  return {
    current: s.current ?? '',
    blocked: wire(s.blocked),
    installBlocked: wire(s.installBlocked),
    source: s.source ?? '',
    fromTeam: s.fromTeam === true,
    address: s.address ?? '',
    checking: s.checking === true,
    downloading: s.downloading === true,
    checkedAt: typeof s.checkedAt === 'string' && s.checkedAt !== '' ? s.checkedAt : null,
    available: asRelease(s.available),
    staged: asRelease(s.staged),
    error: wire(s.error),
    applied,
    startError: wire(s.startError),
    canRestart: s.canRestart === true,
  }
}

/**
 * useUpdateStore follows the program's updates: the status (from the
 * backend's update:status events in the desktop window, by asking every few
 * minutes otherwise), and what the user does: check now, download the new
 * version, set the update address, restart to switch.
 */
export const useUpdateStore = defineStore('update', () => {
  const status = ref<UpdateStatus | null>(null)
  const loadError = shallowRef<AppError | null>(null)
  /** busy: a check or download asked for here has not answered yet. */
  const busy = ref<'' | 'check' | 'download'>('')

  /** offered is the newer version to show as 新版本, until it is downloaded (a still newer one than that downloaded is offered too). */
  const offered = computed<UpdateRelease | null>(() => {
    const s = status.value
    if (!s || s.blocked || !s.available) return null
    if (s.staged && s.staged.version === s.available.version) return null
    return s.available
  })
  /** staged is the version the next start switches to. */
  const staged = computed<UpdateRelease | null>(() => status.value?.staged ?? null)
  const error = computed(() => fromWire(status.value?.error))
  const blocked = computed(() => fromWire(status.value?.blocked))
  const installBlocked = computed(() => fromWire(status.value?.installBlocked))
  const startError = computed(() => fromWire(status.value?.startError))

  function apply(s: UpdateStatus) {
    status.value = s
    loadError.value = null
  }

  async function refresh(): Promise<UpdateStatus | null> {
    try {
      const s = asStatus(await api.updateStatus())
      if (s) apply(s)
      return s
    } catch (e) {
      loadError.value = toAppError(e)
      return null
    }
  }

  let started = false
  let timer: ReturnType<typeof setInterval> | undefined
  let unlisten: (() => void) | null = null
  /** start follows the status until stop: events in the window, a slow poll in a browser. */
  function start() {
    if (started) return
    started = true
    unlisten = onBackendEvent(statusEvent, (data) => {
      const s = asStatus(data)
      if (s) apply(s)
    })
    if (!hasEvents()) timer = setInterval(() => void refresh(), pollMs)
    void refresh()
  }
  function stop() {
    started = false
    unlisten?.()
    unlisten = null
    clearInterval(timer)
  }

  /** run calls the backend; a refusal is thrown, and the status it left read again. */
  async function run(kind: 'check' | 'download', call: () => Promise<UpdateStatus>): Promise<UpdateStatus> {
    busy.value = kind
    try {
      const s = asStatus(await call())
      if (s) apply(s)
      return s as UpdateStatus
    } catch (e) {
      void refresh()
      throw toAppError(e)
    } finally {
      busy.value = ''
    }
  }

  /** check looks for a newer version now. */
  const check = () => run('check', api.checkUpdate)
  /** download downloads, checks and stages the version found. */
  const download = () => run('download', api.downloadUpdate)

  /** setAddress keeps the update address; a bad one is refused naming the field. */
  async function setAddress(address: string): Promise<UpdateStatus> {
    const s = asStatus(await api.setUpdateAddress(address))
    if (s) apply(s)
    return s as UpdateStatus
  }

  /** restart closes the window and starts again on the new version. */
  const restart = () => api.restartToUpdate()

  return {
    status,
    loadError,
    busy,
    offered,
    staged,
    error,
    blocked,
    installBlocked,
    startError,
    apply,
    refresh,
    start,
    stop,
    check,
    download,
    setAddress,
    restart,
  }
})
