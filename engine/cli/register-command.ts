// The decision register on the command line: `tiaoli decide --record` stores a decision,
// `tiaoli register list` finds stored ones (ID numbers masked; --unmask shows them in full,
// with an operator and a reason written to the access log first),
// `tiaoli register replay` decides every stored case again under the rules as they are now
// and says which decision values would change. Loaded only when one of them runs (or
// `decide --record`): it brings the database drivers (register-commands.ts wires the commands).
// While `tiaoli serve` runs, they go through it (it owns the embedded register: register-access.ts).
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
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { appendCommandLineAccess, checkReason, type CommandLineViewer } from '../accounts/access-log.js';
import type { ServerNote } from '../server/server-note.js';
import { RegisterError } from '../register/database.js';
import { findOffice } from '../register/offices.js';
import { checkOperator, type Register, type RegisterEntry, type RegisterFilter } from '../register/register.js';
import { maskString } from '../register/personal-data.js';
import { replay, type ReplaySummary } from '../register/replay.js';
import { formsDir, loadOrReport, serveRoot, type ProjectOptions } from './rules-dir.js';
import { dataFolder } from '../register/open-database.js';
import { purgeExpired, retentionCounts } from '../register/retention.js';
import { rotateKey } from '../register/rotate-key.js';
import { callServer, runningServer, say, ServerAnswerError, storeThroughServer, withRegister } from './register-access.js';

export interface RecordOptions extends ProjectOptions { record?: boolean; office?: string; operator?: string; form?: string }

/** A register problem as one line; a database's own error by its code only (its text may quote stored data). */
function problemOf(e: unknown): string {
  if (e instanceof RegisterError || e instanceof ServerAnswerError) return e.message;
  const code = (e as { code?: unknown }).code;
  return `台账出错${typeof code === 'string' ? `（${code}）` : ''}：${(e as Error).message?.split('\n')[0] ?? String(e)}`;
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
export async function recordDecision(regulation: Regulation, input: CaseInput, document: DecisionDocument, options: RecordOptions, decider?: Decider): Promise<number> {
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
    const server = runningServer(options);
    // through the running server, which decides the case again itself under the rules on disk
    const entry = server
      ? await storeThroughServer<RegisterEntry>(server, { case: input, officeId: office.id, operator: options.operator, form: options.form })
      : await withRegister(options, 'tiaoli decide --record', (r) => r.record({ regulation, case: input, document, office, operator: options.operator!, form: options.form, requestId: randomUUID(), decide: (c, o) => (decider ?? new Decider(regulation)).decide(c, o) }));
    say(`已登记：${entry.documentNumber}（${office.name}，经办人 ${entry.operator}）`);
    return 0;
  } catch (e) {
    say(`未能登记：${problemOf(e)}`);
    return 1;
  }
}

export interface ListOptions extends ProjectOptions {
  json?: boolean; unmask?: boolean; reason?: string; operator?: string;
  from?: string; to?: string; outcome?: string; service?: string; office?: string; name?: string; id?: string; limit?: string;
}

/** The most `register list` shows at once (the register's own bound), and by default. */
export const LIST_MOST = 10_000;
export const LIST_DEFAULT = 1000;

/** The operating-system account running this command, and the machine: who unmasked, beside the operator named. */
function osUser(): string {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = `uid ${process.getuid?.() ?? '?'}`; // no entry in the password database
  }
  return `${name}@${hostname()}`.slice(0, 200);
}

/**
 * Who unmasks, and why, for `--unmask`: the operator and the reason are required (《个人信息保护法》
 * 第五十一条: the access log says who saw which citizen's number and why), or the message naming
 * the option that is missing or wrong.
 */
