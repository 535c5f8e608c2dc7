import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as api from '../api/data'
import type { HealthReport, PendingRestore } from '../api/data'

/**
 * useHealthStore follows the start-up integrity check until it has a
 * verdict, and the restore waiting for the next start, which the whole app
 * shows (damage screen, read-only and pending-restore banners).
 */
export const useHealthStore = defineStore('health', () => {
  const report = ref<HealthReport | null>(null)
  const pending = ref<PendingRestore | null>(null)
  let timer: number | undefined

  /** watch polls the integrity check once a second until it has a verdict. */
  async function watch() {
    window.clearTimeout(timer)
    try {
      report.value = await api.health()
    } catch {
      // The next poll tries again; the check is advice, not a gate.
    }
    if (!report.value || report.value.state === 'checking') timer = window.setTimeout(() => void watch(), 1000)
  }

  async function loadPending() {
    pending.value = await api.pendingRestore()
  }

  async function openReadOnly() {
    report.value = await api.openReadOnly()
  }

  return { report, pending, watch, loadPending, openReadOnly }
})
