// Logins of serve mode on a network; the same keys as auth.zh-CN.ts.
import type { auth as zh } from './auth.zh-CN'

export const auth: typeof zh = {
  title: 'Log in',
  subtitle: 'Use the account your administrator created for you',
  name: 'Account',
  password: 'Password',
  namePlaceholder: 'Your name or account name',
  passwordPlaceholder: 'Password',
  submit: 'Log in',
  submitting: 'Logging in…',
  nameRequired: 'Enter your account',
  passwordRequired: 'Enter your password',
  expired: 'Your session has ended; please log in again',
  loggedInAs: 'Logged in',
  logout: 'Log out',
  loggingOut: 'Logging out…',
  logoutFailed: 'Could not log out: {reason}',
  profileHelpNetwork: 'The person acting in the desktop window. On the network everyone logs in, and changes are recorded under their own account.',
  noAccount: 'No account? Ask an administrator to create one with reqdesk user add.',
  roles: {
    agent: 'Agent',
    supervisor: 'Supervisor',
    owner: 'Owner',
    plan_lead: 'Plan lead',
    reviewer: 'Reviewer',
    general_manager: 'General manager',
    team: 'Team lead/member',
    admin: 'Administrator',
  },
}
