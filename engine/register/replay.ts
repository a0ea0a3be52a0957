// Replay: every stored case decided again under the rules as they are now, and each decision
// field that would change, before → after — per record, and counted per field and value pair.
// What policy staff ask before a rule change: which real past decisions would come out otherwise?
import type { Decider, DecisionDocument } from '../explain/decider.js';
import type { CaseInput } from '../model/case/case-input.js';
import { checkCase } from '../model/case/validate-case.js';
import { own } from '../core/own.js';
import type { RegisterEntry } from './register.js';
import { maskString } from './personal-data.js';
import { NOT_VALUES } from './decision-values.js';

/** A stored decision as replay needs it: its entry, its case, and the decisions made then (or the whole document). */
export interface ReplayInput extends RegisterEntry { case: CaseInput; decisions?: DecisionDocument['decisions']; document?: Pick<DecisionDocument, 'decisions'> }

export interface FieldChange { decision: string; field: string; before: unknown; after: unknown }

export interface ReplayedRecord {
  id: number;
  documentNumber: string;
  personName: string | null;
  /** masked */
  idNumber: string | null;
  decidedAt: string;
  changes: FieldChange[];
  /** why the case could not be decided again (e.g. the case no longer fits the rules' schema) */
  error?: string;
}

export interface ValuePair { before: unknown; after: unknown; count: number; records: string[] }

export interface ReplaySummary {
  ruleset: string;
  total: number;
  changed: number;
  unchanged: number;
  failed: number;
  /** the records that would change or could not be decided again */
  records: ReplayedRecord[];
  /** `decision.field` → the before → after pairs, with their counts and document numbers */
  fields: Array<{ field: string; count: number; pairs: ValuePair[] }>;
}


function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(canonical).sort());
  return JSON.stringify(value ?? null);
}

/** Every decision value that differs between two documents (lists compare without order). */
export function compareDocuments(before: Pick<DecisionDocument, 'decisions'>, after: Pick<DecisionDocument, 'decisions'>): FieldChange[] {
  const changes: FieldChange[] = [];
  const names = new Set([...Object.keys(before.decisions ?? {}), ...Object.keys(after.decisions ?? {})]);
  for (const decision of names) {
    const then = (own(before.decisions, decision) ?? {}) as Record<string, unknown>;
    const now = (own(after.decisions, decision) ?? {}) as Record<string, unknown>;
    const fields = new Set([...Object.keys(then), ...Object.keys(now)].filter((f) => !NOT_VALUES.has(f)));
    for (const field of fields) {
      const b = own(then, field);
      const a = own(now, field);
      if (canonical(b) !== canonical(a)) changes.push({ decision, field, before: b, after: a });
    }
  }
  return changes;
}

/** The replay's tally, fed one record at a time (a worker thread feeds it page by page). */
export class ReplayTally {
  private readonly records: ReplayedRecord[] = [];
  private readonly pairs = new Map<string, Map<string, ValuePair>>();
  total = 0;
  private changed = 0;
  private failed = 0;

  constructor(private readonly decider: Decider) {}

  /** A record that could not even be read (say, encrypted under a key not at hand). */
  unreadable(s: RegisterEntry, error: string): void {
    this.total++;
    this.failed++;
    this.records.push({ ...this.base(s), changes: [], error });
  }

  private base(s: RegisterEntry) {
    return { id: s.id, documentNumber: s.documentNumber, personName: s.personName, idNumber: s.idNumber ? maskString(s.idNumber) : null, decidedAt: s.decidedAt };
  }

  async add(s: ReplayInput): Promise<void> {
    this.total++;
    const base = this.base(s);
    let changes: FieldChange[];
    try {
      const checked = checkCase(this.decider.base, s.case);
      if (!checked.case) throw new Error(checked.problems.map((p) => p.message).join('；'));
      changes = compareDocuments({ decisions: s.decisions ?? s.document?.decisions ?? {} }, await this.decider.decide(checked.case, { trace: false }));
    } catch (e) {
      this.failed++;
      this.records.push({ ...base, changes: [], error: (e as Error).message });
      return;
    }
    if (!changes.length) return;
    this.changed++;
    this.records.push({ ...base, changes });
    for (const c of changes) {
      const key = `${c.decision}.${c.field}`;
      let byPair = this.pairs.get(key);
      if (!byPair) this.pairs.set(key, (byPair = new Map()));
      const pairKey = `${canonical(c.before)}→${canonical(c.after)}`;
      let pair = byPair.get(pairKey);
      if (!pair) byPair.set(pairKey, (pair = { before: c.before, after: c.after, count: 0, records: [] }));
      pair.count++;
      pair.records.push(s.documentNumber);
    }
  }

  summary(): ReplaySummary {
    const fields = [...this.pairs].map(([field, byPair]) => {
      const list = [...byPair.values()].sort((a, b) => b.count - a.count);
      return { field, count: list.reduce((n, p) => n + p.count, 0), pairs: list };
    }).sort((a, b) => b.count - a.count); // ties in the order the decision document gives its fields (an outcome first)
    const { total, changed, failed } = this;
    return { ruleset: this.decider.base.ruleset, total, changed, unchanged: total - changed - failed, failed, records: this.records, fields };
  }
}

/** Decides every stored case again with `decider` (its readings as the case asked for them then). */
export async function replay(decider: Decider, stored: AsyncIterable<ReplayInput> | Iterable<ReplayInput>): Promise<ReplaySummary> {
  const tally = new ReplayTally(decider);
  for await (const s of stored) await tally.add(s);
  return tally.summary();
}
