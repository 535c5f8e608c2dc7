// Customers registered twice (可能重复): who may settle a flagged pair, and
// what the confirmation of a merge says will move. The server decides again
// (internal/auth: CustomersApp.Merge for administrators and supervisors).
import type { Contact, Customer, CustomerDetail, CustomerMerged } from '../api/types'
import type { Translator } from './translate'

/** mergeRoles are the account roles that may merge customers or dismiss a flag. */
export const mergeRoles: readonly string[] = ['admin', 'supervisor']

/**
 * canMergeCustomers tells whether the person may merge customers: with
 * network logins (accounts) only an administrator or a supervisor; in the
 * desktop window, where whoever sits at it is the only user, anyone.
 */
export function canMergeCustomers(accounts: boolean, roles: readonly string[] | null | undefined): boolean {
  if (!accounts) return true
  return (roles ?? []).some((r) => mergeRoles.includes(r))
}

/**
 * mergeConfirm is the sentence that asks before merging from into into: which
 * contacts (by name) and how many requests move, and that from is no longer
 * listed on its own.
 */
export function mergeConfirm(tr: Translator, from: Customer, into: Customer, contacts: readonly Pick<Contact, 'name'>[]): string {
  const names = contacts.map((k) => k.name).join(tr.t('errors.listSeparator'))
  const moved =
    contacts.length === 0 && from.requestCount === 0
      ? tr.t('customers.duplicates.nothingMoves', { from: from.name })
      : tr.t('customers.duplicates.moves', {
          contacts: contacts.length,
          names: names === '' ? tr.t('common.none') : names,
          requests: from.requestCount,
        })
  return tr.t('customers.duplicates.mergeConfirm', { from: from.name, into: into.name, moved })
}

/** mergedMessage reports a finished merge. */
export function mergedMessage(tr: Translator, fromName: string, into: string, contacts: number, requests: number): string {
  return tr.t('customers.duplicates.merged', { from: fromName, into, contacts, requests })
}

/** DuplicateApi is the slice of the customers API a merge needs (api/customers). */
export interface DuplicateApi {
  getCustomer(id: string): Promise<CustomerDetail>
  mergeCustomer(from: string, into: string): Promise<CustomerMerged>
}

/**
 * mergeDuplicate merges the flagged customer other into the customer shown,
 * once confirm agreed to the question that names the contacts and requests
 * that move (other's contacts are loaded for it); null when declined. The
 * shown customer is kept: the one being looked at is the one the user
 * chose to keep.
 */
export async function mergeDuplicate(
  api: DuplicateApi,
  tr: Translator,
  shown: Customer,
  other: Customer,
  confirm: (text: string) => Promise<boolean>,
): Promise<CustomerMerged | null> {
  const d = await api.getCustomer(other.id)
  if (!(await confirm(mergeConfirm(tr, d.customer, shown, d.contacts)))) return null
  return api.mergeCustomer(other.id, shown.id)
}
