// Logins: serve mode on a network (reqdesk serve --addr 0.0.0.0:PORT) asks
// for a local account; on loopback the one-time token lets the browser in and
// the desktop window needs neither.
import type { Role } from './types'
import { postJSON, usesWails, type Fetch } from './transport'

/** AccountRole is a role an account may hold: the process roles and the administrator. */
export type AccountRole = Role | 'admin'

/** SessionUser is the person logged in. */
export interface SessionUser {
  id: string
  name: string
  roles: AccountRole[]
}

/** SessionState says whether logins are needed and who is logged in (null: nobody). */
export interface SessionState {
  accounts: boolean
  user: SessionUser | null
}

const noAccounts: SessionState = { accounts: false, user: null }

function asState(v: unknown): SessionState {
  const o = (v ?? {}) as Partial<SessionState>
  return { accounts: o.accounts === true, user: o.user ?? null }
}

/** sessionState asks the server whether logins are needed and who is logged in. */
export async function sessionState(fetchFn?: Fetch): Promise<SessionState> {
  if (usesWails()) return noAccounts
  return asState(await postJSON('/auth/session', null, fetchFn))
}

/** login checks name and password and opens a session (an HttpOnly cookie the page never sees). */
export async function login(name: string, password: string, fetchFn?: Fetch): Promise<SessionState> {
  return asState(await postJSON('/auth/login', { name, password }, fetchFn))
}

/** logout ends the session. */
export async function logout(fetchFn?: Fetch): Promise<void> {
  await postJSON('/auth/logout', null, fetchFn)
}
