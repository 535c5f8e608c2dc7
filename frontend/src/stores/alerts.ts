import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { AppError, toAppError } from '../api/errors'
import { listAlerts, type Alert } from '../api/timelimits'

/**
 * useAlertsStore holds the notification centre's list: the most pressing
 * running clocks that are due soon or breached, as many as the backend
 * lists, and how many of each there are in all. Each load also lets the
 * backend record the escalations that have become due.
 */
export const useAlertsStore = defineStore('alerts', () => {
  const items = ref<Alert[]>([])
  /** breached and dueSoon count every such clock, listed or not. */
  const breached = ref(0)
  const dueSoon = ref(0)
  const error = shallowRef<AppError | null>(null)
  const checkedAt = ref<Date | null>(null)
  const loading = ref(false)
  let pending: Promise<void> | null = null

  /** total is how many clocks are due soon or breached in all. */
  const total = computed(() => breached.value + dueSoon.value)
  /** capped tells that only the most pressing of them are listed. */
  const capped = computed(() => items.value.length < total.value)

  /** load fetches the alerts; calls while one is under way share it. */
  function load(): Promise<void> {
    pending ??= (async () => {
      loading.value = true
      try {
        const l = await listAlerts()
        items.value = l.items
        breached.value = l.breached
        dueSoon.value = l.dueSoon
        error.value = null
        checkedAt.value = new Date()
      } catch (e) {
        error.value = toAppError(e)
      } finally {
        loading.value = false
        pending = null
      }
    })()
    return pending
  }

  return { items, breached, dueSoon, total, capped, error, checkedAt, loading, load }
})
