import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { AppError, toAppError } from '../api/errors'
import { listAlerts, type Alert } from '../api/timelimits'

/**
 * useAlertsStore holds the notification centre's list: the running clocks
 * that are due soon or breached. Each load also lets the backend record the
 * escalations that have become due.
 */
export const useAlertsStore = defineStore('alerts', () => {
  const items = ref<Alert[]>([])
  const error = shallowRef<AppError | null>(null)
  const checkedAt = ref<Date | null>(null)
  const loading = ref(false)
  let pending: Promise<void> | null = null

  /** load fetches the alerts; calls while one is under way share it. */
  function load(): Promise<void> {
    pending ??= (async () => {
      loading.value = true
      try {
        items.value = await listAlerts()
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

  return { items, error, checkedAt, loading, load }
})
