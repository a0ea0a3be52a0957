// The decision register: every decision taken at the counter (or by `tiaoli decide --record`)
// stored with the case it decided, the decision document exactly as it was made (trace
// included), the ruleset hash, readings, engine version, the office, the operator (经办人),
// the document number and the time. Numbers are per office and year, taken in the same
// transaction as the insert (a counters row, locked by its update): no gaps, no duplicates.
// The case, the document and its decisions are stored encrypted (sealing.ts), the ID number as
// a keyed hash to find it by and masked to show; a store sent again with the same request id
// (its answer lost on the way) gives back the record the first one made.
import type { DecisionDocument } from '../explain/decider.js';
import type { CaseInput } from '../model/case/case-input.js';
import type { Regulation } from '../model/model.js';
import { RegisterError, type Database, type Queryable } from './database.js';
import { chinaYear, formatDocumentNumber, formatSeriesNumber } from './document-number.js';
import { OFFICE_ID, type RegisterOffice } from './offices.js';
import { own } from '../core/own.js';
import { summarize } from './record-summary.js';
import { decisionValues } from './decision-values.js';
import { keepNeeded, type Decide } from './keep-needed.js';
import { maskIdNumber } from './personal-data.js';
import type { RegisterKeys } from './register-key.js';
import { idHash, requestHash, seal, unseal } from './sealing.js';
import { OWASP_COST, type PasswordCost } from './password-cost.js';

export interface RecordInput {
  regulation: Regulation;
  case: CaseInput;
  document: DecisionDocument;
  office: RegisterOffice;
  operator: string;
  /** the counter form the case came from, when it came from one */
  form?: string;
  /** when it was decided (default: now) */
  at?: Date;
  /** more to store in the same transaction, once the entry has its id (e.g. the operator's account); not run for a repeated request */
  within?: (tx: Queryable, entry: RegisterEntry) => Promise<void>;
  /** made by the client once per store and sent again with each retry of it: a retry gives the first record back */
  requestId?: string;
  /**
   * the documents the decision owes (print kinds): each the office numbers in a series of its own
   * (its documentSeries) gets the next number of that series and an entry beside the decision
   */
  documents?: string[];
  /**
   * the decider the document was made with: given, the sensitive facts the decision does not rest
   * on are taken out of the case before it is stored (keep-needed.ts; the server and the command
   * line always give it)
   */
  decide?: Decide;
}

/** A document entered with a decision: its kind (print) and its own number. */
export interface RegisteredDocument { kind: string; documentNumber: string }

/** A stored decision as lists show it (no case, no document). */
export interface RegisterEntry {
  id: number;
  documentNumber: string;
  officeId: string;
  operator: string;
  decidedAt: string;
  asOf: string;
  form: string | null;
  service: string | null;
  outcome: string | null;
  personName: string | null;
  /** masked (5323**********0882) in lists; in full only from `get` and `list(…, { unmask: true })` */
  idNumber: string | null;
  ruleset: string;
  engineVersion: string;
  /** true when this answers a retry: the record its request id made before */
  repeated?: boolean;
  /** the documents numbered with it (record, get): the decision's own, each in its series */
  documents?: RegisteredDocument[];
}

/** A stored decision in full: its case and its decision document as stored. */
export interface StoredDecision extends RegisterEntry {
  readings: Record<string, string>;
  case: CaseInput;
  document: DecisionDocument;
}

export interface RegisterFilter {
  /** first and last day (YYYY-MM-DD, China time) of the decisions wanted, both included */
  from?: string;
  to?: string;
  outcome?: string;
  /** a decision name or the name of a counter form */
  service?: string;
  office?: string;
  /** part of the person's name */
  name?: string;
  /** the whole ID number */
  idNumber?: string;
  limit?: number;
}

/** The longest case or document the register takes (JSON characters). */
export const MAX_STORED = 2_000_000;
const MAX_OPERATOR = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const ENTRY_COLUMNS = `id::int AS id, document_number, office_id, operator, decided_at, as_of::text AS as_of, form, service, outcome,
  person_name, id_masked, ruleset, engine_version, key_id`;
const REQUEST_ID = /^[A-Za-z0-9_-]{8,100}$/;

