// Decides a case under the instrument in force on the date that matters (rules/instruments.yaml):
// this project's own rules inside their term; outside it, under the reading of the
// interpretation `outside.interpretation`, the superior instrument in force then (the case read
// through the mapping, decided by that project's rules), or this project's rules as they say
// (the reading `outside.none`, or one that applies them by analogy). On a date no instrument
// covers, the document says `instrument: none`. Every document names the instrument applied,
// its version and why (`applied`).
import { Decider, type AppliedInstrument, type CaseInput, type DecidedFields, type DecideOptions, type DeciderOptions, type DecisionDocument } from '../../explain/decider.js';
import { EvaluationError } from '../../core/evaluation-error.js';
import { resolveReadings, type Readings } from '../../model/readings.js';
import { checkCase } from '../../model/case/validate-case.js';
import type { Regulation } from '../../model/model.js';
import { inForceOn, LEVEL_WORDS, termWords, type Instrument, type Instruments, type Mapping } from './instrument-model.js';
import { mapCase, mappingLines } from './map-case.js';
import type { LoadedInstruments } from './loaded-instruments.js';
import { deepFreeze } from '../../core/deep-freeze.js';

/** A superior instrument this project can decide under: its rules and how this project's cases read in them. */
export interface Superior {
  instrument: Instrument;
  decider: Decider;
  mapping: Mapping;
}

/** A later version of this project's text, published: its rules decide the case as it stands (the same words). */
export interface Successor {
  instrument: Instrument;
  decider: Decider;
}

/** What a case is decided under. */
export type Choice =
  | { kind: 'own'; readings: Readings; applied: AppliedInstrument }
  | { kind: 'successor'; successor: Successor; applied: AppliedInstrument }
  | { kind: 'superior'; superior: Superior; applied: AppliedInstrument }
  | { kind: 'none'; readings: Readings; applied: AppliedInstrument };

type Obj = Record<string, unknown>;

/** Dates whose choice is kept (a run of cases spans a few thousand); beyond, the kept ones are let go. */
const DATES_KEPT = 20_000;

function dateOf(input: CaseInput, fact: string): string {
  if (fact === 'asOf') return input.asOf;
  let node: unknown = input.facts;
  for (const key of fact.split('.')) node = node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Obj)[key] : undefined;
  return typeof node === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(node) ? node : input.asOf;
}

const named = (i: Instrument): string => `《${i.title}》（${LEVEL_WORDS.get(i.level) ?? i.level}）`;

export class InstrumentDecider extends Decider {
  private readonly chosenReadings?: Readings;
  private readonly sentUp = new WeakMap<Decider, Map<string, Readings>>();
  private readonly byDate = new Map<string, { choice: Choice; text: string }>();

  constructor(regulation: Regulation, options: DeciderOptions, readonly instruments: Instruments, readonly superiors: ReadonlyMap<string, Superior>, private readonly unavailable: ReadonlyMap<string, string> = new Map(), readonly successors: ReadonlyMap<string, Successor> = new Map()) {
    // the readings are resolved here (choose), the case's then --reading, so that a date no
    // instrument covers can still take the reading `outside.none`
    super(regulation, { ...options, readings: undefined });
    this.chosenReadings = options.readings;
  }

  /** The regulations whose decisions a document of this project may hold (fixtures name their fields). */
  get regulations(): Regulation[] {
    return [this.base, ...[...this.superiors.values()].map((s) => s.decider.base), ...[...this.successors.values()].map((s) => s.decider.base)];
  }

  private successorsInOrder?: Instrument[];
  private superiorsInOrder?: Instrument[];

  /** The published versions that follow this project's own text, in order (a draft is never one). */
  private successorChain(): Instrument[] {
    return (this.successorsInOrder ??= this.findSuccessors());
  }

