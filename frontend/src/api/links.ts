// Links between requests, follow-ups from feedback, the customer history
// beside a request and on the customer page, and the list's saved views,
// over RequestsApp (Related, Link, Unlink, FollowUp, Views, SaveTeamView,
// SaveMyView, DeleteTeamView, DeleteMyView) and CustomersApp.Requests.
import * as Customers from '../wailsjs/go/app/CustomersApp'
import * as Binding from '../wailsjs/go/app/RequestsApp'
import { request, view } from '../wailsjs/go/models'
import type { store } from '../wailsjs/go/models'
import { invoke } from './transport'
import type { Plain, RequestQuery, RequestRecord } from './types'

const S = 'RequestsApp'

/** LinkKind is how one request stands to another (request.LinkKind). */
export type LinkKind = 'related' | 'follows' | 'duplicate'
/** linkKinds a person may add by hand: a duplicate comes from closing the request as invalid. */
export const linkKinds: readonly LinkKind[] = ['related', 'follows']

export type LinkedRequest = Plain<request.LinkedRequest> & { link: { kind: LinkKind } }
export type RequestHistory = Omit<Plain<store.RequestHistory>, 'links'> & { links: LinkedRequest[] }
export type HistoryRow = Plain<store.HistoryRow>
export type ContactComm = Plain<store.ContactComm>
export type CustomerHistoryPage = Plain<store.CustomerHistoryPage>

/** ViewScope says whose a saved view is: the team's or one's own. */
export type ViewScope = 'team' | 'mine'
export type SavedView = Omit<Plain<view.View>, 'scope'> & { scope: ViewScope }
export type CountedView = Omit<Plain<view.Counted>, 'scope'> & { scope: ViewScope }
export interface ViewInput {
  name: string
  query: RequestQuery
  columns: string[]
}

/** requestRelated returns what the request page shows beside request id: customer history, contact communication, links. */
export function requestRelated(id: string): Promise<RequestHistory> {
  return invoke(S, 'Related', [id], () => Binding.Related(id))
}

/** linkRequest links request id to the request `to` names (number or id). */
export function linkRequest(id: string, kind: LinkKind, to: string, note: string): Promise<Plain<request.Link>> {
  const input = { kind, to, note }
  return invoke(S, 'Link', [id, input], () => Binding.Link(id, request.LinkInput.createFrom(input)))
}

/** unlinkRequest removes link linkId of request id. */
export function unlinkRequest(id: string, linkId: string): Promise<void> {
  return invoke(S, 'Unlink', [id, linkId], () => Binding.Unlink(id, linkId))
}

/** followUp registers the new need of feedback record recordId as a new linked request, and returns it. */
export function followUp(id: string, recordId: string): Promise<RequestRecord> {
  return invoke(S, 'FollowUp', [id, recordId], () => Binding.FollowUp(id, recordId))
}

/** customerRequests returns a page of a customer's requests, open first, with states and satisfaction. */
export function customerRequests(customerId: string, offset: number, limit: number): Promise<CustomerHistoryPage> {
  return invoke(`CustomersApp`, 'Requests', [customerId, offset, limit], () => Customers.Requests(customerId, offset, limit))
}

/** listViews returns the team's views and one's own, each with its count now. */
export function listViews(): Promise<CountedView[]> {
  return invoke<CountedView[] | null>(S, 'Views', [], () => Binding.Views()).then((v) => v ?? [])
}

/** saveView saves a view of scope: new when id is "", else the one read at version. */
export function saveView(scope: ViewScope, id: string, version: number, input: ViewInput): Promise<SavedView> {
  const method = scope === 'team' ? 'SaveTeamView' : 'SaveMyView'
  return invoke(S, method, [id, version, input], () =>
    (scope === 'team' ? Binding.SaveTeamView : Binding.SaveMyView)(id, version, view.Input.createFrom(input)),
  )
}

/** deleteView removes a view of scope. */
export function deleteView(scope: ViewScope, id: string): Promise<void> {
  const method = scope === 'team' ? 'DeleteTeamView' : 'DeleteMyView'
  return invoke(S, method, [id], () => (scope === 'team' ? Binding.DeleteTeamView : Binding.DeleteMyView)(id))
}