/** A stored decision as replay reads it: the entry, its case and the decisions made then (still sealed). */
export interface SealedRecord { entry: RegisterEntry; keyId: string; sealedCase: Uint8Array; sealedDecisions: Uint8Array }

type Row = Record<string, unknown>;

function entryOf(r: Row): RegisterEntry {
  return {
    id: Number(r.id), documentNumber: String(r.document_number), officeId: String(r.office_id), operator: String(r.operator),
    decidedAt: new Date(r.decided_at as string | Date).toISOString(), asOf: String(r.as_of),
    form: (r.form as string | null) ?? null, service: (r.service as string | null) ?? null, outcome: (r.outcome as string | null) ?? null,
    personName: (r.person_name as string | null) ?? null, idNumber: (r.id_masked as string | null) ?? null,
    ruleset: String(r.ruleset), engineVersion: String(r.engine_version),
  };
}

// json columns come back parsed by the drivers (JSON.parse: `__proto__` stays an own key); a driver that gives text is parsed here
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** The operator's name as stored: trimmed, required, one line, not too long. */
export function checkOperator(operator: unknown): string {
  const name = typeof operator === 'string' ? operator.trim() : '';
  if (!name) throw new RegisterError('缺少经办人：每一条登记都要写明经办人的姓名', 'operator');
  if (name.length > MAX_OPERATOR) throw new RegisterError(`经办人姓名过长（最多 ${MAX_OPERATOR} 个字）`, 'operator');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new RegisterError('经办人姓名不能含有控制字符或换行', 'operator');
  return name;
}

export class Register {
  /** `passwordCost`: what the office hashes its accounts' new passwords with (TIAOLI_PASSWORD_COST) */
  constructor(readonly db: Database, readonly keys: RegisterKeys, readonly passwordCost: PasswordCost = OWASP_COST) {}

  /** Stores one decision and gives it the office's next number for the year; the stored entry. */
  async record(input: RecordInput): Promise<RegisterEntry> {
    const operator = checkOperator(input.operator);
    const { office } = input;
    if (!OFFICE_ID.test(office.id)) throw new RegisterError('单位 id 只能由小写字母、数字和连字符组成', 'officeId');
    const requestId = input.requestId;
    if (requestId !== undefined && (typeof requestId !== 'string' || !REQUEST_ID.test(requestId))) {
      throw new RegisterError('requestId 应是 8 到 100 个字母、数字、连字符或下划线（每次登记由客户端生成一个，重试时原样再发）', 'requestId');
    }
    const caseText = JSON.stringify(input.case);
    const documentText = JSON.stringify(input.document);
    if (caseText.length > MAX_STORED || documentText.length > MAX_STORED) {
      throw new RegisterError(`案件或决定文书过大（超过 ${MAX_STORED} 个字符），不能登记`, 'case', 422);
    }
    if (!DAY.test(input.document.asOf)) throw new RegisterError('决定文书没有有效的决定日期（asOf）', 'case', 422);
    const at = input.at ?? new Date();
    const year = chinaYear(at);
    const s = summarize(input.regulation, input.case, input.document);
    const key = this.keys.current;
    const asked = requestId ? requestHash(key, { case: input.case, office: office.id, operator, form: input.form ?? null }) : null;
    if (requestId) {
      const before = await this.byRequest(requestId, asked!);
      if (before) return before;
    }
    // what is stored: the case without the sensitive facts the decision does not rest on, and the document made on it
    const kept = input.decide ? await keepNeeded(input.regulation, input.case, input.document, input.decide) : { case: input.case, document: input.document };
    try {
      return await this.db.transaction(async (tx) => {
        const [{ last }] = await tx.query<{ last: number }>(
          `INSERT INTO register_counters (office_id, year, last) VALUES ($1, $2, 1)
           ON CONFLICT (office_id, year) DO UPDATE SET last = register_counters.last + 1 RETURNING last`, [office.id, year]);
        const number = formatDocumentNumber(office.numberFormat, office.numberPrefix, year, last);
        const [row] = await tx.query<Row>(
          `INSERT INTO register_decisions (office_id, number_year, number_seq, document_number, operator, decided_at, as_of, form,
             service, outcome, person_name, id_masked, id_hash, ruleset, engine_version, readings, key_id, sealed_case, sealed_document,
             sealed_decisions, request_id, request_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
           RETURNING ${ENTRY_COLUMNS}`,
          [office.id, year, last, number, operator, at.toISOString(), input.document.asOf, input.form ?? null, s.service, s.outcome,
            s.personName, s.idNumber ? maskIdNumber(s.idNumber) : null, s.idNumber ? idHash(key, s.idNumber) : null,
            input.document.ruleset, input.document.engine?.version ?? 'unknown', JSON.stringify(input.document.readings ?? {}),
            key.id, seal(key, 'case', kept.case), seal(key, 'document', kept.document), seal(key, 'decisions', decisionValues(kept.document.decisions)),
            requestId ?? null, asked]);
        const documents: RegisteredDocument[] = [];
        const series = office.documentSeries;
        for (const kind of new Set(input.documents ?? [])) {
          const word = series && Object.hasOwn(series.words, kind) ? series.words[kind] : undefined;
          if (word === undefined) continue; // a page without a series of its own carries the register's number
          const [{ last: seq }] = await tx.query<{ last: number }>(
            `INSERT INTO register_document_counters (office_id, series, year, last) VALUES ($1, $2, $3, 1)
             ON CONFLICT (office_id, series, year) DO UPDATE SET last = register_document_counters.last + 1 RETURNING last`, [office.id, word, year]);
          const documentNumber = formatSeriesNumber(series!.format, office.numberPrefix, word, year, seq);
          await tx.query(
            `INSERT INTO register_documents (decision_id, kind, office_id, series, number_year, number_seq, document_number)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`, [row.id, kind, office.id, word, year, seq, documentNumber]);
          documents.push({ kind, documentNumber });
        }
        const entry = { ...entryOf(row), idNumber: s.idNumber, documents };
        await input.within?.(tx, entry);
        return entry;
      });
    } catch (e) {
      // the same request stored at the same moment by another connection: its record is the answer
      if (requestId && (e as { code?: unknown }).code === '23505') {
        const before = await this.byRequest(requestId, asked!);
        if (before) return before;
      }
      throw e;
    }
  }

