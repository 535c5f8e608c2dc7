// The first-run guide on the home screen (same keys as guide.zh-CN.ts).
import type { guide as zh } from './guide.zh-CN'

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> }

export const guide: Leaves<typeof zh> = {
  title: 'Welcome to ReqDesk',
  intro: 'Four steps and you are ready to register your first customer request. Every step can be skipped and changed later under Settings and Customers.',
  dismiss: 'Do not show again',
  step: {
    company: 'Company',
    me: 'Your name and roles',
    people: 'Colleagues',
    customer: 'First customer',
    request: 'First request',
  },
  hint: {
    company: 'The company name heads every letter, plan and acceptance form you print.',
    me: 'Your name is recorded on every change; your department and roles decide what My work lists (triage, approvals, reviews).',
    people: 'Add the colleagues who own requests, review and approve plans, so that they can be chosen.',
    customer: 'A request belongs to a customer: its name and a first contact.',
    request: 'All set. Open the intake form and record the first request.',
  },
  companyPlaceholder: 'e.g. East China Tech Services Ltd.',
  saveNext: 'Save and continue',
  roles: 'Save, then department and roles',
  meNow: '{name} on the people list:',
  noDepartment: 'no department',
  addPerson: 'Add a colleague',
  next: 'Next',
  customersNow: '{n} customers already: you can go on.',
  addCustomer: 'Add a customer',
  toIntake: 'Register the first request',
  skip: 'Skip this step',
}
