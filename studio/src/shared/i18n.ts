// The studio speaks Simplified Chinese first, with an English switch. The regulation's own
// words (articles, rule names, labels in rules/) stay as written.
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
  readingImpact: '解释的读法：各读法下决定改变的夹具', readingDefault: '默认', readingChanges: '决定改变的夹具：', readingImpactRun: '计算各读法的影响',
  newCode: '新的一项（代码与名称，加入最新的值）', code: '代码', codeName: '名称', addCode: '加入清单',
  service: '受理事项', decision: '决定', why: '为什么', print: '打印', saveAsFixture: '存为夹具', fillForm: '请填写表单', formErrors: '表单有错误，暂不作决定',
  newFixture: '新建夹具', fixtureName: '夹具名称（一句话说明情形与结果）', folder: '目录', fileName: '文件名', acceptExpectations: '选择作为预期的决定值', create: '保存夹具',
  chooseCase: '选择案例', chooseDecision: '选择决定', fired: '适用', overridden: '被例外排除', failedRule: '不适用', conditions: '条件', articleText: '条文', close: '关闭',
  register: '台账', registerSearch: '查询', registerName: '姓名', registerIdNumber: '公民身份号码', registerFrom: '起', registerTo: '止', registerOutcome: '结果', registerAny: '全部', registerNumber: '文书编号', registerTime: '登记时间', registerService: '事项', registerOperator: '经办人', registerOffice: '单位', registerNone: '没有符合条件的登记', registerBack: '返回列表', registerReprint: '按原编号重印', registerRuleset: '决定时的规则集', registerRulesetChanged: '与现行规则集不同：下面是当时的推理', registerRecord: '登记', registerRecording: '正在登记…', registerRecorded: '已登记，文书编号', registerNeedDesk: '先选定本窗口的发证单位和经办人，才能登记', registerPast: '台账中的过往决定：按修改后的规则会改变的', registerPastNone: '台账中没有决定会改变', registerPastOf: '条登记中', registerPastChange: '条会改变', registerEngine: '引擎版本', registerCase: '案件',
  populationImpact: '对一年人群的影响', populationFile: '人群假设', populationSize: '案件数', populationSeed: '随机种子', generatePopulation: '生成人群', loadCases: '或载入 cases.jsonl', populationLoaded: '已载入', casesChanged: '个案件的决定改变', ofCases: '个案件中', redecidedIn: '重算并比较用时', noPopulation: '还没有载入人群：生成一个，或载入 tiaoli population 的输出。', populationUnchanged: '工作副本的规则与已保存的相同：没有决定改变。', examples: '例', deciding: '正在决定', savedRules: '已保存的规则', workingCopy: '工作副本', transition: '决定字段：原 → 改后', openInTrace: '在推理中打开', populationCase: '人群中的案件', none: '（无）', aDate: '某日期',
  // 参数, 规则编辑, 条文, 案例夹具, 推理 (issue 12: drafts, saved fixtures, the case picker, interpretations)
  wholeNumber: '请输入整数', aNumber: '请输入数字',
  interpretationQuestion: '问题', interpretationReading: '采用的理解', interpretationAlternatives: '其他理解', interpretationConsequence: '采用时：', interpretationReasons: '理由', interpretationSources: '依据的文件',
  editInterpretation: '编辑这条解释', readingDefaultMark: '（默认）', interpretation: '解释', closeInterpretation: '收起解释',
  fixtureSaved: '已保存夹具', openTrace: '查看推理', openInEditor: '在规则编辑中打开', fixtureExists: '已存在，请换一个文件名',
  tickVerified: '只勾选你已按条文核对过的值：勾选的值成为夹具的预期，未勾选的不写入。', tickAtLeastOne: '请至少勾选一个已核对的值', counterFirst: '先在“窗口受理”填写一个案件，再存为夹具。',
  searchCases: '搜索案例', casesShown: '个案例', caseAtCounter: '（窗口受理中的案件）', otherCases: '其他', recomputingDecision: '正在重算…（规则已修改，结果随后显示）',
  basis: '依据', setAsideBy: '被例外规则排除：', anyHolds: '任一成立：', noneHolds: '以下不成立：', openRuleInEditor: '在规则编辑中打开', noValue: '（无）',
  divisionChoose: '请选择', divisionNone: '数据集中没有这一级的下级区划，请在下面填写名称', divisionFailed: '无法载入区划', divisionFrom: '区划数据',
  language: 'English',
  office: '办证机关', operator: '经办人', chooseOffice: '请选择本窗口的办证机关', officeChosenOnce: '选一次，本浏览器记住；印在每份文书的首行', officeUnconfirmed: '资料未经核实，打印件上留空手写：', noOffices: '没有办证机关文件（forms/offices.yaml）：打印件的办证机关留空手写', reconsiderationBy: '行政复议机关', unknownDetail: '未知', officeAddress: '地址', officePhone: '电话', officeHours: '办公时间',
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
  readingImpact: 'Readings of interpretations: fixtures whose decision changes under each', readingDefault: 'default', readingChanges: 'Fixtures whose decision changes: ', readingImpactRun: 'Work out the impact of each reading',
  newCode: 'New item (code and name, added to the latest value)', code: 'Code', codeName: 'Name', addCode: 'Add to the list',
  service: 'Service', decision: 'Decision', why: 'Why', print: 'Print', saveAsFixture: 'Save as fixture', fillForm: 'Fill in the form', formErrors: 'The form has errors: no decision yet',
  newFixture: 'New fixture', fixtureName: 'Name (the scenario and its result, in a sentence)', folder: 'Folder', fileName: 'File name', acceptExpectations: 'Values to accept as expectations', create: 'Save fixture',
  chooseCase: 'Case', chooseDecision: 'Decision', fired: 'applies', overridden: 'set aside by an exception', failedRule: 'does not apply', conditions: 'Conditions', articleText: 'Article', close: 'Close',
  register: 'Register', registerSearch: 'Search', registerName: 'Name', registerIdNumber: 'ID number', registerFrom: 'From', registerTo: 'To', registerOutcome: 'Outcome', registerAny: 'any', registerNumber: 'Document number', registerTime: 'Recorded', registerService: 'Service', registerOperator: 'Operator', registerOffice: 'Office', registerNone: 'No stored decision matches', registerBack: 'Back to the list', registerReprint: 'Reprint with its number', registerRuleset: 'Ruleset when decided', registerRulesetChanged: 'differs from the current rules: the reasoning below is as it was then', registerRecord: 'Record', registerRecording: 'Recording…', registerRecorded: 'Recorded, document number', registerNeedDesk: 'Choose this counter\'s office and operator before recording', registerPast: 'Past decisions in the register that the changes would alter', registerPastNone: 'No decision in the register would change', registerPastOf: 'stored decisions:', registerPastChange: 'would change', registerEngine: 'Engine version', registerCase: 'Case',
  populationImpact: 'Impact on a year of cases', populationFile: 'Population assumptions', populationSize: 'Cases', populationSeed: 'Seed', generatePopulation: 'Generate', loadCases: 'or load a cases.jsonl', populationLoaded: 'Loaded', casesChanged: 'cases whose decision changes', ofCases: 'cases:', redecidedIn: 're-decided and compared in', noPopulation: 'No population yet: generate one, or load the output of tiaoli population.', populationUnchanged: 'The working copy decides as the saved rules: nothing changes.', examples: 'examples', deciding: 'Deciding', savedRules: 'saved rules', workingCopy: 'working copy', transition: 'Decision field: before → after', openInTrace: 'open in Why', populationCase: 'Population case', none: '(none)', aDate: 'a date',
  // 参数, 规则编辑, 条文, 案例夹具, 推理 (issue 12: drafts, saved fixtures, the case picker, interpretations)
  wholeNumber: 'Enter a whole number', aNumber: 'Enter a number',
  interpretationQuestion: 'Question', interpretationReading: 'Reading taken', interpretationAlternatives: 'Other readings', interpretationConsequence: 'If taken: ', interpretationReasons: 'Reasons', interpretationSources: 'Sources',
  editInterpretation: 'Edit this interpretation', readingDefaultMark: '(default)', interpretation: 'Interpretation', closeInterpretation: 'Close the interpretation',
  fixtureSaved: 'Fixture saved', openTrace: 'See why', openInEditor: 'Open in the rule editor', fixtureExists: 'already exists: choose another file name',
  tickVerified: 'Tick only the values you have checked against the articles: ticked values become the fixture\'s expectations, unticked ones are left out.', tickAtLeastOne: 'Tick at least one value you have checked', counterFirst: 'First fill in a case at the counter, then save it as a fixture.',
  searchCases: 'Search cases', casesShown: 'cases', caseAtCounter: '(the case at the counter)', otherCases: 'Other', recomputingDecision: 'Recomputing… (the rules changed; the result follows)',
  basis: 'Basis', setAsideBy: 'Set aside by the exception: ', anyHolds: 'Any of these holds:', noneHolds: 'This does not hold:', openRuleInEditor: 'Open in the rule editor', noValue: '(none)',
  divisionChoose: 'Choose', divisionNone: 'The dataset has nothing under this division: type the name below', divisionFailed: 'Could not load the divisions', divisionFrom: 'Division data',
  language: '中文',
  office: 'Issuing office', operator: 'Clerk', chooseOffice: 'Choose this counter\'s issuing office', officeChosenOnce: 'Chosen once, kept in this browser; heads every printed document', officeUnconfirmed: 'Not confirmed; left blank on the printed page to fill in by hand: ', noOffices: 'No offices file (forms/offices.yaml): the office is left blank on printed pages', reconsiderationBy: 'Hears 行政复议', unknownDetail: 'unknown', officeAddress: 'Address', officePhone: 'Telephone', officeHours: 'Hours',
};

export type Messages = typeof zh;
let language: 'zh' | 'en' = (localStorage.getItem('tiaoli.language') as 'zh' | 'en') ?? 'zh';
const listeners = new Set<() => void>();

export function toggleLanguage(): void {
  language = language === 'zh' ? 'en' : 'zh';
  localStorage.setItem('tiaoli.language', language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((l) => l());
}

export function useMessages(): Messages {
  const lang = useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => language);
  return lang === 'zh' ? zh : en;
}