  private findSuccessors(): Instrument[] {
    const chain: Instrument[] = [];
    for (let at: Instrument | undefined = this.instruments.own; at;) {
      const id: string = at.id;
      at = this.instruments.list.find((x) => x.succeeds === id && x.draft !== true);
      if (!at || chain.includes(at)) break;
      chain.push(at);
    }
    return chain;
  }

  /** The instruments this project's text implements, nearest first, up the chain of `implements`. */
  private superiorChain(): Instrument[] {
    if (this.superiorsInOrder) return this.superiorsInOrder;
    const { instruments } = this;
    const own = instruments.own;
    const chain: Instrument[] = [];
    for (let i = own.implements === undefined ? undefined : instruments.list.find((x) => x.id === own.implements); i; i = i.implements === undefined ? undefined : instruments.list.find((x) => x.id === i!.implements)) {
      if (chain.includes(i)) break;
      chain.push(i);
    }
    return (this.superiorsInOrder = chain);
  }

  /** Which instrument decides this case, and why. */
  choose(input: CaseInput): Choice {
    const { instruments } = this;
    const own = instruments.own;
    const date = dateOf(input, instruments.date.fact);
    const readings = resolveReadings(this.base, input.readings, this.chosenReadings);
    const dateLine = `决定所依的日期：${instruments.date.label}，${date}。`;
    const ownLine = `${named(own)}${termWords(own)}：${date} ${inForceOn(own, date) ? '在' : '不在'}其施行期内。`;
    const base = (i: Instrument | undefined, because: string[], reading?: AppliedInstrument['reading']): AppliedInstrument => ({
      id: i?.id ?? 'none',
      ...(i ? { title: i.title, level: i.level, inForce: { from: i.from, ...(i.until === undefined ? {} : { until: i.until }) } } : {}),
      date: { fact: instruments.date.fact, label: instruments.date.label, value: date },
      ...(reading ? { reading } : {}),
      because,
    });
    if (inForceOn(own, date)) {
      return { kind: 'own', readings, applied: { ...base(own, [dateLine, ownLine, `依${named(own)}决定。`]), version: this.base.ruleset } };
    }
    // a published later version of this text in force on the date (the measures revised when they expired) governs in its term
    const later = this.successorChain();
    const successorLines = later.map((i) => `其后续版本${named(i)}${termWords(i)}：${date} ${inForceOn(i, date) ? '在' : '不在'}其施行期内。`);
    const next = later.find((i) => inForceOn(i, date));
    if (next) {
      const successor = this.successors.get(next.id);
      if (!successor) throw new EvaluationError('instrument.unavailable', `${date} 依${named(next)}决定，但其规则不可用：${this.unavailable.get(next.id) ?? `${next.project}/rules 未载入`}`);
      return { kind: 'successor', successor, applied: { ...base(next, [dateLine, ownLine, ...successorLines, `依${named(next)}决定（它取代${named(own)}，用语相同，案件事实不需转译）。`]), version: successor.decider.base.ruleset } };
    }
    const laterLines = successorLines;
    // the nearest superior in force on the date, up the chain of `implements`
    const chain = this.superiorChain();
    const superiorLines = chain.map((i) => `它实施的上位法${named(i)}${termWords(i)}：${date} ${inForceOn(i, date) ? '在' : '不在'}其施行期内。`);
    const outside = instruments.outside;
    const alternative = outside ? readings[outside.interpretation] : undefined;
    const reading = outside && alternative !== undefined ? { interpretation: outside.interpretation, alternative } : undefined;
    if (!chain.some((i) => inForceOn(i, date))) {
      const none = outside ? { ...readings, [outside.interpretation]: outside.none } : readings;
      const because = [dateLine, ownLine, ...laterLines, ...superiorLines, `${date} 没有任何规范性文件施行：不依任何文件办理，各项请求的结论照${named(own)}的“不在施行期内”列出，不出具不予办理告知书。`];
      return { kind: 'none', readings: none, applied: base(undefined, because, outside ? { interpretation: outside.interpretation, alternative: outside.none } : undefined) };
    }
    const inForce = chain.find((i) => inForceOn(i, date) && this.superiors.has(i.id));
    const missing = chain.find((i) => inForceOn(i, date) && this.unavailable.has(i.id));
    if (!inForce && missing && (!outside || alternative === outside.superior)) {
      throw new EvaluationError('instrument.unavailable', `${date} 依${named(missing)}决定，但其规则不可用：${this.unavailable.get(missing.id)!}`);
    }
    if (inForce && (!outside || alternative === outside.superior)) {
      const superior = this.superiors.get(inForce.id)!;
      const mapped = mappingLines(input, superior.mapping);
      const because = [dateLine, ownLine, ...laterLines, ...superiorLines,
        `${reading ? `依解释 ${reading.interpretation} 的读法 ${reading.alternative}：` : ''}直接适用${named(inForce)}；案件事实按 ${superior.mapping.file} 译成它的用语${mapped.length ? `（${mapped.join('；')}）` : ''}。`];
      return { kind: 'superior', superior, applied: { ...base(inForce, because, reading), version: superior.decider.base.ruleset } };
    }
    const because = [dateLine, ownLine, ...laterLines, ...superiorLines,
      `依解释 ${reading?.interpretation ?? ''} 的读法 ${alternative ?? ''}：仍依${named(own)}的规则决定${alternative === outside?.none ? '（结论为不在施行期内）' : '（比照适用）'}。`];
    return { kind: 'own', readings, applied: { ...base(own, because, reading), version: this.base.ruleset } };
  }

