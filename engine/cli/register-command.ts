// The decision register on the command line: `tiaoli decide --record` stores a decision,
// `tiaoli register list` finds stored ones (ID numbers and phones masked unless --unmask),
// `tiaoli register replay` decides every stored case again under the rules as they are now
// and says which decision values would change. Loaded only when one of them runs (or
// `decide --record`): it brings the database drivers (register-commands.ts wires the commands).
import { searchFilter } from '../server/routes/register-fields.js';
import { hiddenIndex, hiddenMessage } from '../core/hidden-characters.js';
import { NotPlainFile, readPlainFile } from '../model/read-plain-file.js';
import { join, relative } from 'node:path';
import type { DecisionDocument } from '../explain/decider.js';
import type { CaseInput } from '../model/case/case-input.js';
import type { Regulation } from '../model/model.js';
import { Decider } from '../explain/decider.js';
import { describeValue } from '../explain/describe-value.js';
import { own } from '../core/own.js';
import { formatProblem } from '../core/source-file.js';
import { RegisterError } from '../register/database.js';
import { openRegister } from '../register/open-register.js';
import { findOffice } from '../register/offices.js';
import { checkOperator, type Register, type RegisterEntry } from '../register/register.js';
import { maskString } from '../register/personal-data.js';
import { replay, type ReplaySummary } from '../register/replay.js';
import { formsDir, loadOrReport, serveRoot, type ProjectOptions } from './rules-dir.js';

export interface RecordOptions extends ProjectOptions { record?: boolean; office?: string; operator?: string; form?: string }

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** A register problem as one line; a database's own error by its code only (its text may quote stored data). */
function problemOf(e: unknown): string {
  if (e instanceof RegisterError) return e.message;
  const code = (e as { code?: unknown }).code;
  return `台账出错${typeof code === 'string' ? `（${code}）` : ''}：${(e as Error).message?.split('\n')[0] ?? String(e)}`;
}

async function withRegister<T>(options: ProjectOptions, work: (register: Register) => Promise<T>): Promise<T> {
  const register = await openRegister(serveRoot({ project: options.project }));
  try {
    return await work(register);
  } finally {
    await register.close();
  }
}

/** What `decide --record` needs before deciding, or the message naming the option that is missing. */
export function recordRefusal(options: RecordOptions & { jsonl?: boolean }): string | undefined {
  if (!options.record) return undefined;
  if (options.jsonl) return '--record 只登记单个案件文件的决定，不能与 --jsonl 同用';
  try {
    checkOperator(options.operator);
  } catch (e) {
    return `--operator：${(e as Error).message}（tiaoli decide --record --office 单位id --operator 姓名 case.yaml）`;
  }
  if (!options.office?.trim()) return '--office：缺少发证单位的 id（forms/offices.yaml 中的 id），登记要按单位编号';
  for (const [option, value] of [['--operator', options.operator], ['--office', options.office], ['--form', options.form]] as const) {
    const i = typeof value === 'string' ? hiddenIndex(value) : -1;
    if (i >= 0) return `${option}：${hiddenMessage(value![i])}`;
  }
  return undefined;
}

/** Stores a decision `decide` just made; 0, or 1 after saying why not. */
export async function recordDecision(regulation: Regulation, input: CaseInput, document: DecisionDocument, options: RecordOptions): Promise<number> {
  const officesFile = join(formsDir(options), 'offices.yaml');
  let bytes: Uint8Array | undefined;
  const shown = relative(process.cwd(), officesFile) || officesFile;
  try {
    bytes = readPlainFile(officesFile, { shownAs: shown });
  } catch (e) {
    if (e instanceof NotPlainFile) {
      say(e.message);
      return 1;
    }
    bytes = undefined;
  }
  const { office, problem } = findOffice(bytes, shown, options.office!.trim());
  if (!office) {
    say(formatProblem(problem!));
    return 1;
  }
  try {
    const entry = await withRegister(options, (r) => r.record({ regulation, case: input, document, office, operator: options.operator!, form: options.form }));
    say(`已登记：${entry.documentNumber}（${office.name}，经办人 ${entry.operator}）`);
    return 0;
  } catch (e) {
    say(`未能登记：${problemOf(e)}`);
    return 1;
  }
}

export interface ListOptions extends ProjectOptions {
  json?: boolean; unmask?: boolean; from?: string; to?: string; outcome?: string; service?: string; office?: string; name?: string; id?: string; limit?: string;
}

const shownId = (entry: RegisterEntry, unmask?: boolean): string | null => (entry.idNumber && !unmask ? maskString(entry.idNumber) : entry.idNumber);

