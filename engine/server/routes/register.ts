// The decision register over HTTP, for the studio's counter and its 台账 page:
//   POST /api/register/decisions  { case, officeId, form? }: the server decides the
//        case itself under the rules on disk (a decision sent by the browser is never taken),
//        stores it under the signed-in person (account and name; an `operator` in the body is
//        ignored — only single-user mode takes the desk's typed name) and answers with its number.
//        Where the form says where its service is done (form.yaml `office:`) and the case points
//        to another office, it is stored only with `officeConfirmed: true` (the clerk has read
//        the warning and confirmed); without, 409 with the warnings (`mismatches`);
//   POST /api/register/search     { name?, idNumber?, from?, to?, outcome?, service?, office? }:
//        the matching decisions, ID numbers masked (a POST, so an ID number searched for never
//        stands in a URL or an access log);
//   GET  /api/register/decisions/:id: one decision — its case, its decision document as stored
//        (the trace as it was made), its number — for the trace and a reprint, every ID number
//        and telephone in it masked, for every role;
//   POST /api/register/decisions/:id/unmask { reason }: the same in full, for 法制审核 only,
//        the reading written to the access log (who, when, which record, why) first;
//   GET  /api/register/access-log: that log, newest first (法制审核);
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
import { yieldTurn } from '../../core/yield-turn.js';
import { RegisterError, type Queryable } from '../../register/database.js';
import type { RegisterAccess } from '../../register/open-register.js';
import { findOffice, OFFICES_FILE, registerOffice } from '../../register/offices.js';
import { officeMismatches } from '../../project/offices/office-fit.js';
import { owedPrints } from '../../project/print/owed-prints.js';
import { buildPrintTemplates } from '../../project/print/render-print.js';
import { under } from '../../project/check-project.js';
import { own } from '../../core/own.js';
import { maskString } from '../../register/personal-data.js';
import { maskThroughout } from '../../register/mask-record.js';
import type { RegisterEntry, StoredDecision } from '../../register/register.js';
import { appendAccess, checkReason, readAccessLog } from '../../accounts/access-log.js';
import { principalOf } from '../access.js';
import { ReplayJobs, ReplayStopped } from '../replay-jobs.js';
import type { ProjectStore } from '../project-store.js';
import { pathRefusal } from '../project-files.js';
import { field, jsonObject } from './json-body.js';
import { registerText, searchFilter } from './register-fields.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : undefined);

function failure(c: Context, e: unknown): Response {
  if (e instanceof RegisterError) return c.json({ error: e.message, field: e.field }, e.status);
  const code = (e as { code?: unknown }).code;
  const shown = typeof code === 'string' && /^[0-9A-Z_]{1,12}$/.test(code) ? code : 'unknown';
  console.error(`[tiaoli] 台账出错（${shown}）`); // never the message: it may quote a stored case
  return c.json({ error: `台账出错（${shown}），决定没有登记，请重试` }, 500);
}

export const masked = (e: RegisterEntry): RegisterEntry => ({ ...e, idNumber: e.idNumber ? maskString(e.idNumber) : null });

/** A stored decision as every role but an unmasking 法制审核 sees it: ID numbers and phones masked throughout. */
const maskedStored = (s: StoredDecision): StoredDecision => ({
  ...s, idNumber: s.idNumber ? maskString(s.idNumber) : null,
  case: maskThroughout(s.case), document: maskThroughout(s.document), readings: maskThroughout(s.readings),
});

/** The account that recorded a decision, when it was recorded signed in (not in single-user mode). */
async function operatorAccount(register: { db: Queryable }, id: number): Promise<number | null> {
  const [row] = await register.db.query<{ account_id: number }>('SELECT account_id::int AS account_id FROM register_decision_accounts WHERE decision_id = $1', [id]);
  return row ? Number(row.account_id) : null;
}