  /**
   * When the case is decided under a superior instrument: that instrument, its rules and the
   * case as they read it (what its printed pages are made from); else undefined.
   */
  superiorCase(input: CaseInput): { superior: Superior; input: CaseInput } | undefined {
    const choice = this.choose(input);
    return choice.kind === 'superior' ? { superior: choice.superior, input: this.mapped(input, choice.superior) } : undefined;
  }

  /** When the case is decided under a later version of this project's text: that version (its rules; the case as it stands); else undefined. */
  successorOf(input: CaseInput): Successor | undefined {
    const choice = this.choose(input);
    return choice.kind === 'successor' ? choice.successor : undefined;
  }

  /** The case as the superior's rules read it, checked against its case schema (a mapping that makes a bad case is named). */
  private mapped(input: CaseInput, superior: Superior): CaseInput {
    const mappedCase = mapCase(input, superior.mapping);
    const checked = checkCase(superior.decider.base, mappedCase);
    if (!checked.case) {
      throw new EvaluationError('instrument.mapping', `按 ${superior.mapping.file} 译成${named(superior.instrument)}的案件不符合其案件格式：${checked.problems.map((p) => p.message).join('；')}`);
    }
    return checked.case;
  }

  override async decide(input: CaseInput, options: DecideOptions = {}): Promise<DecisionDocument> {
    const choice = this.choose(input);
    if (choice.kind === 'successor') {
      const doc = await choice.successor.decider.decide(input, options);
      return withInstrument(doc, choice.applied, doc.readings);
    }
    if (choice.kind === 'superior') {
      const doc = await choice.superior.decider.decide(this.mapped(input, choice.superior), options);
      return withInstrument(doc, choice.applied, superiorReadings(doc.readings, choice.applied));
    }
    const doc = await this.under(choice.readings).decideHere(input, options);
    return withInstrument(doc, choice.applied, doc.readings);
  }

  /** The same as JSON.stringify(await decide(input, options)); without the trace, written straight from the run. */
  override async decideText(input: CaseInput, options: DecideOptions = {}): Promise<string> {
    const { choice, text } = this.choiceWithText(input);
    const applied = choice.applied;
    if (choice.kind === 'successor') {
      const decider = choice.successor.decider.forCase(input);
      return decider.decideTextHere(input, options, { text, add: (doc) => withInstrument(doc, applied, doc.readings) });
    }
    if (choice.kind === 'superior') {
      const mapped = this.mapped(input, choice.superior);
      const decider = choice.superior.decider.forCase(mapped);
      return decider.decideTextHere(mapped, options, {
        text, add: (doc) => withInstrument(doc, applied, superiorReadings(doc.readings, applied)), readings: this.readingsSentUp(decider, applied),
      });
    }
    return this.under(choice.readings).decideTextHere(input, options, { text, add: (doc) => withInstrument(doc, applied, doc.readings) });
  }

