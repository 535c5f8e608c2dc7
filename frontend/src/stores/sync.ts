import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { AppError, fromWire, toAppError } from '../api/errors'
import { hasEvents, onBackendEvent } from '../api/events'
import * as api from '../api/sync'
import type { Conflict, ConflictAction, JoinInput, SyncStatus } from '../api/types'
import { usePeopleStore } from './people'
import { useSettingsStore } from './settings'

/** statusEvent is the event the backend emits with a SyncStatus whenever it changes. */
export const statusEvent = 'sync:status'
/** pollMs is how often the status is asked for anyway (events can be missed). */
export const pollMs = 30_000
/**
 * livePollMs is how often a page that gets no events (serve mode: a laptop's
 * own `reqdesk serve` in a browser) asks while the laptop is in a team and
 * the page is visible, so that its top bar follows the rounds the laptop runs
 * on its own (after a change, every few minutes) as the desktop window's does.
 */
export const livePollMs = 3_000
/** busyPollMs is how often it is asked for while a round runs and no event will say it ended. */
export const busyPollMs = 2_000

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** asStatus checks an event's data is a SyncStatus, filling what an older backend leaves out. */
export function asStatus(v: unknown): SyncStatus | null {
  if (!isRecord(v) || typeof v.joined !== 'boolean') return null
  const s = v as Partial<SyncStatus>
  return {
    joined: s.joined === true,
    server: s.server ?? '',
    account: s.account ?? '',
    deviceCode: s.deviceCode ?? '',
    online: s.online === true,
    syncing: s.syncing === true,
    pending: typeof s.pending === 'number' ? s.pending : 0,
    conflicts: typeof s.conflicts === 'number' ? s.conflicts : 0,
    lastSync: typeof s.lastSync === 'string' && s.lastSync !== '' ? s.lastSync : null,
    lastError: isRecord(s.lastError) ? s.lastError : null,
    fingerprint: s.fingerprint ?? '',
    isServer: s.isServer === true,
  }
}

