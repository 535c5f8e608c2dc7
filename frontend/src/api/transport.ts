// The transport carries a call to a bound Go method. In the desktop window
// Wails injects window.go and the generated bindings call into it; when the
// app is served to a browser (reqdesk serve) the same method is reached with
// POST /api/{Struct}/{Method} and the positional arguments as a JSON array.
import { AppError, fromHTTP, toAppError } from './errors'
import { keyHeader, sessionKey } from './sessionKey'

/** Structs bound to the UI (package app). */
export type BoundStruct =
  | 'SystemApp'
  | 'SettingsApp'
  | 'CustomersApp'
  | 'RequestsApp'
  | 'TimeLimitsApp'
  | 'CommApp'
  | 'DocumentsApp'
  | 'ExcelApp'
  | 'DataApp'
  | 'ReportsApp'
  | 'SyncApp'
  | 'UpdateApp'

interface WailsWindow {
  go?: { app?: Record<string, unknown> }
}

/** usesWails reports whether the Wails runtime has injected the bindings. */
export function usesWails(w: unknown = globalThis.window): boolean {
  return typeof w === 'object' && w !== null && typeof (w as WailsWindow).go?.app === 'object'
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>

let unauthorized: ((e: AppError) => void) | null = null

/**
 * onUnauthorized registers what happens when the server answers a call with
 * 401: on a network the session has ended and the login page comes back.
 */
export function onUnauthorized(handler: ((e: AppError) => void) | null) {
  unauthorized = handler
}

function callHeaders(): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json', 'X-ReqDesk-Call': '1' }
  const key = sessionKey()
  if (key !== null) h[keyHeader] = key
  return h
}

/** postJSON posts body to a serve-mode path with the call header and returns the decoded answer. */
export async function postJSON(
  path: string,
  body: unknown,
  fetchFn: Fetch = (input, init) => globalThis.fetch(input, init),
): Promise<unknown> {
  let res: Response
  try {
    res = await fetchFn(path, {
      method: 'POST',
      credentials: 'same-origin',
      // The server requires this header: a cross-site page cannot send it
      // without a CORS preflight, which the server never grants.
      headers: callHeaders(),
      body: JSON.stringify(body),
    })
  } catch (e) {
    throw toAppError(e)
  }
  let text: string
  try {
    text = await res.text()
  } catch (e) {
    throw toAppError(e)
  }
  if (!res.ok) throw fromHTTP(res.status, text)
  if (text.trim() === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new AppError('internal', `${path}: invalid JSON response`)
  }
}

/** callHTTP posts args to the serve-mode endpoint of struct.method and returns the decoded result. */
export async function callHTTP(
  struct: BoundStruct,
  method: string,
  args: readonly unknown[],
  fetchFn: Fetch = (input, init) => globalThis.fetch(input, init),
): Promise<unknown> {
  try {
    return await postJSON(`/api/${struct}/${method}`, args, fetchFn)
  } catch (e) {
    const err = toAppError(e)
    if (err.code === 'unauthorized') unauthorized?.(err)
    throw err
  }
}

/**
 * invoke runs one backend call: through the generated Wails binding when the
 * desktop runtime is present, over HTTP otherwise. Any failure is an AppError.
 */
export async function invoke<T>(
  struct: BoundStruct,
  method: string,
  args: readonly unknown[],
  wails: () => Promise<unknown>,
): Promise<T> {
  try {
    const out = usesWails() ? await wails() : await callHTTP(struct, method, args)
    return out as T
  } catch (e) {
    throw toAppError(e)
  }
}