  /**
   * The choice and its `instrument` and `applied` keys as JSON. A case that names no reading
   * and is not decided under a superior (whose `applied` names the case's own facts) is
   * decided as every such case of its date is: that choice is kept per date, frozen.
   */
  private choiceWithText(input: CaseInput): { choice: Choice; text: string } {
    const date = input.readings === undefined ? dateOf(input, this.instruments.date.fact) : undefined;
    const known = date === undefined ? undefined : this.byDate.get(date);
    if (known) return known;
    const choice = this.choose(input);
    const made = { choice, text: `,"instrument":${JSON.stringify(choice.applied.id)},"applied":${JSON.stringify(choice.applied)}` };
    if (date !== undefined && choice.kind !== 'superior') {
      if (this.byDate.size >= DATES_KEPT) this.byDate.clear();
      // what a document is given of it cannot change (its `applied`, its readings); the deciders in it are not frozen
      deepFreeze(choice.applied);
      if (choice.kind !== 'successor') Object.freeze(choice.readings);
      this.byDate.set(date, made);
    }
    return made;
  }

  /** superiorReadings of a superior decider's own readings, made once per reading (frozen, so its text is kept too). */
  private readingsSentUp(decider: Decider, applied: AppliedInstrument): Readings {
    const key = applied.reading ? `${applied.reading.interpretation}\u0000${applied.reading.alternative}` : '';
    let byReading = this.sentUp.get(decider);
    if (!byReading) this.sentUp.set(decider, (byReading = new Map()));
    let readings = byReading.get(key);
    if (!readings) byReading.set(key, (readings = Object.freeze(superiorReadings(decider.readings, applied))));
    return readings;
  }

  override async decideFields(input: CaseInput): Promise<DecidedFields> {
    const choice = this.choose(input);
    if (choice.kind === 'successor') return choice.successor.decider.decideFields(input);
    if (choice.kind === 'superior') return choice.superior.decider.decideFields(this.mapped(input, choice.superior));
    return this.under(choice.readings).fieldsHere(input);
  }
}

/** A superior's document keeps the reading of this project's interpretation that sent the case there. */
function superiorReadings(readings: Readings, applied: AppliedInstrument): Readings {
  return { ...readings, ...(applied.reading ? { [applied.reading.interpretation]: applied.reading.alternative } : {}) };
}

/** The document with `instrument` and `applied` before its decisions. */
function withInstrument(doc: DecisionDocument, applied: AppliedInstrument, readings: Readings): DecisionDocument {
  const { decisions, ...head } = doc;
  return { ...head, readings, instrument: applied.id, applied, decisions };
}

/** The decider for a project: an InstrumentDecider when it declares instruments (loaded from disk or from files in memory), else a plain one. */
export function projectDecider(regulation: Regulation, loaded: LoadedInstruments, options: DeciderOptions = {}): Decider {
  if (!loaded.instruments) return new Decider(regulation, options);
  const superiors = new Map([...loaded.superiors].map(([id, s]) => [id, { instrument: s.instrument, mapping: s.mapping, decider: new Decider(s.regulation, { engine: options.engine }) }]));
  // a successor has this project's interpretations (a copy): the readings chosen apply to it too
  const successors = new Map([...loaded.successors].map(([id, s]) => [id, { instrument: s.instrument, decider: new Decider(s.regulation, { engine: options.engine, readings: options.readings }) }]));
  return new InstrumentDecider(regulation, options, loaded.instruments, superiors, loaded.unavailable, successors);
}
