// Requests: register, edit, list, find, and the intake form's draft.
import * as Binding from '../wailsjs/go/app/RequestsApp'
import { request } from '../wailsjs/go/models'
import { invoke } from './transport'
import type { RequestDetail, RequestFields, RequestPage, RequestQuery, RequestRecord } from './types'

const S = 'RequestsApp'

/** createRequest registers a request; the result carries its new number. */
export function createRequest(f: RequestFields): Promise<RequestRecord> {
  return invoke(S, 'Create', [f], () => Binding.Create(request.Fields.createFrom(f)))
}

/** updateRequest saves an edit; version is the one the form was loaded with. */
export function updateRequest(id: string, version: number, f: RequestFields): Promise<RequestRecord> {
  return invoke(S, 'Update', [id, version, f], () => Binding.Update(id, version, request.Fields.createFrom(f)))
}

/** getRequest returns a request with its customer, contact and history. */
export function getRequest(id: string): Promise<RequestDetail> {
  return invoke(S, 'Get', [id], () => Binding.Get(id))
}

/** listRequests returns one page of the requests q selects. */
export function listRequests(q: RequestQuery): Promise<RequestPage> {
  return invoke(S, 'List', [q], () => Binding.List(request.Query.createFrom(q)))
}

/** loadDraft returns the unfinished intake form as saved, or "" when there is none. */
export function loadDraft(): Promise<string> {
  return invoke<string | null>(S, 'Draft', [], () => Binding.Draft()).then((s) => s ?? '')
}

/** saveDraft keeps the intake form as typed so far; "" discards it. */
export function saveDraft(body: string): Promise<void> {
  return invoke(S, 'SaveDraft', [body], () => Binding.SaveDraft(body))
}