/**
 * useSyncStore follows where this computer stands with its team server: the
 * status (from the backend's sync:status events in the desktop window; by
 * asking every 3 seconds in a serve-mode page of a laptop in a team while it
 * is visible, and every 30 seconds otherwise), the requests not yet synced, and
 * the inbox of conflicts. Its actions are what the screens do: join, sync
 * now, leave, load and resolve conflicts.
 */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null)
  /** loadError is why the status could not be read (the indicator then shows nothing). */
  const loadError = shallowRef<AppError | null>(null)
  const unsyncedIds = ref<string[]>([])
  const conflictList = ref<Conflict[]>([])
  const conflictsLoaded = ref(false)
  /** running: a round asked for here (立即同步) has not answered yet. */
  const running = ref(false)

  const joined = computed(() => status.value?.joined === true)
  const isServer = computed(() => status.value?.isServer === true)
  const syncing = computed(() => running.value || status.value?.syncing === true)
  /** lastError is why the last round failed, as an AppError the errors machinery translates. */
  const lastError = computed(() => {
    const e = status.value?.lastError
    return e ? fromWire(e) : null
  })
  const unsynced = computed(() => new Set(unsyncedIds.value))

  /** isUnsynced tells whether the request with id has changes not yet pushed. */
  function isUnsynced(id: string): boolean {
    return joined.value && unsynced.value.has(id)
  }

  let unsyncedAsk = 0
  /** loadUnsynced asks which requests have pending changes; only the latest answer counts. */
  async function loadUnsynced() {
    const mine = ++unsyncedAsk
    const ids = await api.unsyncedRequests()
    if (mine === unsyncedAsk) unsyncedIds.value = ids
  }

  let started = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let busyTimer: ReturnType<typeof setTimeout> | undefined

  /** apply takes a status from any source and brings what follows from it up to date. */
  function apply(s: SyncStatus) {
    const before = status.value
    status.value = s
    loadError.value = null
    // Joining or leaving changes how often a page without events asks.
    if (started && before?.joined !== s.joined) schedule()
    if (!s.joined || s.pending === 0) {
      // Nothing waits in the outbox: no request is unsynced.
      unsyncedAsk++
      unsyncedIds.value = []
    } else {
      loadUnsynced().catch(() => undefined)
    }
    // An inbox on screen follows the count the backend reports.
    if (conflictsLoaded.value && before !== null && before.conflicts !== s.conflicts) loadConflicts().catch(() => undefined)
    clearTimeout(busyTimer)
    busyTimer = undefined
    if (s.syncing && started && !hasEvents()) busyTimer = setTimeout(() => void refresh().catch(() => undefined), busyPollMs)
  }

  let asking: Promise<SyncStatus | null> | null = null
  /** refresh asks for the status; calls while one is under way share it. */
  function refresh(): Promise<SyncStatus | null> {
    asking ??= api
      .syncStatus()
      .then((s) => {
        const st = asStatus(s)
        if (st) apply(st)
        return st
      })
      .catch((e: unknown) => {
        loadError.value = toAppError(e)
        return null
      })
      .finally(() => {
        asking = null
      })
    return asking
  }

  let unlisten: (() => void) | null = null
  const hidden = () => globalThis.document?.visibilityState === 'hidden'
  const onVisible = () => {
    if (!hidden()) void refresh()
  }

  /**
   * schedule sets the next poll: every livePollMs on a page without events
   * (serve mode) of a laptop in a team, else every pollMs. A hidden page
   * does not ask (it asks again as it becomes visible).
   */
  function schedule() {
    clearTimeout(timer)
    if (!started) return
    const live = !hasEvents() && status.value?.joined === true
    timer = setTimeout(() => {
      if (hidden()) schedule()
      else void refresh().finally(schedule)
    }, live ? livePollMs : pollMs)
  }

  /**
   * start follows the status until stop: events when the page gets them, a
   * poll every pollMs, and in serve mode on a laptop in a team every
   * livePollMs while the page is visible.
   */
  function start() {
    if (started) return
    started = true
    unlisten = onBackendEvent(statusEvent, (data) => {
      const s = asStatus(data)
      if (s) apply(s)
    })
    schedule()
    globalThis.document?.addEventListener?.('visibilitychange', onVisible)
    void refresh()
  }

  function stop() {
    started = false
    unlisten?.()
    unlisten = null
    clearTimeout(timer)
    clearTimeout(busyTimer)
    globalThis.document?.removeEventListener?.('visibilitychange', onVisible)
  }

  /** join joins the team with input; field errors and refusals reach the caller. */
  async function join(input: JoinInput): Promise<SyncStatus> {
    const s = await api.joinTeam(input)
    apply(s)
    conflictsLoaded.value = false
    await teamDataChanged()
    return s
  }

  /**
   * teamDataChanged reads afresh what joining or leaving replaced: the
   * settings (whose profile is now the joined account), the word lists and
   * the people.
   */
  async function teamDataChanged() {
    await Promise.all([useSettingsStore().reload(), usePeopleStore().refresh()])
  }

  /** syncNow runs a round now; a round that failed is in the status's lastError, a call that failed is thrown. */
  async function syncNow(): Promise<SyncStatus> {
    running.value = true
    try {
      const s = await api.syncNow()
      apply(s)
      if (conflictsLoaded.value) await loadConflicts().catch(() => undefined)
      return s
    } catch (e) {
      void refresh()
      throw toAppError(e)
    } finally {
      running.value = false
    }
  }

  /** leave stops syncing; the data on this computer stays. */
  async function leave(): Promise<SyncStatus> {
    const s = await api.leaveTeam()
    apply(s)
    await teamDataChanged()
    return s
  }

  let reading: Promise<Conflict[]> | null = null
  /** loadConflicts reads the inbox; calls while one is under way share it. */
  function loadConflicts(): Promise<Conflict[]> {
    reading ??= api
      .listConflicts()
      .then((list) => {
        conflictList.value = list
        conflictsLoaded.value = true
        return list
      })
      .finally(() => {
        reading = null
      })
    return reading
  }

  /**
   * resolve applies a conflict's command again on the server's current state
   * or discards it, then reads the inbox again; it returns whether the
   * conflict is gone (a retry refused again stays, with its new reason).
   */
  async function resolve(id: string, action: ConflictAction): Promise<boolean> {
    const s = await api.resolveConflict(id, action)
    apply(s)
    const list = await loadConflicts()
    return !list.some((c) => c.id === id)
  }

  return {
    status,
    loadError,
    unsyncedIds,
    conflictList,
    conflictsLoaded,
    running,
    joined,
    isServer,
    syncing,
    lastError,
    unsynced,
    isUnsynced,
    apply,
    refresh,
    start,
    stop,
    join,
    syncNow,
    leave,
    loadConflicts,
    resolve,
  }
})