  /** The record a request id made, if any; a different store under a used request id is refused. */
  private async byRequest(requestId: string, asked: string): Promise<RegisterEntry | undefined> {
    const [row] = await this.db.query<Row>(`SELECT ${ENTRY_COLUMNS}, request_hash FROM register_decisions WHERE request_id = $1`, [requestId]);
    if (!row) return undefined;
    if (row.request_hash !== asked) throw new RegisterError(`请求编号 ${requestId} 已用于另一条登记（${String(row.document_number)}）：每次登记要用新的请求编号`, 'requestId', 409);
    return { ...entryOf(row), repeated: true, documents: await this.documentsOf(Number(row.id)) };
  }

  /** The documents numbered with a decision, in the order they were numbered. */
  async documentsOf(id: number): Promise<RegisteredDocument[]> {
    const rows = await this.db.query<Row>('SELECT kind, document_number FROM register_documents WHERE decision_id = $1 ORDER BY id', [id]);
    return rows.map((r) => ({ kind: String(r.kind), documentNumber: String(r.document_number) }));
  }

  /**
   * The stored decisions that match, newest first; ID numbers masked. `unmask`: in full, for a
   * caller allowed to see them (each record decrypted).
   */
  async list(filter: RegisterFilter = {}, { unmask = false }: { unmask?: boolean } = {}): Promise<RegisterEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    for (const [key, value] of [['from', filter.from], ['to', filter.to]] as const) {
      if (value === undefined) continue;
      if (!DAY.test(value) || Number.isNaN(Date.parse(value))) throw new RegisterError(`${key === 'from' ? '起始' : '截止'}日期要写成 YYYY-MM-DD（现为 ${String(value).slice(0, 40)}）`, key);
    }
    // a day is a day in China (UTC+8)
    if (filter.from) add('decided_at >= ?::timestamptz', `${filter.from}T00:00:00+08:00`);
    if (filter.to) add('decided_at < (?::timestamptz + interval \'1 day\')', `${filter.to}T00:00:00+08:00`);
    if (filter.outcome) add('outcome = ?', filter.outcome);
    if (filter.service) {
      params.push(filter.service);
      where.push(`(service = $${params.length} OR form = $${params.length})`);
    }
    if (filter.office) add('office_id = ?', filter.office);
    if (filter.name) add("person_name ILIKE ? ESCAPE '\\'", `%${filter.name.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    // searched by its keyed hash under each key records may be under (during a rotation, two)
    if (filter.idNumber) add('id_hash = ANY(?)', [...this.keys.byId.values()].map((k) => idHash(k, filter.idNumber!)));
    const limit = Math.min(Math.max(Math.floor(filter.limit ?? 1000), 1), 10_000);
    params.push(limit);
    const rows = await this.db.query<Row>(
      `SELECT ${ENTRY_COLUMNS}${unmask ? ', sealed_case' : ''} FROM register_decisions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY decided_at DESC, id DESC LIMIT $${params.length}`, params);
    return rows.map((r) => (unmask ? { ...entryOf(r), idNumber: this.fullIdNumber(r) } : entryOf(r)));
  }

  /**
   * The full ID numbers of records `ids`, each decrypted: for a caller allowed to see them whose
   * reading is already in the access log (`register list --unmask`). Ids not stored are absent.
   */
  async fullIdNumbers(ids: number[]): Promise<Map<number, string | null>> {
    const wanted = ids.filter((id) => Number.isSafeInteger(id) && id >= 1);
    if (!wanted.length) return new Map();
    const rows = await this.db.query<Row>('SELECT id, key_id, id_masked, sealed_case FROM register_decisions WHERE id = ANY($1::bigint[])', [wanted]);
    return new Map(rows.map((r) => [Number(r.id), this.fullIdNumber(r)]));
  }

  private fullIdNumber(row: Row): string | null {
    if (!row.sealed_case || !row.id_masked) return (row.id_masked as string | null) ?? null;
    const input = unseal<CaseInput>(this.keys, String(row.key_id), 'case', row.sealed_case as Uint8Array);
    const person = own(input.facts, 'person') as Record<string, unknown> | undefined;
    const id = own(person, 'idNumber');
    return typeof id === 'string' ? id.trim().toUpperCase() : (row.id_masked as string);
  }

  /**
   * One stored decision in full and decrypted — its case, its decision document as made, the
   * ID number unmasked — or undefined. For a caller allowed to see the person's data (the
   * trace and a reprint of one opened record; an authorised unmask); lists use `list`.
   */
  async get(id: number): Promise<StoredDecision | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const [row] = await this.db.query<Row>(`SELECT ${ENTRY_COLUMNS}, readings, sealed_case, sealed_document FROM register_decisions WHERE id = $1`, [id]);
    return row ? { ...this.full(row), documents: await this.documentsOf(id) } : undefined;
  }

  /** Every stored decision in full, oldest first, a page at a time. */
  async *all(pageSize = 200): AsyncGenerator<StoredDecision> {
    let after = 0;
    for (;;) {
      const rows = await this.db.query<Row>(
        `SELECT ${ENTRY_COLUMNS}, readings, sealed_case, sealed_document FROM register_decisions WHERE id > $1 ORDER BY id LIMIT $2`, [after, pageSize]);
      for (const row of rows) yield this.full(row);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].id);
    }
  }

  /** The stored decisions after record `after`, oldest first, still sealed: what replay decides again. */
  async sealedPage(after: number, size: number): Promise<SealedRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${ENTRY_COLUMNS}, sealed_case, sealed_decisions FROM register_decisions WHERE id > $1 ORDER BY id LIMIT $2`, [after, size]);
    return rows.map((r) => ({ entry: entryOf(r), keyId: String(r.key_id), sealedCase: r.sealed_case as Uint8Array, sealedDecisions: r.sealed_decisions as Uint8Array }));
  }

  async count(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM register_decisions');
    return n;
  }

  private full(row: Row): StoredDecision {
    const keyId = String(row.key_id);
    const input = unseal<CaseInput>(this.keys, keyId, 'case', row.sealed_case as Uint8Array);
    const entry = entryOf(row);
    const id = own(own(input.facts, 'person') as Record<string, unknown> | undefined, 'idNumber');
    return {
      ...entry, idNumber: entry.idNumber && typeof id === 'string' ? id.trim().toUpperCase() : entry.idNumber,
      readings: json(row.readings), case: input, document: unseal<DecisionDocument>(this.keys, keyId, 'document', row.sealed_document as Uint8Array),
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
