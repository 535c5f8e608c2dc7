// Logins of serve mode on a network: the login page and the user in the
// top bar. Merged into zh-CN.ts as its `auth` section; auth.en.ts has the
// same keys.
export const auth = {
  title: '登录',
  subtitle: '请使用管理员为你创建的账号登录',
  name: '账号',
  password: '密码',
  namePlaceholder: '姓名或账号名',
  passwordPlaceholder: '密码',
  submit: '登录',
  submitting: '正在登录…',
  nameRequired: '请输入账号',
  passwordRequired: '请输入密码',
  expired: '登录已失效，请重新登录',
  loggedInAs: '当前用户',
  logout: '退出登录',
  loggingOut: '正在退出…',
  logoutFailed: '退出失败：{reason}',
  profileHelpNetwork: '本机桌面版使用的操作人。网络上每个人用自己的账号登录，修改记录中记的是登录的账号。',
  noAccount: '没有账号？请联系管理员用 reqdesk user add 创建。',
  roles: {
    agent: '客服专员',
    supervisor: '客服主管',
    owner: '需求负责人',
    plan_lead: '方案负责人',
    reviewer: '评审人',
    general_manager: '总经理',
    team: '组长/组员',
    admin: '管理员',
  },
}