/** The most `register list` shows at once (the register's own bound), and by default. */
export const LIST_MOST = 10_000;
export const LIST_DEFAULT = 1000;

export async function registerListCommand(options: ListOptions): Promise<number> {
  const fields = { name: options.name, idNumber: options.id, from: options.from, to: options.to, outcome: options.outcome, service: options.service, office: options.office };
  const { filter, refusal } = searchFilter(fields);
  if (!filter) {
    say(`--${refusal!.field === 'idNumber' ? 'id' : refusal!.field}：${refusal!.error}`);
    return 1;
  }
  let limit = LIST_DEFAULT;
  if (options.limit !== undefined) {
    limit = Number(options.limit);
    if (!/^\d+$/.test(options.limit.trim()) || limit < 1 || limit > LIST_MOST) {
      say(`--limit：最多列出几条，应是 1 到 ${LIST_MOST} 的整数（现为 ${options.limit.slice(0, 40)}）`);
      return 1;
    }
  }
  let entries: RegisterEntry[];
  let beyond: number;
  try {
    ({ entries, beyond } = await withRegister(options, async (r) => {
      // one more than asked says whether there are more; then how many, up to the register's bound
      const found = await r.list({ ...filter, limit: limit + 1 });
      if (found.length <= limit) return { entries: found, beyond: 0 };
      const all = limit + 1 >= LIST_MOST ? found : await r.list({ ...filter, limit: LIST_MOST });
      return { entries: found.slice(0, limit), beyond: all.length - limit };
    }));
  } catch (e) {
    say(problemOf(e));
    return 1;
  }
  const shown = entries.map((e) => ({ ...e, idNumber: shownId(e, options.unmask) }));
  const more = beyond ? moreNote(beyond, limit, shown[shown.length - 1]?.decidedAt) : undefined;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    if (more) say(more); // stdout stays the JSON list
    return 0;
  }
  for (const e of shown) {
    const day = new Date(e.decidedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    process.stdout.write(`${e.documentNumber}  ${day}  ${e.officeId}  ${e.personName ?? '（无姓名）'}  ${e.idNumber ?? '（无身份号码）'}  ${e.service ?? '—'}：${e.outcome ?? '—'}  经办人 ${e.operator}\n`);
  }
  process.stdout.write(more ? `共列出 ${shown.length} 条；${more}\n` : `共 ${shown.length} 条\n`);
  return 0;
}

/** How many were left out, and how to see them: a larger --limit, or an earlier --to. */
function moreNote(beyond: number, limit: number, lastDecidedAt: string | undefined): string {
  const count = limit + beyond >= LIST_MOST ? `至少还有 ${beyond} 条` : `还有 ${beyond} 条`;
  const day = lastDecidedAt ? new Date(lastDecidedAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : undefined;
  const larger = limit < LIST_MOST ? `用 --limit ${Math.min(limit + beyond, LIST_MOST)} 列出更多（最多 ${LIST_MOST}），或` : '请';
  return `${count}符合条件的登记未列出（按决定时间从新到旧，只列出了最新的 ${limit} 条）：${larger}用 --to ${day ?? 'YYYY-MM-DD'} 等条件缩小范围，分批查看更早的登记`;
}

function fieldLabel(regulation: Regulation, path: string): string {
  const [decision, field] = path.split('.');
  const spec = own(regulation.decisions, decision);
  return `${spec?.label ?? decision}：${own(spec?.fields, field)?.label ?? field}`;
}

function printReplay(regulation: Regulation, summary: ReplaySummary): void {
  const v = (x: unknown): string => (x === undefined ? '（无）' : describeValue(x, regulation.vocabulary));
  const out: string[] = [`按现行规则（规则集 ${summary.ruleset}）重新决定台账中的 ${summary.total} 条登记：${summary.changed} 条会改变，${summary.unchanged} 条不变${summary.failed ? `，${summary.failed} 条无法重新决定` : ''}`];
  for (const f of summary.fields) {
    out.push('', `${f.field}（${fieldLabel(regulation, f.field)}）：${f.count} 条`);
    for (const p of f.pairs) out.push(`  ${v(p.before)} → ${v(p.after)}：${p.count} 条  ${p.records.join('、')}`);
  }
  const failed = summary.records.filter((r) => r.error);
  if (failed.length) out.push('', '无法重新决定：', ...failed.map((r) => `  ${r.documentNumber}：${r.error}`));
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function registerReplayCommand(options: ProjectOptions & { json?: boolean }): Promise<number> {
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  let summary: ReplaySummary;
  try {
    summary = await withRegister(options, (r) => replay(new Decider(regulation), r.all()));
  } catch (e) {
    say(problemOf(e));
    return 1;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else printReplay(regulation, summary);
  return 0;
}
