// The decision register over HTTP, for the studio's counter and its 台账 page:
//   POST /api/register/decisions  { case, officeId, operator, form? }: the server decides the
//        case itself under the rules on disk (a decision sent by the browser is never taken),
//        stores it and answers with its number;
//   POST /api/register/search     { name?, idNumber?, from?, to?, outcome?, service?, office? }:
//        the matching decisions, ID numbers masked (a POST, so an ID number searched for never
//        stands in a URL or an access log);
//   GET  /api/register/decisions/:id: one decision in full — its case, its decision document
//        exactly as stored (the trace as it was made), its number — for the trace and a reprint;
//   POST /api/register/replay     { changes? }: every stored case decided again under the rules
//        on disk, or under the studio's unsaved working copy (`changes`: path → text), in a
//        worker thread (replay-jobs.ts): the server keeps answering meanwhile. A newer replay
//        supersedes the one running (its request is answered 409, superseded: true);
//   GET  /api/register/replay     the replay's progress { id, state, done, total };
//   POST /api/register/replay/cancel  cancels the replay running.
// A store carries `requestId`, made by the client once per store and sent again with a retry:
// the retry is answered with the record the first one made, never a second record.
// Errors are answers: a register that cannot open is a 503 saying why; a database error is
// named by its code only (its text may quote stored data) and never ends the server.
import type { Context, Hono } from 'hono';
import { checkCase } from '../../model/case/validate-case.js';
import { chinaToday } from '../../core/dates/china-today.js';
import { RegisterError } from '../../register/database.js';
import type { RegisterAccess } from '../../register/open-register.js';
import { findOffice, OFFICES_FILE, registerOffice } from '../../register/offices.js';
import { maskString } from '../../register/personal-data.js';
import type { RegisterEntry, RegisterFilter } from '../../register/register.js';
import { ReplayJobs, ReplayStopped } from '../replay-jobs.js';
import type { ProjectStore } from '../project-store.js';
import { pathRefusal } from '../project-files.js';
import { field, jsonObject } from './json-body.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : undefined);

function failure(c: Context, e: unknown): Response {
  if (e instanceof RegisterError) return c.json({ error: e.message, field: e.field }, e.status);
  const code = (e as { code?: unknown }).code;
  const shown = typeof code === 'string' && /^[0-9A-Z_]{1,12}$/.test(code) ? code : 'unknown';
  console.error(`[tiaoli] 台账出错（${shown}）`); // never the message: it may quote a stored case
  return c.json({ error: `台账出错（${shown}），决定没有登记，请重试` }, 500);
}

export const masked = (e: RegisterEntry): RegisterEntry => ({ ...e, idNumber: e.idNumber ? maskString(e.idNumber) : null });

export function registerRoute(app: Hono, store: ProjectStore, access: RegisterAccess): void {
  const jobs = new ReplayJobs();
  access.whenClosing(() => jobs.close());

  app.post('/api/register/decisions', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const snapshot = await store.snapshot();
    if (!snapshot.regulation || !snapshot.decider) return c.json({ error: '规则有错误，不能作出和登记决定', problems: snapshot.problems }, 500);
    const officeId = text(field(body.value, 'officeId'));
    if (!officeId) return c.json({ error: '缺少 officeId：先选择本窗口的发证单位', field: 'officeId' }, 400);
    // the office as the project's check read it; the file read again only to say what is wrong
    const checkedOffice = snapshot.offices?.get(officeId);
    const { office, problem } = checkedOffice ? { office: registerOffice(checkedOffice), problem: undefined } : findOffice(snapshot.files[OFFICES_FILE]?.text, OFFICES_FILE, officeId);
    if (!office) return c.json({ error: problem!.message, field: 'officeId', problems: [problem] }, 422);
    const checked = checkCase(snapshot.regulation, field(body.value, 'case'));
    if (!checked.case) return c.json({ error: '案件无效', problems: checked.problems }, 422);
    const form = text(field(body.value, 'form'));
    const requestId = field(body.value, 'requestId');
    if (requestId !== undefined && typeof requestId !== 'string') return c.json({ error: 'requestId 必须是字符串', field: 'requestId' }, 400);
    try {
      // decided here, under the rules on disk, with the full trace: what is stored is what the server decided
      const document = await snapshot.decider.decide(checked.case, { trace: true });
      const register = await access.get();
      const entry = await register.record({ regulation: snapshot.decider.base, case: checked.case, document, office, operator: field(body.value, 'operator') as string, form, requestId });
      return c.json({ ...masked(entry), officeName: office.name }, 201);
    } catch (e) {
      return failure(c, e);
    }
  });

  app.post('/api/register/search', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const get = (name: string) => text(field(body.value, name));
    const limit = field(body.value, 'limit');
    const filter: RegisterFilter = {
      name: get('name'), idNumber: get('idNumber'), from: get('from'), to: get('to'), outcome: get('outcome'), service: get('service'),
      office: get('office'), limit: typeof limit === 'number' ? limit : undefined,
    };
    try {
      const register = await access.peek();
      return c.json({ entries: register ? (await register.list(filter)).map(masked) : [] });
    } catch (e) {
      return failure(c, e);
    }
  });

  app.get('/api/register/decisions/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!/^\d{1,15}$/.test(c.req.param('id'))) return c.json({ error: '登记号必须是正整数' }, 400);
    try {
      const stored = await (await access.peek())?.get(id);
      if (!stored) return c.json({ error: `台账中没有第 ${id} 号登记` }, 404);
      return c.json(stored);
    } catch (e) {
      return failure(c, e);
    }
  });

  app.post('/api/register/replay', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const snapshot = await store.snapshot();
    let register;
    try {
      register = await access.peek();
    } catch (e) {
      return failure(c, e);
    }
    // nothing stored yet: nothing to decide again (and no rules to build for it)
    if (!register) return c.json({ ruleset: snapshot.ruleset, total: 0, changed: 0, unchanged: 0, failed: 0, records: [], fields: [] });
    const changes = field(body.value, 'changes');
    let rules: { regulation?: typeof snapshot.regulation; files?: Array<[string, string]> };
    if (changes && typeof changes === 'object' && !Array.isArray(changes) && Object.keys(changes).length) {
      // the working copy is checked in the worker, not here
      const files = new Map(Object.entries(snapshot.files).map(([path, f]) => [path, f.text]));
      for (const [path, value] of Object.entries(changes as Record<string, unknown>)) {
        if (typeof value === 'string' && !pathRefusal(path)) files.set(path, value);
      }
      rules = { files: [...files] };
    } else {
      if (!snapshot.decider) return c.json({ error: '规则有错误，不能重新决定台账中的案件' }, 422);
      rules = { regulation: snapshot.decider.base };
    }
    const job = jobs.start(register, { ...rules, today: chinaToday() });
    // a studio that went away (its page closed, or it asked again and dropped this request) does not keep it running
    c.req.raw.signal?.addEventListener('abort', () => job.cancel('cancelled'));
    try {
      return c.json(await job.result);
    } catch (e) {
      if (e instanceof ReplayStopped) {
        if (e.rules) return c.json({ error: e.message }, 422);
        if (e.state === 'failed') return c.json({ error: e.message }, 500);
        return c.json({ error: e.message, [e.state]: true }, 409);
      }
      return failure(c, e);
    }
  });

  app.get('/api/register/replay', (c) => c.json(jobs.progress() ?? { state: 'none', done: 0, total: 0 }));

  app.post('/api/register/replay/cancel', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    return c.json({ cancelled: jobs.cancel() });
  });
}
