// On loopback, `reqdesk serve` lets in the browser that opens its one-time
// link. The link redirects to a URL fragment holding the session key: a
// fragment is never sent to any server, and the key is kept in this
// origin's storage, which no other port of 127.0.0.1 can read. Every call
// carries it in a header; the session cookie alone (which every web server
// on the host receives) opens nothing.

/** keyFragment starts the fragment that hands over the key (server.KeyFragment). */
export const keyFragment = 'reqdesk-key='

/** keyHeader carries the key on every call (server.KeyHeader). */
export const keyHeader = 'X-ReqDesk-Key'

const storageName = 'reqdesk.sessionKey'

/** KeyStorage is the part of Web Storage the key needs. */
export type KeyStorage = Pick<Storage, 'getItem' | 'setItem'>

function defaultStorage(): KeyStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/**
 * adoptKey takes a key handed over in hash ("#reqdesk-key=…") into storage
 * and returns the hash to show instead ("#/"), or null when hash holds none.
 */
export function adoptKey(hash: string, storage: KeyStorage | null = defaultStorage()): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash
  if (!h.startsWith(keyFragment)) return null
  const key = h.slice(keyFragment.length)
  if (key !== '') storage?.setItem(storageName, key)
  return '#/'
}

/** sessionKey returns the key this page was handed, or null. */
export function sessionKey(storage: KeyStorage | null = defaultStorage()): string | null {
  try {
    return storage?.getItem(storageName) || null
  } catch {
    return null
  }
}