const decisionId = (raw: string): number | undefined => (/^\d{1,15}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined);

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
    for (const name of ['operator', 'form']) {
      const { refusal } = registerText(body.value, name);
      if (refusal) return c.json(refusal, 400);
    }
    const checked = checkCase(snapshot.regulation, field(body.value, 'case'));
    if (!checked.case) return c.json({ error: '案件无效', problems: checked.problems }, 422);
    const form = text(field(body.value, 'form'));
    // the office checked against the case (form.yaml office:): the clerk confirms a mismatch
    const officeCheck = form ? own(snapshot.forms?.forms, form)?.office : undefined;
    const mismatches = checkedOffice ? officeMismatches(officeCheck, checkedOffice, checked.case, snapshot.regulation) : [];
    if (mismatches.length && field(body.value, 'officeConfirmed') !== true) {
      return c.json({ error: `办证机关与案件不符，须确认后登记：${mismatches.map((m) => m.message).join(' ')}`, field: 'officeConfirmed', mismatches }, 409);
    }
    // the operator is who is signed in, never what the request says (single-user mode: the desk's name)
    const principal = principalOf(c);
    const operator = principal.kind === 'account' ? principal.who.name : field(body.value, 'operator') as string;
    const within = principal.kind === 'account'
      ? async (tx: Queryable, entry: RegisterEntry) => {
        await tx.query('INSERT INTO register_decision_accounts (decision_id, account_id) VALUES ($1, $2)', [entry.id, principal.who.accountId]);
      }
      : undefined;
    const requestId = field(body.value, 'requestId');
    if (requestId !== undefined && typeof requestId !== 'string') return c.json({ error: 'requestId 必须是字符串', field: 'requestId' }, 400);
    try {
      // decided here, under the rules on disk, with the full trace: what is stored is what the server decided
      // (after the requests waiting on this thread: checking and deciding a case are long steps)
      await yieldTurn();
      const document = await snapshot.decider.decide(checked.case, { trace: true });
      await yieldTurn();
      const register = await access.get();
      // the documents this decision owes (the form's pages its templates print for it): each numbered in its series
      // (a case decided under a superior text prints from that text's pages: they carry the register's number)
      const ownRules = !document.applied || (document.instrument !== 'none' && document.applied.version === snapshot.decider.base.ruleset);
      const pages = form && ownRules ? own(snapshot.forms?.forms, form)?.prints ?? [] : [];
      const templates = buildPrintTemplates(under(Object.fromEntries(Object.entries(snapshot.files).map(([p, f]) => [p, f.text])), 'forms'));
      const documents = owedPrints(templates, pages, { regulation: snapshot.regulation, input: checked.case, document });
      const decider = snapshot.decider;
      const entry = await register.record({ regulation: decider.base, case: checked.case, document, office, operator, form, within, requestId, documents, decide: (c, o) => decider.decide(c, o) });
      return c.json({ ...masked(entry), officeName: office.name, operatorAccount: principal.kind === 'account' ? principal.who.accountId : null }, 201);
    } catch (e) {
      return failure(c, e);
    }
  });

  app.post('/api/register/search', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const { filter, refusal } = searchFilter(body.value);
    if (!filter) return c.json(refusal!, 400);
    try {
      const register = await access.peek();
      return c.json({ entries: register ? (await register.list(filter)).map(masked) : [] });
    } catch (e) {
      return failure(c, e);
    }
  });

  app.get('/api/register/decisions/:id', async (c) => {
    const id = decisionId(c.req.param('id'));
    if (id === undefined) return c.json({ error: '登记号必须是正整数' }, 400);
    try {
      const register = await access.peek();
      const stored = await register?.get(id);
      if (!register || !stored) return c.json({ error: `台账中没有第 ${id} 号登记` }, 404);
      return c.json({ ...maskedStored(stored), masked: true, operatorAccount: await operatorAccount(register, id) });
    } catch (e) {
      return failure(c, e);
    }
  });

  // 法制审核 only (route-roles.ts): the reading is logged before anything is read, in its own
  // transaction, so there is no full record shown that the log does not have
  app.post('/api/register/decisions/:id/unmask', async (c) => {
    const id = decisionId(c.req.param('id'));
    if (id === undefined) return c.json({ error: '登记号必须是正整数' }, 400);
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const principal = principalOf(c);
    if (principal.kind !== 'account') return c.json({ error: '查看完整信息要以法制审核账户登录' }, 403);
    try {
      const reason = checkReason(field(body.value, 'reason'));
      const register = await access.peek();
      if (!register) return c.json({ error: `台账中没有第 ${id} 号登记` }, 404);
      const logged = await register.db.transaction(async (tx) => {
        const [row] = await tx.query<{ document_number: string }>('SELECT document_number FROM register_decisions WHERE id = $1', [id]);
        if (row) await appendAccess(tx, principal.who, { id, documentNumber: row.document_number }, reason);
        return Boolean(row);
      });
      const stored = logged ? await register.get(id) : undefined;
      if (!stored) return c.json({ error: `台账中没有第 ${id} 号登记` }, 404);
      return c.json({ ...stored, masked: false, operatorAccount: await operatorAccount(register, id) });
    } catch (e) {
      return failure(c, e);
    }
  });

  app.get('/api/register/access-log', async (c) => {
    try {
      const register = await access.peek();
      return c.json({ entries: register ? await readAccessLog(register.db) : [] });
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
      // a record's error may quote its case: masked like every stored value shown
      return c.json(maskThroughout(await job.result));
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
