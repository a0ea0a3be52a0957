// `tiaoli successor start|diff|publish`: the next version of the project's text, as the
// studio's 后续版本 page does it and through the same store (checked, locked, atomic writes):
//   start --id ID --title TITLE --from DATE --until DATE   a draft copied from the current version
//   diff ID [--json] [--size N]                            article by article, and its impact
//   publish ID                                             from its first day, cases are decided under it
import { formatProblem } from '../core/source-file.js';
import { ProjectStore } from '../server/project-store.js';
import { readSpec } from '../project/successors/start-successor.js';
import { successorReport, type SuccessorReport } from '../project/successors/successor-report.js';
import { projectDir, projectProblem, type ProjectOptions } from './rules-dir.js';

export interface SuccessorOptions extends ProjectOptions {
  id?: string;
  title?: string;
  from?: string;
  until?: string;
  json?: boolean;
  size?: string;
}

const DEFAULT_SIZE = 1000;
const MAX_SIZE = 200000;
const FIELD_WORDS: Record<string, string> = { id: '--id', title: '--title', from: '--from', until: '--until', project: '项目' };

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

function storeFor(options: SuccessorOptions): ProjectStore | undefined {
  const problem = projectProblem(options.project);
  if (problem) return void say(problem);
  return new ProjectStore(projectDir(options));
}

export async function successorCommand(action: string, id: string | undefined, options: SuccessorOptions): Promise<number> {
  if (!['start', 'diff', 'publish'].includes(action)) {
    say(`不认识 ${JSON.stringify(action)}：可用 start、diff、publish`);
    return 1;
  }
  if (action !== 'start' && (id === undefined || id === '')) {
    say(`tiaoli successor ${action} 需要后续版本的编号（rules/instruments.yaml 中的 id）`);
    return 1;
  }
  const store = storeFor(options);
  if (!store) return 1;
  try {
    if (action === 'start') return await start(store, options);
    if (action === 'publish') return await publish(store, id!);
    return await diff(store, id!, options);
  } finally {
    await store.close();
  }
}

async function start(store: ProjectStore, options: SuccessorOptions): Promise<number> {
  const read = readSpec({ id: options.id, title: options.title, from: options.from, until: options.until });
  if (!read.spec) {
    for (const e of read.errors) say(`${FIELD_WORDS[e.field] ?? e.field}：${e.message}`);
    return 1;
  }
  const outcome = await store.startSuccessor(read.spec);
  switch (outcome.kind) {
    case 'started':
      process.stdout.write(`已起草《${read.spec.title}》（${outcome.id}，草案，${read.spec.from} 至 ${read.spec.until}）：successors/${outcome.id}/rules/ 下 ${outcome.files.length - 1} 个文件，rules/instruments.yaml 列为草案。\n发布前不依它决定；对照与影响：tiaoli successor diff ${outcome.id}\n`);
      return 0;
    case 'rejected':
      for (const e of outcome.errors) say(`${FIELD_WORDS[e.field] ?? e.field}：${e.message}`);
      return 1;
    case 'invalid':
      for (const p of outcome.problems) say(formatProblem(p));
      say('草案有错误，未写入任何文件。');
      return 2;
    case 'conflict':
      say(`${outcome.path} 在起草时被修改，未写入任何文件；请重试。`);
      return 1;
    case 'refused':
      say(outcome.message);
      return 1;
    default:
      return 1;
  }
}

async function publish(store: ProjectStore, id: string): Promise<number> {
  const outcome = await store.publishSuccessor(id);
  if (outcome.kind === 'saved') {
    process.stdout.write(`已发布 ${id}：其施行期内的案件依它决定（rules/instruments.yaml）。\n`);
    return 0;
  }
  if (outcome.kind === 'invalid') for (const p of outcome.problems) say(formatProblem(p));
  else if (outcome.kind === 'conflict') say(`${outcome.path} 在发布时被修改；请重试。`);
  else say(outcome.message);
  return outcome.kind === 'invalid' ? 2 : 1;
}

async function diff(store: ProjectStore, id: string, options: SuccessorOptions): Promise<number> {
  let size = DEFAULT_SIZE;
  if (options.size !== undefined) {
    if (!/^[0-9]{1,10}$/.test(options.size.trim()) || Number(options.size) > MAX_SIZE) {
      say(`--size 应是 0 到 ${MAX_SIZE} 的整数，现为 ${JSON.stringify(options.size)}`);
      return 1;
    }
    size = Number(options.size);
  }
  const snapshot = await store.snapshot();
  if (!snapshot.regulation) {
    for (const p of snapshot.problems.slice(0, 20)) say(formatProblem(p));
    say('本项目的规则有错误，无法比较。');
    return 2;
  }
  const files = Object.fromEntries(Object.entries(snapshot.files).map(([p, f]) => [p, f.text]));
  const answer = await successorReport(files, snapshot.regulation, id, size);
  if ('error' in answer) {
    say(answer.error);
    return 1;
  }
  process.stdout.write(options.json ? `${JSON.stringify(answer.report, null, 2)}\n` : textReport(answer.report));
  return 0;
}

function textReport(r: SuccessorReport): string {
  const lines = [`《${r.successor.title}》（${r.successor.id}，${r.successor.draft ? '草案' : '已发布'}，${r.successor.from} 至 ${r.successor.until ?? ''}）对照《${r.base.title}》（${r.base.id}，${r.base.from} 至 ${r.base.until ?? ''}）`, ''];
  const changed = r.articles.filter((a) => a.change !== 'same');
  lines.push(changed.length ? `改变的条文（${changed.length} 条）：` : '条文、规则和参数都没有改变。');
  for (const a of changed) {
    const what = [a.change === 'added' ? '新增' : a.change === 'removed' ? '删去' : '', a.textChanged ? '条文' : '', a.rules.added.length ? `新增规则 ${a.rules.added.join('、')}` : '', a.rules.removed.length ? `删去规则 ${a.rules.removed.join('、')}` : '', a.rules.changed.length ? `改变规则 ${a.rules.changed.join('、')}` : '', a.parameters.length ? `参数 ${a.parameters.join('、')}` : ''].filter(Boolean);
    lines.push(`  第 ${a.number} 条 ${a.title}：${what.join('；')}`);
    if (a.textChanged) lines.push(`    原文：${a.old ?? '—'}`, `    草案：${a.next ?? '—'}`);
  }
  lines.push('', `影响（${r.population ? `${r.population.file} 在 ${r.population.span.from} 至 ${r.population.span.to} 抽取 ${r.population.size} 个案件，及全部夹具` : '全部夹具'}；依被取代版本（有效期顺延）和草案分别决定）：${r.impact.cases} 个案件中 ${r.impact.changed} 个的决定改变`);
  for (const c of r.impact.changes) lines.push(`  ${c.field}：${c.from} → ${c.to}  ${c.count} 个（如 ${c.examples.join('；')}）`);
  if (r.impact.fixtures.length) lines.push(`决定改变的夹具：`, ...r.impact.fixtures.map((f) => `  ${f}`));
  for (const e of r.impact.errors) lines.push(`无法决定（${e.count} 个）：${e.message}`);
  return `${lines.join('\n')}\n`;
}
