// Attachments, the classification standard and the knowledge base, English:
// the same keys as knowledge.zh-CN.ts.
import type { attachments as zhA, classification as zhC, knowledge as zhK } from './knowledge.zh-CN'

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> }

export const attachments: Leaves<typeof zhA> = {
  title: 'Attachments',
  rules: 'Accepted: {types}; at most {max} a file. The type is judged by the content: programs and unknown binary files are refused.',
  notePlaceholder: 'Note (optional), e.g. “error on the customer’s screen”',
  empty: 'No attachments yet',
  added: 'Attached “{name}”',
  removed: 'Removed “{name}”',
  tooLarge: '“{name}” is larger than {max} and cannot be attached',
  preview: 'Preview',
  download: 'Download',
  remove: 'Remove',
  removeConfirm: 'Remove “{name}”? The removal is kept in the history.',
  kind: {
    image: 'Image',
    pdf: 'PDF',
    text: 'Text',
    office: 'Office document',
  },
}

export const classification: Leaves<typeof zhC> = {
  title: 'Classification standard',
  help: 'For each request type its category, owning department and default urgency, with examples. Registration and triage propose from it (a proposal, never forced); supervisors and the administrator keep it, and the team shares it.',
  add: 'Add a type',
  editTitle: 'Edit the classification standard',
  print: 'Print the standard (PDF)',
  pdfTitle: 'Classification standard',
  fileName: 'classification-standard.pdf',
  defaultUrgency: 'Default urgency',
  examplesLabel: 'Examples',
  delete: 'Delete',
  deleteConfirm: 'Delete “{type}” from the standard?',
  saved: 'Saved the standard for “{type}”',
  proposalIntake: 'By the classification standard: {type} → {category} · {department} ·',
  proposalNote: '(category and urgency filled in from the standard; change them as needed)',
  proposalTriage: 'By the classification standard: {type} → {category} · {department} · {urgency}',
  differs: 'This request differs: {what} (change it under Basic information)',
  differsCategory: 'the standard’s category is {value}',
  differsUrgency: 'the standard’s urgency is {value}',
  examples: 'Examples: {text}',
}

export const knowledge: Leaves<typeof zhK> = {
  title: 'Knowledge base',
  hint: 'Archived requests and how they were solved: look first, and reuse an answer instead of starting over.',
  searchPlaceholder: 'Search archived requests by number, title, description, customer or contact',
  found: '{n} found (at most 20 shown)',
  latest: 'Latest archived requests',
  none: 'No archived request matches',
  empty: 'No archived requests yet',
  similarTitle: 'Similar past requests',
  similarHint: 'Archived requests of the same customer or with similar text, at most 5',
  sameCustomer: 'Same customer',
  similarText: 'Similar text',
  result: 'Result',
  plan: 'Plan',
  process: 'Handling',
  advice: 'Advice',
  lessons: 'Retrospective',
  noResult: 'No result recorded',
  solved: 'Customer: solved',
  notSolved: 'Customer: not solved',
  overall: 'Overall satisfaction {n}',
}
