// The studio speaks Simplified Chinese first, with an English switch. The regulation's own
// words (articles, rule names, labels in rules/ and forms/) stay as written, marked
// lang="zh-CN" where they show (see <Law> in law-text.tsx). English strings use English
// punctuation; Chinese strings Chinese punctuation.
import { useSyncExternalStore } from 'react';

const zh = {
  appTitle: '条例工作室', articles: '条文', editor: '规则编辑', parameters: '参数', counter: '窗口受理', fixtures: '案例夹具', trace: '推理',
  ruleset: '规则集', unsaved: '未保存的修改', loading: '正在载入…', loadFailed: '载入失败', computing: '正在重算…',
  save: '保存', saving: '正在保存…', saved: '已保存', discard: '放弃修改', cannotSave: '有错误，不能保存', noChanges: '没有修改',
  conflictTitle: '文件在载入后已被他人修改', keepMine: '用我的版本覆盖', takeTheirs: '放弃我的修改，采用磁盘上的版本', diskVersion: '磁盘上的版本', myVersion: '我的版本',
  problems: '错误', noProblems: '没有错误', line: '行',
  regression: '修改的影响（与已保存的规则比较）', nowFailing: '现在不通过的夹具', changedDecisions: '结果改变的决定', noRegression: '没有夹具的结果改变', before: '原', after: '改后',
  fixturesRun: '夹具', passed: '通过', failed: '不通过', rerunIn: '重算用时',
  rules: '规则', params: '参数', interpretations: '解释', formFields: '表单字段', fixturesReaching: '覆盖的夹具', noRule: '可决定，但没有规则', noFixture: '有规则，但没有夹具覆盖', notDecidable: '不作决定',
  addValue: '自某日起改为新值', remove: '删除', from: '自', value: '值', effectiveFrom: '生效日期',
  comparedWith: '生效日期与之比较的日期：', decisionDate: '决定日期（asOf）', readAtFallback: '没有该日期时为决定日期',
  readingImpact: '解释的读法：各读法下决定改变的夹具', readingDefault: '默认', readingChanges: '决定改变的夹具：', readingImpactRun: '计算各读法的影响', readingImpactProgress: '已决定 {done} / {total}', cancel: '取消', readingImpactStarting: '正在读入规则和夹具…', readingImpactCancelled: '已取消计算各读法的影响。', readingImpactStale: '规则已修改，计算已停止；请重新计算各读法的影响。',
  newCode: '新的一项（代码与名称，加入最新的值）', code: '代码', codeName: '名称', addCode: '加入清单',
  service: '受理事项', decision: '决定', why: '为什么', print: '打印', saveAsFixture: '存为夹具', nextApplicant: '下一位', project: '项目', projectSwitch: '切换到其他法规…', projectPickerHint: '切换到本服务器上的另一部法规的项目', nextApplicantHint: '清空表单，接待下一位办事人', fillForm: '请填写表单', formErrors: '表单有错误，暂不作决定',
  newFixture: '新建夹具', fixtureName: '夹具名称（一句话说明情形与结果）', folder: '目录', fileName: '文件名', acceptExpectations: '选择作为预期的决定值', create: '保存夹具',
  chooseCase: '选择案例', chooseDecision: '选择决定', fired: '适用', overridden: '被例外排除', failedRule: '不适用', conditions: '条件', articleText: '条文', close: '关闭',
  register: '台账', registerSearch: '查询', registerName: '姓名', registerIdNumber: '公民身份号码', registerFrom: '起', registerTo: '止', registerOutcome: '结果', registerAny: '全部', registerNumber: '文书编号', registerTime: '登记时间', registerService: '事项', registerOperator: '经办人', registerOffice: '单位', registerNone: '没有符合条件的登记', registerBack: '返回列表', registerReprint: '按原编号重印', registerRuleset: '决定时的规则集', registerRulesetChanged: '与现行规则集不同：下面是当时的推理', registerRecord: '登记', registerRecording: '正在登记…', registerRecorded: '已登记，文书编号', registerNeedDesk: '先选定本窗口的发证单位和经办人，才能登记', registerPast: '台账中的过往决定：按修改后的规则会改变的', registerPastNone: '台账中没有决定会改变', registerPastOf: '条登记中', registerPastChange: '条会改变', registerEngine: '引擎版本', registerCase: '案件',
  populationImpact: '对一年人群的影响', populationFile: '人群假设', populationSize: '案件数', populationSeed: '随机种子', generatePopulation: '生成人群', loadCases: '或载入 cases.jsonl', chooseFile: '选择文件…', populationLoaded: '已载入', casesChanged: '个案件的决定改变', ofCases: '个案件中', redecidedIn: '重算并比较用时', noPopulation: '还没有载入人群：生成一个，或载入 tiaoli population 的输出。', examples: '例', deciding: '正在决定', savedRules: '已保存的规则', workingCopy: '工作副本', transition: '决定字段：原 → 改后', openInTrace: '在推理中打开', populationCase: '人群中的案件', aDate: '某日期',
  // 参数, 规则编辑, 条文, 案例夹具, 推理: drafts, saved fixtures, the case picker, interpretations
  wholeNumber: '请输入整数', aNumber: '请输入数字',
  interpretationQuestion: '问题', interpretationReading: '采用的理解', interpretationAlternatives: '其他理解', interpretationConsequence: '采用时：', interpretationReasons: '理由', interpretationSources: '依据的文件',
  decideUnderOther: '按另一种理解决定本案：', decideAsFiled: '按案件文件和默认理解决定本案', makeDefault: '设为默认理解：', decidedUnderSwitch: '本案按另一种理解决定（仅供比较，规则未改）：', defaultDrafted: '默认理解由 {from} 改为 {to}（草稿，尚未保存）', defaultIs: '默认理解：{id}（与已保存的文件相同）', defaultDraftImpact: '保存前的影响：{compared} 个夹具中 {changed} 个的决定改变，{failing} 个不通过。', defaultDraftTextNote: '“采用的理解”与“理由”的文字仍是原默认理解的，请在规则编辑中一并修改。', seeFullImpact: '在规则编辑中查看全部影响', switchCase: '本案：',
  editInterpretation: '编辑这条解释', readingDefaultMark: '（默认）', readingUsedByCase: '本案采用：案件文件的 readings 指定', readingUsedByOverride: '本案采用：本次决定指定（不是默认理解）', readingUsedByDefault: '本案采用：默认理解', defaultReading: '默认理解', defaultReadingReasons: '默认理解的理由', closeInterpretation: '收起解释',
  fixtureSaved: '已保存夹具', openTrace: '查看推理', fixtureExists: '已存在，请换一个文件名',
  tickVerified: '只勾选你已按条文核对过的值：勾选的值成为夹具的预期，未勾选的不写入。', tickAtLeastOne: '请至少勾选一个已核对的值', counterFirst: '先在“窗口受理”填写一个案件，再存为夹具。',
  searchCases: '搜索案例', casesShown: '个案例', caseAtCounter: '（窗口受理中的案件）', otherCases: '其他', recomputingDecision: '正在重算…（规则已修改，结果随后显示）',
  basis: '依据', setAsideBy: '被例外规则排除：', openRuleInEditor: '在规则编辑中打开', noValue: '（无）',
  divisionChoose: '请选择', divisionNone: '数据集中没有这一级的下级区划，请在下面填写名称', divisionFailed: '无法载入区划', divisionFrom: '区划数据',
  language: 'English',
  office: '办证机关', operator: '经办人', chooseOffice: '请选择本窗口的办证机关', officeChosenOnce: '选一次，本浏览器记住；印在每份文书的首行', officeUnconfirmed: '资料未经核实，打印件上留空手写：', noOffices: '没有办证机关文件（forms/offices.yaml）：打印件的办证机关留空手写', reconsiderationBy: '行政复议机关', unknownDetail: '未知', officeAddress: '地址', officePhone: '电话', officeHours: '办公时间', officeMismatch: '办证机关与案件不符：', officeConfirm: '已核对，确认由本机关办理', officeConfirmFirst: '先确认上面的办证机关提示，才能登记和打印',
  // the app's frame: keyboard, phones, screen readers
  colon: '：', listSeparator: '、', comma: '，', semicolon: '；',
  skipToContent: '跳到正文', menu: '菜单', pagesNav: '页面', languageCode: 'en', switchLanguage: '切换为英文界面',
  showArticle: '查看条文', regulation: '条例',
  formSections: '表单的各部分', noChoice: '（不选）', count: '（{n}）', sectionHasErrors: '（有错误）', decisionFor: '的决定',
  // values as a person reads them
  yes: '是', no: '否', none: '（无）', noneShort: '无', emptyList: '（空）', present: '（有）', notComputed: '（未计算）',
  // the trace
  grounds: '依据', interpretation: '解释', question: '问题', adoptedReading: '采用的理解', otherReading: '其他理解', reasons: '理由',
  anyHolds: '任一成立', noneHolds: '以下不成立', holds: '成立', doesNotHold: '不成立', notJudged: '未判断（前面的条件已决定结果）',
  excludedBy: '被例外规则排除', openInEditor: '在规则编辑中打开', counterCase: '（窗口受理中的案件）', defaultValue: '没有规则认定 {field}，取默认值 {value}',
  factOpen: '〔', factClose: '〕', decisionTabs: '决定', tableFrom: '（自 {from} 起的值）',
  operators: {
    equal: '等于', notEqual: '不等于', in: '属于', notIn: '不属于', contains: '包含', doesNotContain: '不包含', lessThan: '小于', lessThanInclusive: '不大于',
    greaterThan: '大于', greaterThanInclusive: '不小于', before: '早于', onOrBefore: '不晚于', after: '晚于', onOrAfter: '不早于', present: '有值为', isEmpty: '为空为',
  } as Record<string, string>,
  // the articles page's summary line
  coverageSummary: '{articles} 条；可决定的款 {decidable} 项，有规则 {encoded}，有夹具覆盖 {tested}；规则 {rules} 条，夹具 {fixtures} 个',
  // the same while the fixtures are still being decided (the studio has just opened)
  coverageSummaryPending: '{articles} 条；可决定的款 {decidable} 项，有规则 {encoded}；规则 {rules} 条；夹具覆盖正在计算…',
  runningFixtures: '正在运行夹具…', fixturesPending: '正在计算…',
  // fixtures and impact
  startAtCounter: '先在“窗口受理”填写一个案件，再存为夹具。', fileExists: '{path} 已存在，请换一个文件名', deleted: '（已删除）',
  rulesBrokenNoRun: '规则有错误时不运行夹具，改正后再比较。', isNew: '新', expected: '预期', nowIs: '现为',
  codeArea: 'YAML 文件内容', sheets: 'A4 ×', fileNameExample: 'scenario-in-words',
  // numbers and times as the interface's language writes them; words around them
  locale: 'zh-CN', parenthesized: '（{text}）', backTo: '← {label}', officeName: '名称',
  divisionLevel: '{level} 请选择', populationLoadedLine: '已载入 {count} 个案件：{from}（{ms} ms）', redecidedLine: '（重算并比较用时 {ms} ms）',
  populationCompared: '比较的案件：决定日期 {from} 至 {to}', populationUnchangedLine: '在这 {count} 个案件（决定日期 {from} 至 {to}）中，工作副本与已保存的规则作出的决定没有一处不同。', populationSameRules: '工作副本的规则与已保存的相同：这 {count} 个案件（决定日期 {from} 至 {to}）的决定不变。',
  populationWidened: '修改涉及的日期 {dates} 不全在人群假设的范围（{declaredFrom} 至 {declaredTo}）之内：这次按 {from} 至 {to} 重新抽取了人群（同 tiaoli population --from {from} --to {to}）。', populationOutsideCases: '修改涉及的日期 {dates} 不全在载入的案件的决定日期（{from} 至 {to}）之内：这些日子的影响看不到。',
  redrawingPopulation: '正在按修改涉及的日期重新抽取人群',
  writeStarterPopulation: '按案件 Schema 写一个起始文件（{path}，存入工作副本）',
  noPopulationFile: '这个项目没有人群假设文件：在 rules/population/ 中写一个（如 rules/population/year.yaml，写法见 docs/population.md），或载入 tiaoli population 或其他来源的 cases.jsonl。',
  registerReprintKind: '按原编号重印：{kind}', registerTable: '台账登记列表（可横向滚动）', registerDecisions: '决定', registerPastPair: '{count} 条',
  // accounts and sessions (who may talk to the studio; 《个人信息保护法》: unmasking is logged)
  signInTitle: '登录', signInLogin: '账户名', signInPassword: '密码', signInButton: '登录', signingIn: '正在登录…', signOut: '退出登录', signInSso: '使用单位统一身份认证登录',
  signInIntro: '这台服务器有账户：请以自己的账户登录。登记的经办人、查看完整信息的人都以登录身份记录。',
  closedIntro: '这台服务器可从其他计算机访问，但还没有账户。管理员在服务器上运行 tiaoli accounts add 建立第一个账户后再登录。',
  singleUserMode: '单人模式（本机）', singleUserModeHint: '本机还没有账户：打开工作室的人担任窗口和政策角色，身份号码和电话始终遮盖；建立账户后需要登录',
  roleNames: { counter: '窗口', policy: '政策', legal: '法制审核', admin: '管理员' } as Record<string, string>,
  accessLog: '查阅记录', accessLogIntro: '每次查看登记中完整的身份号码或电话：谁、何时、哪条登记、理由。记录只能追加，不能修改或删除。', accessLogNone: '还没有查看完整信息的记录',
  accessLogWhen: '时间', accessLogWho: '查看人', accessLogCommandLine: '命令行，系统账户', accessLogRecord: '登记', accessLogReason: '理由',
  unmaskButton: '查看完整信息', unmaskReason: '查看理由（记入查阅记录）', unmaskDone: '已显示完整的身份号码和电话；这次查看已记入查阅记录。', maskedNote: '身份号码和电话已遮盖',
  operatorNotSignedIn: '（单人模式，未登录）', operatorAccountNo: '账户 {id}',
  operatorFromSignIn: '（登录身份）',
  accounts: '账户', accountsIntro: '每人一个账户；角色决定能做什么。停用账户、改角色或重设密码，该账户已登录的会话立即结束。',
  accountLogin: '账户名', accountName: '姓名', accountRoles: '角色', accountPassword: '初始密码（至少 10 个字符）', accountNewPassword: '新密码',
  accountAdd: '新建账户', accountDisable: '停用', accountEnable: '启用', accountDisabled: '已停用', accountSetRoles: '保存角色', accountSetPassword: '重设密码', accountSaved: '已保存',
  conformanceTitle: '上位法一致性审查', conformanceStricter: '严于上位法', conformanceContradicts: '与上位法不一致', conformanceGenerous: '宽于上位法', conformanceCases: '{n} 个案件',
  successors: '后续版本', successorsIntro: '本办法有效期届满前，从现行版本起草下一版本：规则照抄，施行期改为新的日期。草案逐条与被取代的版本对照，并按人群和夹具测算影响；由法制审核人员发布，发布后，施行期内的案件依新版本决定。',
  successorList: '已有的后续版本', successorNone: '还没有后续版本', successorDraft: '草案', successorPublished: '已发布', successorSucceeds: '取代',
  successorStart: '起草后续版本', successorId: '编号', successorTitle: '名称', successorFrom: '施行之日', successorUntil: '有效期最后一日', successorStarting: '正在起草…',
  successorCompare: '与被取代版本逐条对照', successorArticle: '条', successorChangedText: '条文改变', successorChangedRules: '规则改变：', successorChangedParams: '参数改变：', successorOld: '原文', successorNew: '草案',
  successorImpact: '影响：草案施行第一年的人群和全部夹具，分别依被取代版本（有效期顺延）和草案决定', successorImpactCount: '{cases} 个案件中，{changed} 个的决定改变', successorFixturesChanged: '决定改变的夹具',
  successorPublish: '发布', successorPublishing: '正在发布…', successorPublishedNow: '已发布：{from} 起的案件依《{title}》决定', successorPublishRole: '发布需要法制审核角色', successorEdit: '编辑草案的规则',
};