function unmaskRequest(options: ListOptions): { who?: CommandLineViewer; reason?: string; refusal?: string } {
  const example = 'tiaoli register list --unmask --operator 姓名 --reason "核对某人的登记"';
  for (const [option, value] of [['--operator', options.operator], ['--reason', options.reason]] as const) {
    const i = typeof value === 'string' ? hiddenIndex(value) : -1;
    if (i >= 0) return { refusal: `${option}：${hiddenMessage(value![i])}` };
  }
  let operator: string;
  let reason: string;
  try {
    operator = checkOperator(options.operator);
  } catch (e) {
    return { refusal: `--operator：--unmask 显示完整的公民身份号码，要写明查看人：${(e as Error).message}（${example}）` };
  }
  try {
    reason = checkReason(options.reason);
  } catch (e) {
    return { refusal: `--reason：${(e as Error).message}（${example}）` };
  }
  return { who: { operator, osUser: osUser() }, reason };
}

/** The entries that match, masked: through the running server, or from the register this command opened. */
async function listed(register: Register | ServerNote, filter: RegisterFilter): Promise<RegisterEntry[]> {
  if ('pid' in register) return (await callServer<{ entries: RegisterEntry[] }>(register, 'POST', 'api/register/search', { ...filter })).entries;
  return register.list(filter);
}

/** The entries to show (at most `limit`) and how many more match (counted up to the register's bound). */
async function matching(register: Register | ServerNote, filter: RegisterFilter, limit: number): Promise<{ entries: RegisterEntry[]; beyond: number }> {
  // one more than asked says whether there are more; then how many, up to the register's bound
  const found = await listed(register, { ...filter, limit: limit + 1 });
  if (found.length <= limit) return { entries: found, beyond: 0 };
  const all = limit + 1 >= LIST_MOST ? found : await listed(register, { ...filter, limit: LIST_MOST });
  return { entries: found.slice(0, limit), beyond: all.length - limit };
}

/** `entries` with their full ID numbers: each reading written to the access log, and committed, first. */
async function unmasked(register: Register, entries: RegisterEntry[], who: CommandLineViewer, reason: string): Promise<RegisterEntry[]> {
  await register.db.transaction((tx) => appendCommandLineAccess(tx, who, entries, reason));
  const full = await register.fullIdNumbers(entries.map((e) => e.id));
  return entries.map((e) => ({ ...e, idNumber: full.has(e.id) ? full.get(e.id)! : e.idNumber }));
}

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
  const unmask = options.unmask ? unmaskRequest(options) : undefined;
  if (unmask?.refusal) {
    say(unmask.refusal);
    return 1;
  }
  let entries: RegisterEntry[];
  let beyond: number;
  try {
    const server = runningServer(options);
    if (server && unmask) {
      throw new RegisterError(`--unmask：台账由正在运行的 tiaoli serve（进程 ${server.pid}）打开，经由它只能看到遮盖的号码；需要完整号码请在台账页按权限查看，或停止服务器后再用 --unmask`, 'unmask');
    }
    ({ entries, beyond } = server
      ? await matching(server, filter, limit)
      : await withRegister(options, unmask ? 'tiaoli register list --unmask' : 'tiaoli register list', async (r) => {
        const found = await matching(r, filter, limit);
        return unmask ? { ...found, entries: await unmasked(r, found.entries, unmask.who!, unmask.reason!) } : found;
      }));
  } catch (e) {
    say(problemOf(e));
    return 1;
  }
  const shown = entries.map((e) => ({ ...e, idNumber: e.idNumber && !unmask ? maskString(e.idNumber) : e.idNumber }));
  const more = beyond ? moreNote(beyond, limit, shown[shown.length - 1]?.decidedAt) : undefined;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    if (more) say(more); // stdout stays the JSON list
    if (unmask) say(`已记入查阅记录：${shown.length} 条登记的完整号码由 ${unmask.who!.operator}（${unmask.who!.osUser}）查看，理由：${unmask.reason}`);
    return 0;
  }
  for (const e of shown) {
    const day = new Date(e.decidedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    process.stdout.write(`${e.documentNumber}  ${day}  ${e.officeId}  ${e.personName ?? '（无姓名）'}  ${e.idNumber ?? '（无身份号码）'}  ${e.service ?? '—'}：${e.outcome ?? '—'}  经办人 ${e.operator}\n`);
  }
  process.stdout.write(more ? `共列出 ${shown.length} 条；${more}\n` : `共 ${shown.length} 条\n`);
  if (unmask) say(`已记入查阅记录：${shown.length} 条登记的完整号码由 ${unmask.who!.operator}（${unmask.who!.osUser}）查看，理由：${unmask.reason}`);
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
    const server = runningServer(options);
    // through the running server: it decides again under the rules on disk, in a worker thread
    summary = server
      ? await callServer<ReplaySummary>(server, 'POST', 'api/register/replay', {})
      : await withRegister(options, 'tiaoli register replay', (r) => replay(new Decider(regulation), r.all()));
  } catch (e) {
    say(problemOf(e));
    return 1;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else printReplay(regulation, summary);
  return 0;
}

