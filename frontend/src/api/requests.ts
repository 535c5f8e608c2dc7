// Requests: register, edit, list, find, the intake form's draft, and the
// lifecycle: moves, the board and the current user's work.
import * as Binding from '../wailsjs/go/app/RequestsApp'
import { request } from '../wailsjs/go/models'
import { invoke } from './transport'
import { command } from '../wailsjs/go/models'
import type {
  BoardColumn,
  Bulk,
  BulkResult,
  OnCall,
  Move,
  RequestDetail,
  RequestFields,
  RequestPage,
  RequestQuery,
  RequestRecord,
  RequestTotal,
  WorkItem,
} from './types'

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

/**
 * requestTotal returns how many requests q selects, counted up to 10,000
 * (exact false beyond), or exactly when q.exactTotal: asked for when a
 * search's page gave only a lower bound (totalExact false).
 */
export function requestTotal(q: RequestQuery): Promise<RequestTotal> {
  return invoke(S, 'Total', [q], () => Binding.Total(request.Query.createFrom(q)))
}

/** loadDraft returns the unfinished intake form as saved, or "" when there is none. */
export function loadDraft(): Promise<string> {
  return invoke<string | null>(S, 'Draft', [], () => Binding.Draft()).then((s) => s ?? '')
}

/** saveDraft keeps the intake form as typed so far; "" discards it. */
export function saveDraft(body: string): Promise<void> {
  return invoke(S, 'SaveDraft', [body], () => Binding.SaveDraft(body))
}

/** moveRequest takes a step of the lifecycle; version is the one the page was loaded with. */
export function moveRequest(id: string, version: number, m: Move): Promise<RequestRecord> {
  return invoke(S, 'Move', [id, version, m], () => Binding.Move(id, version, request.Move.createFrom(m)))
}

/**
 * bulkRequests takes one action on many requests (the rows selected, or all
 * the filter matches), each by its own command and guards; the result says
 * what was done and what was refused and why.
 */
export function bulkRequests(b: Bulk): Promise<BulkResult> {
  return invoke<BulkResult>(S, 'Bulk', [b], () => Binding.Bulk(command.Bulk.createFrom(b))).then((r) => ({ ...r, items: r.items ?? [] }))
}

/** resolveOnCall registers a consultation answered on the call and closes it on the short path (当场解决). */
export function resolveOnCall(f: RequestFields, o: OnCall): Promise<RequestRecord> {
  return invoke(S, 'ResolveOnCall', [f, o], () => Binding.ResolveOnCall(request.Fields.createFrom(f), request.OnCall.createFrom(o)))
}

/** boardColumns returns the open stages with their most recently changed requests, filtered like the list. */
export function boardColumns(q: RequestQuery): Promise<BoardColumn[]> {
  return invoke<BoardColumn[] | null>(S, 'Board', [q], () => Binding.Board(request.Query.createFrom(q))).then((c) => c ?? [])
}

/** myWork lists what the person the profile names must do next. */
export function myWork(): Promise<WorkItem[]> {
  return invoke<WorkItem[] | null>(S, 'MyWork', [], () => Binding.MyWork()).then((w) => w ?? [])
}