const en: typeof zh = {
  appTitle: 'Tiaoli Studio', articles: 'Articles', editor: 'Rule editor', parameters: 'Parameters', counter: 'Counter', fixtures: 'Fixtures', trace: 'Why',
  ruleset: 'Ruleset', unsaved: 'unsaved changes', loading: 'Loading…', loadFailed: 'Could not load', computing: 'Recomputing…',
  save: 'Save', saving: 'Saving…', saved: 'Saved', discard: 'Discard changes', cannotSave: 'Has errors: cannot save', noChanges: 'No changes',
  conflictTitle: 'The file changed on disk since it was loaded', keepMine: 'Overwrite with mine', takeTheirs: 'Drop mine, take the version on disk', diskVersion: 'On disk', myVersion: 'Mine',
  problems: 'Errors', noProblems: 'No errors', line: 'line',
  regression: 'Impact of the changes (against the saved rules)', nowFailing: 'Fixtures now failing', changedDecisions: 'Decisions that change', noRegression: 'No fixture changes outcome', before: 'before', after: 'after',
  fixturesRun: 'Fixtures', passed: 'passed', failed: 'failed', rerunIn: 're-run in',
  rules: 'Rules', params: 'Parameters', interpretations: 'Interpretations', formFields: 'Form fields', fixturesReaching: 'Fixtures', noRule: 'Decidable, but no rule', noFixture: 'Encoded, but no fixture reaches it', notDecidable: 'Decides nothing',
  addValue: 'New value from a date', remove: 'Remove', from: 'from', value: 'Value', effectiveFrom: 'Effective from',
  comparedWith: 'Effective dates are compared with: ', decisionDate: 'the decision date (asOf)', readAtFallback: 'the decision date when the case has none',
  readingImpact: 'Readings of interpretations: fixtures whose decision changes under each', readingDefault: 'default', readingChanges: 'Fixtures whose decision changes: ', readingImpactRun: 'Work out the impact of each reading', readingImpactProgress: 'Decided {done} / {total}', cancel: 'Cancel', readingImpactStarting: 'Reading the rules and fixtures…', readingImpactCancelled: 'Working out the readings\' impact was cancelled.', readingImpactStale: 'The rules changed, so the work stopped; work out the readings\' impact again.',
  newCode: 'New item (code and name, added to the latest value)', code: 'Code', codeName: 'Name', addCode: 'Add to the list',
  service: 'Service', decision: 'Decision', why: 'Why', print: 'Print', saveAsFixture: 'Save as fixture', nextApplicant: 'Next applicant', project: 'Project', projectSwitch: 'Another regulation…', projectPickerHint: 'Switch to another regulation\'s project on this server', nextApplicantHint: 'Clear the form for the next applicant', fillForm: 'Fill in the form', formErrors: 'The form has errors: no decision yet',
  newFixture: 'New fixture', fixtureName: 'Name (the scenario and its result, in a sentence)', folder: 'Folder', fileName: 'File name', acceptExpectations: 'Values to accept as expectations', create: 'Save fixture',
  chooseCase: 'Case', chooseDecision: 'Decision', fired: 'applies', overridden: 'set aside by an exception', failedRule: 'does not apply', conditions: 'Conditions', articleText: 'Article', close: 'Close',
  register: 'Register', registerSearch: 'Search', registerName: 'Name', registerIdNumber: 'ID number', registerFrom: 'From', registerTo: 'To', registerOutcome: 'Outcome', registerAny: 'any', registerNumber: 'Document number', registerTime: 'Recorded', registerService: 'Service', registerOperator: 'Operator', registerOffice: 'Office', registerNone: 'No stored decision matches', registerBack: 'Back to the list', registerReprint: 'Reprint with its number', registerRuleset: 'Ruleset when decided', registerRulesetChanged: 'differs from the current rules: the reasoning below is as it was then', registerRecord: 'Record', registerRecording: 'Recording…', registerRecorded: 'Recorded, document number', registerNeedDesk: 'Choose this counter\'s office and operator before recording', registerPast: 'Past decisions in the register that the changes would alter', registerPastNone: 'No decision in the register would change', registerPastOf: 'stored decisions:', registerPastChange: 'would change', registerEngine: 'Engine version', registerCase: 'Case',
  populationImpact: 'Impact on a year of cases', populationFile: 'Population assumptions', populationSize: 'Cases', populationSeed: 'Seed', generatePopulation: 'Generate', loadCases: 'or load a cases.jsonl', chooseFile: 'Choose a file…', populationLoaded: 'Loaded', casesChanged: 'cases whose decision changes', ofCases: 'cases:', redecidedIn: 're-decided and compared in', noPopulation: 'No population yet: generate one, or load the output of tiaoli population.', examples: 'examples', deciding: 'Deciding', savedRules: 'saved rules', workingCopy: 'working copy', transition: 'Decision field: before → after', openInTrace: 'open in Why', populationCase: 'Population case', aDate: 'a date',
  // 参数, 规则编辑, 条文, 案例夹具, 推理: drafts, saved fixtures, the case picker, interpretations
  wholeNumber: 'Enter a whole number', aNumber: 'Enter a number',
  interpretationQuestion: 'Question', interpretationReading: 'Reading taken', interpretationAlternatives: 'Other readings', interpretationConsequence: 'If taken: ', interpretationReasons: 'Reasons', interpretationSources: 'Sources',
  decideUnderOther: 'Decide this case under the other reading: ', decideAsFiled: 'Decide this case as its file and the defaults say', makeDefault: 'Make it the default: ', decidedUnderSwitch: 'Decided under another reading (for comparison; the rules are unchanged): ', defaultDrafted: 'Default reading changed from {from} to {to} (draft, not saved)', defaultIs: 'Default reading: {id} (as in the saved file)', defaultDraftImpact: 'Impact before saving: of {compared} fixtures, {changed} change their decision and {failing} fail.', defaultDraftTextNote: 'The texts of the reading taken and its reasons still describe the old default; edit them in the rule editor too.', seeFullImpact: 'See the whole impact in the rule editor', switchCase: 'This case: ',
  editInterpretation: 'Edit this interpretation', readingDefaultMark: '(default)', readingUsedByCase: 'Used here: named by the case file\'s readings', readingUsedByOverride: 'Used here: named for this decision (not the default)', readingUsedByDefault: 'Used here: the default reading', defaultReading: 'Default reading', defaultReadingReasons: 'Reasons for the default reading', closeInterpretation: 'Close the interpretation',
  fixtureSaved: 'Fixture saved', openTrace: 'See why', fixtureExists: 'already exists: choose another file name',
  tickVerified: 'Tick only the values you have checked against the articles: ticked values become the fixture\'s expectations, unticked ones are left out.', tickAtLeastOne: 'Tick at least one value you have checked', counterFirst: 'First fill in a case at the counter, then save it as a fixture.',
  searchCases: 'Search cases', casesShown: 'cases', caseAtCounter: '(the case at the counter)', otherCases: 'Other', recomputingDecision: 'Recomputing… (the rules changed; the result follows)',
  basis: 'Basis', setAsideBy: 'Set aside by the exception: ', openRuleInEditor: 'Open in the rule editor', noValue: '(none)',
  divisionChoose: 'Choose', divisionNone: 'The dataset has nothing under this division: type the name below', divisionFailed: 'Could not load the divisions', divisionFrom: 'Division data',
  language: '中文',
  office: 'Issuing office', operator: 'Clerk', chooseOffice: 'Choose this counter\'s issuing office', officeChosenOnce: 'Chosen once, kept in this browser; heads every printed document', officeUnconfirmed: 'Not confirmed; left blank on the printed page to fill in by hand: ', noOffices: 'No offices file (forms/offices.yaml): the office is left blank on printed pages', reconsiderationBy: 'Administrative reconsideration heard by', unknownDetail: 'unknown', officeAddress: 'Address', officePhone: 'Telephone', officeHours: 'Hours', officeMismatch: 'This office does not match the case: ', officeConfirm: 'Checked: this office handles it', officeConfirmFirst: 'Confirm the office warning above before recording and printing',
  colon: ': ', listSeparator: ', ', comma: ', ', semicolon: '; ',
  skipToContent: 'Skip to content', menu: 'Menu', pagesNav: 'Pages', languageCode: 'zh-CN', switchLanguage: 'Switch to the Chinese interface',
  showArticle: 'Show the article', regulation: 'Regulation',
  formSections: 'Sections of the form', noChoice: 'None', count: ' ({n})', sectionHasErrors: ' (has errors)', decisionFor: ' decision',
  yes: 'yes', no: 'no', none: '(none)', noneShort: 'none', emptyList: '(empty)', present: '(given)', notComputed: '(not worked out)',
  grounds: 'Grounds', interpretation: 'Interpretation', question: 'Question', adoptedReading: 'Reading adopted', otherReading: 'Other reading', reasons: 'Reasons',
  anyHolds: 'Any of these holds', noneHolds: 'This does not hold', holds: 'holds', doesNotHold: 'does not hold', notJudged: 'not judged (the conditions before it decided)',
  excludedBy: 'Set aside by the exception', openInEditor: 'Open in the rule editor', counterCase: '(the case at the counter) ', defaultValue: 'No rule sets {field}: its default {value}',
  factOpen: ' [', factClose: ']', decisionTabs: 'Decisions', tableFrom: ' (its value from {from})',
  operators: {
    equal: 'equals', notEqual: 'does not equal', in: 'is one of', notIn: 'is not one of', contains: 'contains', doesNotContain: 'does not contain', lessThan: 'is less than', lessThanInclusive: 'is at most',
    greaterThan: 'is more than', greaterThanInclusive: 'is at least', before: 'is before', onOrBefore: 'is on or before', after: 'is after', onOrAfter: 'is on or after', present: 'has a value:', isEmpty: 'is empty:',
  },
  coverageSummary: '{articles} articles; {decidable} decidable paragraphs, {encoded} with rules, {tested} reached by fixtures; {rules} rules, {fixtures} fixtures',
  coverageSummaryPending: '{articles} articles; {decidable} decidable paragraphs, {encoded} with rules; {rules} rules; working out what the fixtures reach…',
  runningFixtures: 'Running the fixtures…', fixturesPending: 'Working out…',
  startAtCounter: 'First fill in a case at the Counter, then save it as a fixture. ', fileExists: '{path} exists already: choose another file name', deleted: '(deleted)',
  rulesBrokenNoRun: 'While the rules have errors the fixtures are not run: correct them to compare.', isNew: 'new', expected: 'expected', nowIs: 'now',
  codeArea: 'YAML file content', sheets: 'A4 ×', fileNameExample: 'scenario-in-words',
  locale: 'en', parenthesized: ' ({text})', backTo: '← {label}', officeName: 'Name',
  divisionLevel: 'Choose', populationLoadedLine: 'Loaded {count} cases: {from} ({ms} ms)', redecidedLine: ' (re-decided and compared in {ms} ms)',
  populationCompared: 'Cases compared: decided from {from} to {to}', populationUnchangedLine: 'Of these {count} cases (decided from {from} to {to}), the working copy decides every one as the saved rules do.', populationSameRules: 'The working copy has the same rules as the saved ones: the {count} cases (decided from {from} to {to}) keep their decisions.',
  populationWidened: 'The change concerns {dates}, outside the population file\'s span ({declaredFrom} to {declaredTo}): the population was drawn again from {from} to {to} (as tiaoli population --from {from} --to {to}).', populationOutsideCases: 'The change concerns {dates}, not all within the loaded cases\' dates ({from} to {to}): its effect on those days is not seen.',
  redrawingPopulation: 'Drawing the population again over the dates the change concerns',
  writeStarterPopulation: 'Write a starter file from the case schema ({path}, into the working copy)',
  noPopulationFile: 'This project has no population file: write one in rules/population/ (say rules/population/year.yaml; its format is in docs/population.md), or load a cases.jsonl.',
  registerReprintKind: 'Reprint with its number: {kind}', registerTable: 'Stored decisions (scrolls sideways)', registerDecisions: 'Decisions', registerPastPair: '{count}',
  signInTitle: 'Sign in', signInLogin: 'Account', signInPassword: 'Password', signInButton: 'Sign in', signingIn: 'Signing in…', signOut: 'Sign out', signInSso: 'Sign in with the office\'s single sign-on',
  signInIntro: 'This server has accounts: sign in with your own. Records name the signed-in clerk, and every view of full personal data names who looked.',
  closedIntro: 'This server can be reached from other computers but has no account yet. An administrator creates the first with tiaoli accounts add on the server; then sign in.',
  singleUserMode: 'Single-user mode (this computer)', singleUserModeHint: 'No accounts on this computer yet: whoever opens the studio has the counter and policy roles; ID and phone numbers stay masked. Once accounts exist, signing in is required.',
  roleNames: { counter: 'Counter', policy: 'Policy', legal: 'Legal review', admin: 'Administrator' },
  accessLog: 'Access log', accessLogIntro: 'Every view of a record\'s full ID number or telephone: who, when, which record, why. Entries can only be added, never changed or deleted.', accessLogNone: 'Nobody has viewed full personal data yet',
  accessLogWhen: 'When', accessLogWho: 'Viewed by', accessLogCommandLine: 'command line, system account', accessLogRecord: 'Record', accessLogReason: 'Reason',
  unmaskButton: 'Show full details', unmaskReason: 'Reason for viewing (written to the access log)', unmaskDone: 'Full ID and phone numbers shown; this view is in the access log.', maskedNote: 'ID and phone numbers masked',
  operatorNotSignedIn: ' (single-user mode, not signed in)', operatorAccountNo: 'account {id}',
  operatorFromSignIn: ' (signed in)',
  accounts: 'Accounts', accountsIntro: 'One account per person; its roles decide what it may do. Disabling an account, changing its roles or setting its password ends its sessions at once.',
  accountLogin: 'Account', accountName: 'Name', accountRoles: 'Roles', accountPassword: 'First password (10 characters or more)', accountNewPassword: 'New password',
  accountAdd: 'Add the account', accountDisable: 'Disable', accountEnable: 'Enable', accountDisabled: 'disabled', accountSetRoles: 'Save roles', accountSetPassword: 'Set password', accountSaved: 'Saved',
  conformanceTitle: 'Conformance with the superior law', conformanceStricter: 'stricter', conformanceContradicts: 'contradicts', conformanceGenerous: 'more generous', conformanceCases: '{n} cases',
  successors: 'Successor drafts', successorsIntro: 'Before the measures expire, draft the next version from the current one: the rules are copied, the term set to new dates. The draft is compared article by article with the version it replaces, and its impact measured on the population and the fixtures; legal review publishes it, and from then on cases in its term are decided under it.',
  successorList: 'Versions that follow', successorNone: 'No successor yet', successorDraft: 'draft', successorPublished: 'published', successorSucceeds: 'replaces',
  successorStart: 'Start a successor draft', successorId: 'Id', successorTitle: 'Title', successorFrom: 'In force from', successorUntil: 'Last day in force', successorStarting: 'Starting…',
  successorCompare: 'Article by article against the version it replaces', successorArticle: 'Art.', successorChangedText: 'text changed', successorChangedRules: 'rules changed: ', successorChangedParams: 'parameters changed: ', successorOld: 'Current', successorNew: 'Draft',
  successorImpact: 'Impact: the draft\'s first year of the population and every fixture, decided under the version it replaces (its term extended) and under the draft', successorImpactCount: '{changed} of {cases} cases decided differently', successorFixturesChanged: 'Fixtures decided differently',
  successorPublish: 'Publish', successorPublishing: 'Publishing…', successorPublishedNow: 'Published: cases from {from} on are decided under "{title}"', successorPublishRole: 'Publishing needs the legal review role', successorEdit: 'Edit the draft\'s rules',
};

export type Messages = typeof zh;
export type Language = 'zh' | 'en';

function stored(): Language {
  try {
    return localStorage.getItem('tiaoli.language') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let language: Language = stored();
const listeners = new Set<() => void>();
/** The document's language follows the interface's (screen readers read by it). */
const applyLanguage = (): void => {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
};
applyLanguage();

export function toggleLanguage(): void {
  language = language === 'zh' ? 'en' : 'zh';
  try {
    localStorage.setItem('tiaoli.language', language);
  } catch {
    /* storage denied: the choice lives in this tab */
  }
  applyLanguage();
  listeners.forEach((l) => l());
}

export function useLanguage(): Language {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => language);
}

/** The interface's language now, for code outside React (e.g. CodeMirror's phrases). */
export const currentLanguage = (): Language => language;

export function messagesFor(lang: Language): Messages {
  return lang === 'zh' ? zh : en;
}

export function useMessages(): Messages {
  return messagesFor(useLanguage());
}

/** A message with {placeholders} filled in: fill(t.fileExists, { path }). */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? String(values[k]) : m));
}