/** Refuses a command that must own the embedded register while the server owns it. */
function ownerNeeded(options: ProjectOptions, command: string): boolean {
  const server = runningServer(options);
  if (!server) return false;
  say(`${command} 要独自打开台账，而正在运行的 tiaoli serve（进程 ${server.pid}）打开着它：先停止服务器再运行`);
  return true;
}

/** `tiaoli register purge [--yes]`: the records past their retention period, counted per kind; deleted with --yes. */
export async function registerPurgeCommand(options: ProjectOptions & { yes?: boolean; json?: boolean }): Promise<number> {
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  if (ownerNeeded(options, 'tiaoli register purge')) return 1;
  try {
    return await withRegister(options, 'tiaoli register purge', async (r) => {
      const counts = await retentionCounts(r, regulation);
      const deleted = options.yes ? await purgeExpired(r, counts) : 0;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ kinds: counts, deleted, dryRun: !options.yes }, null, 2)}\n`);
        return 0;
      }
      const kindName = (service: string | null) => (service ? `${own(regulation.decisions, service)?.label ?? service}（${service}）` : '其他（无事项）');
      for (const k of counts) {
        const period = k.years === undefined ? '没有保存期限参数，保留' : `保存 ${k.years} 年（${k.parameter}），${k.before!.slice(0, 10)} 之前作出的已到期`;
        process.stdout.write(`${kindName(k.service)}：共 ${k.total} 条，${period}：${k.expired} 条\n`);
      }
      const expired = counts.reduce((n, k) => n + k.expired, 0);
      process.stdout.write(options.yes ? `已删除 ${deleted} 条到期记录\n` : `共 ${expired} 条到期；这是预览，没有删除任何记录。确认删除请加 --yes\n`);
      return 0;
    });
  } catch (e) {
    say(problemOf(e));
    return 1;
  }
}

/** `tiaoli register rotate-key`: every record sealed again under a new key (register-key.ts, rotate-key.ts). */
export async function registerRotateKeyCommand(options: ProjectOptions): Promise<number> {
  if (ownerNeeded(options, 'tiaoli register rotate-key')) return 1;
  const root = serveRoot({ project: options.project });
  try {
    const rotated = await withRegister(options, 'tiaoli register rotate-key', (r) => rotateKey(r, dataFolder(root), process.env, (n) => say(`已重新加密 ${n} 条……`)));
    say(`已换用新密钥 ${rotated.keyId}，重新加密 ${rotated.sealed} 条记录。${rotated.source === 'env'
      ? '现在可以从环境中去掉 TIAOLI_REGISTER_PREVIOUS_KEYS。'
      : `新密钥在 ${join(dataFolder(root), 'register.key')} 中，旧密钥已删除；请更新该文件的备份。`}`);
    return 0;
  } catch (e) {
    say(problemOf(e));
    return 1;
  }
}
