import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '../api/auth'
import type { SessionUser } from '../api/auth'
import { onUnauthorized } from '../api/transport'

/**
 * useSessionStore knows whether this copy of the app needs a login (serve
 * mode on a network) and who is logged in. A call answered with 401 ends the
 * session here, which brings back the login page.
 */
export const useSessionStore = defineStore('session', () => {
  const loaded = ref(false)
  const accounts = ref(false)
  const user = ref<SessionUser | null>(null)
  /** expired is the server's sentence when a session ended under the user's feet. */
  const expired = ref('')

  const needsLogin = computed(() => loaded.value && accounts.value && user.value === null)

  onUnauthorized((e) => {
    if (!accounts.value || user.value === null) return
    user.value = null
    expired.value = e.message
  })

  async function load() {
    const s = await api.sessionState()
    accounts.value = s.accounts
    user.value = s.user
    loaded.value = true
  }

  async function login(name: string, password: string) {
    const s = await api.login(name, password)
    accounts.value = s.accounts
    user.value = s.user
    expired.value = ''
  }

  async function logout() {
    await api.logout()
    user.value = null
    expired.value = ''
  }

  return { loaded, accounts, user, expired, needsLogin, load, login, logout }
})
