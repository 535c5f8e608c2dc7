// Customers and their contacts.
import * as Binding from '../wailsjs/go/app/CustomersApp'
import { customer } from '../wailsjs/go/models'
import { invoke } from './transport'
import type {
  AuditEntry,
  Contact,
  ContactFields,
  Customer,
  CustomerDetail,
  CustomerFields,
  CustomerInput,
  CustomerMerged,
  CustomerPage,
  CustomerQuery,
} from './types'

const S = 'CustomersApp'

/** listCustomers returns a page of customers whose name, industry or contacts match q.search. */
export function listCustomers(q: CustomerQuery): Promise<CustomerPage> {
  return invoke(S, 'List', [q], () => Binding.List(customer.Query.createFrom(q)))
}

/** getCustomer returns a customer with its contacts. */
export function getCustomer(id: string): Promise<CustomerDetail> {
  return invoke(S, 'Get', [id], () => Binding.Get(id))
}

/** createCustomer registers a customer with any contacts given. */
export function createCustomer(input: CustomerInput): Promise<CustomerDetail> {
  return invoke(S, 'Create', [input], () => Binding.Create(customer.Input.createFrom(input)))
}

/** updateCustomer saves an edit; version is the one the form was loaded with. */
export function updateCustomer(id: string, version: number, f: CustomerFields): Promise<Customer> {
  return invoke(S, 'Update', [id, version, f], () => Binding.Update(id, version, customer.Fields.createFrom(f)))
}

/** addContact adds a contact to a customer. */
export function addContact(customerId: string, f: ContactFields): Promise<Contact> {
  return invoke(S, 'AddContact', [customerId, f], () =>
    Binding.AddContact(customerId, customer.ContactFields.createFrom(f)),
  )
}

/** updateContact saves an edit of a contact; version is the one the form was loaded with. */
export function updateContact(id: string, version: number, f: ContactFields): Promise<Contact> {
  return invoke(S, 'UpdateContact', [id, version, f], () =>
    Binding.UpdateContact(id, version, customer.ContactFields.createFrom(f)),
  )
}

/** customerHistory returns the audit trail of a customer and its contacts. */
export function customerHistory(id: string): Promise<AuditEntry[]> {
  return invoke(S, 'History', [id], () => Binding.History(id))
}

/** mergeCustomer merges the customer from into the customer into: from's contacts and requests move to into. */
export function mergeCustomer(from: string, into: string): Promise<CustomerMerged> {
  return invoke(S, 'Merge', [from, into], () => Binding.Merge(from, into))
}

/** dismissDuplicate settles that customer id and other, flagged as possibly the same, are two customers. */
export function dismissDuplicate(id: string, other: string): Promise<CustomerDetail> {
  return invoke(S, 'DismissDuplicate', [id, other], () => Binding.DismissDuplicate(id, other))
}
