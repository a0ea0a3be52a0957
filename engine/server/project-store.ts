// The project as the server sees it: its files, checked once and kept in memory, keyed by
// the files' versions. Each snapshot re-stats the files (cheap); only files whose stat changed
// are re-read, and the project is re-checked only when a file's content did change. Saves
// are locked across processes, so two servers on one project never both save over one version.
import { join } from 'node:path';
import type { Decider } from '../explain/decider.js';
import { loadInstruments, projectDecider } from '../project/instruments/load-instruments.js';
import type { Problem } from '../core/source-file.js';
import type { Regulation } from '../model/model.js';
import {
  cleanStaleTemporaries, listProject, pathRefusal, readListed, readProjectFileSafely, realRoot,
  RefusedError, versionOf, writeProjectFile, type ProjectFile, type ReadFile,
} from './project-files.js';
import { checkProjectSafely } from './safe-check.js';
import type { ProjectCheck } from '../project/check-project.js';
import type { Office } from '../project/offices/office-model.js';
import type { FormSet } from '../project/forms/form-model.js';
import { LockBusyError, ProjectLock } from './file-lock.js';
import { chinaToday } from '../core/dates/china-today.js';
import { INSTRUMENTS_PATH, publishSuccessor, startSuccessor, type SpecError, type SuccessorSpec } from '../project/successors/start-successor.js';
import { rmSync } from 'node:fs';

export type { ProjectFile } from './project-files.js';

export interface ProjectSnapshot {
  /** path → file (rules/, forms/, test/cases/ only; no symlinks) */
  files: Record<string, ProjectFile>;
  /** the project check's problems, and the files that could not be read, each at file:line:col */
  problems: Problem[];
  /** undefined when the rules cannot be built */
  regulation?: Regulation;
  /** one per snapshot, reused while nothing changed on disk */
  decider?: Decider;
  ruleset: string | null;
  title: string;
  /** the counter forms, the issuing offices of forms/offices.yaml and what of them is unconfirmed, as the check read them */
  forms?: FormSet;
  offices?: Map<string, Office>;
  warnings?: Problem[];
}

export type SaveOutcome =
  | { kind: 'saved'; path: string; version: string; ruleset: string | null }
  | { kind: 'conflict'; path: string; current: ProjectFile | null }
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'refused'; message: string };

export interface StoreStats { snapshots: number; reads: number; checks: number }

interface Entry { key: string; read: ReadFile }
interface Current {
  signature: string;
  snapshot: ProjectSnapshot;
  /** the texts the check ran on (files that could be read as UTF-8) */
  texts: Map<string, string>;
  /** problems of the files themselves (links, encodings, sizes): not from the check */
  fileProblems: Problem[];
  today: string;
}

const CHECK_CACHE = 8;

const today = (): string => chinaToday();

export class ProjectStore {
  readonly root: string;
  /** counters, for tests and the bench: how often the store listed, read a file, checked the project */
  readonly stats: StoreStats = { snapshots: 0, reads: 0, checks: 0 };
  private readonly today: () => string;
  private readonly lock: ProjectLock;
  private entries = new Map<string, Entry>();
  private current?: Current;
  private inflight?: Promise<ProjectSnapshot>;
  private checks = new Map<string, Problem[]>();
  private readonly freshMs: number;
  private listedAt = -Infinity;
  private readonly remembered = new WeakMap<ProjectSnapshot, Map<string, Promise<unknown>>>();
  /** the last whole-project check, by the texts it ran on: a save's check is the next snapshot's */
  private lastCheck?: { key: string; check: ProjectCheck };
  private isClosed = false;

  /**
   * `freshMs`: a snapshot younger than this is answered without looking at the disk again
   * (default 100 ms): under load the files are stat'ed at most ten times a second, and a
   * change made by another program is seen within that time. Saves through the store are
   * seen at once.
   */
  constructor(root: string, options: { today?: () => string; lockWaitMs?: number; freshMs?: number } = {}) {
    this.root = realRoot(root);
    this.today = options.today ?? today;
    this.freshMs = options.freshMs ?? 100;
    this.lock = new ProjectLock(this.root, { wait: options.lockWaitMs });
    cleanStaleTemporaries(this.root);
  }

  /** The project as it is on disk now; concurrent calls share one refresh. */
  snapshot(): Promise<ProjectSnapshot> {
    if (!this.inflight && this.current && performance.now() - this.listedAt < this.freshMs && this.current.today === this.today()) {
      return Promise.resolve(this.current.snapshot);
    }
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** A snapshot taken after this call (not one already under way), e.g. after a write. */
  private async freshSnapshot(): Promise<ProjectSnapshot> {
    while (this.inflight) await this.inflight.catch(() => undefined);
    this.listedAt = -Infinity;
    return this.snapshot();
  }

  private async refresh(): Promise<ProjectSnapshot> {
    this.stats.snapshots++;
    const day = this.today();
    const listing = listProject(this.root);
    this.listedAt = performance.now();
    const next = new Map<string, Entry>();
    for (const { path, full, stat } of listing.files) {
      const key = `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
      const previous = this.entries.get(path);
      if (previous && previous.key === key) {
        next.set(path, previous);
      } else {
        this.stats.reads++;
        next.set(path, { key, read: readListed(path, full, stat.size) });
      }
    }
    this.entries = next;
    const fileProblems = [...listing.problems];
    const parts = [day];
    for (const p of listing.problems) parts.push(`!${p.location.file}\0${p.code}`);
    for (const [path, { read }] of next) parts.push(`${path}\0${read.file.version}`);
    const signature = parts.join('\n');
    if (this.current?.signature === signature) return this.current.snapshot;

    const files: Record<string, ProjectFile> = {};
    const texts = new Map<string, string>();
    for (const [path, { read }] of next) {
      files[path] = read.file;
      if (read.problem) fileProblems.push(read.problem);
      else texts.set(path, read.file.text);
    }
    const check = this.checked(texts, day);
    const problems = [...fileProblems, ...check.problems];
    let decider: Decider | undefined;
    if (check.regulation) {
      try {
        // each case under the instrument in force on its date (rules/instruments.yaml), as `tiaoli decide`
        const instruments = loadInstruments(join(this.root, 'rules'), check.regulation, 'rules', new Map(), this.root);
        problems.push(...instruments.problems);
        decider = projectDecider(check.regulation, instruments);
      } catch (e) {
        problems.push({ code: 'project.decider', message: `规则无法运行：${(e as Error).message}`, location: { file: 'rules', line: 1, column: 1 } });
      }
    }
    const regulation = decider ? check.regulation : undefined;
    const snapshot: ProjectSnapshot = { files, problems, regulation, decider, ruleset: regulation?.ruleset ?? null, title: regulation?.title ?? '', forms: check.forms, offices: check.offices, warnings: check.warnings };
    this.current = { signature, snapshot, texts, fileProblems, today: day };
    this.checks = new Map();
    return snapshot;
  }

  /**
   * The project checked with these texts, or the last check when it ran on the same texts:
   * a save checks the project with the new text, writes it, and the snapshot after the
   * write (the same texts) takes that check instead of checking the whole project again.
   */
  private checked(texts: Map<string, string>, day: string): ProjectCheck {
    const key = [day, ...[...texts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, text]) => `${path}\0${versionOf(text)}`)].join('\n');
    if (this.lastCheck?.key === key) return this.lastCheck.check;
    this.stats.checks++;
    const check = checkProjectSafely(texts, day);
    this.lastCheck = { key, check };
    return check;
  }

  /** The project's problems with these texts in place of (or beside) the files on disk. */
  async check(changes: Record<string, string>): Promise<Problem[]> {
    const snapshot = await this.snapshot();
    const current = this.current!;
    const merged = new Map(current.texts);
    const changed = new Set<string>();
    for (const [path, text] of Object.entries(changes)) {
      if (typeof text !== 'string') continue;
      if (pathRefusal(path) && !Object.hasOwn(snapshot.files, path)) continue;
      if (current.texts.get(path) === text) continue;
      merged.set(path, text);
      changed.add(path);
    }
    if (!changed.size) return snapshot.problems;
    const key = [...changed].sort().map((p) => `${p}\0${versionOf(merged.get(p)!)}`).join('\n');
    const known = this.checks.get(key);
    if (known && this.current === current) {
      this.checks.delete(key);
      this.checks.set(key, known);
      return known;
    }
    const problems = [...current.fileProblems.filter((p) => !changed.has(p.location.file)), ...this.checked(merged, current.today).problems];
    if (this.current === current) {
      this.checks.set(key, problems);
      if (this.checks.size > CHECK_CACHE) this.checks.delete(this.checks.keys().next().value!);
    }
    return problems;
  }

  /**
   * Saves one file: allowed path → lock → the file on disk still at `baseVersion` (else
   * conflict) → no problem in that file with the change in place (else invalid) → atomic write.
   */
  async save(path: string, text: string, baseVersion: string | null): Promise<SaveOutcome> {
    const refusal = pathRefusal(path);
    if (refusal) return { kind: 'refused', message: refusal };
    if (typeof text !== 'string') return { kind: 'refused', message: '缺少 text（文件内容）' };
    if (baseVersion !== null && typeof baseVersion !== 'string') return { kind: 'refused', message: 'baseVersion 必须是字符串或 null' };
    try {
      return await this.lock.run(async (stillHeld): Promise<SaveOutcome> => {
        const onDisk = readProjectFileSafely(this.root, path);
        const current = onDisk?.file ?? null;
        // Refuse to overwrite a file that changed on disk since the editor loaded it.
        if ((current?.version ?? null) !== baseVersion) return { kind: 'conflict', path, current };
        await this.freshSnapshot();
        const problems = (await this.check({ [path]: text })).filter((p) => p.location.file === path);
        if (problems.length) return { kind: 'invalid', problems };
        // compare and swap: the version compared above is still the one on disk, under a lock still ours
        if (!stillHeld() || (readProjectFileSafely(this.root, path)?.file?.version ?? null) !== baseVersion) {
          return { kind: 'conflict', path, current: readProjectFileSafely(this.root, path)?.file ?? null };
        }
        writeProjectFile(this.root, path, text);
        const after = await this.freshSnapshot();
        return { kind: 'saved', path, version: versionOf(text), ruleset: after.ruleset };
      });
    } catch (e) {
      if (e instanceof RefusedError || e instanceof LockBusyError) return { kind: 'refused', message: e.message };
      throw e;
    }
  }

  /**
   * Starts a successor draft (engine/project/successors/start-successor.ts): its rules and the
   * new rules/instruments.yaml are worked out from the files on disk, checked as any save is
   * (a problem in any of them: nothing is written), then written one by one through the same
   * atomic write, instruments.yaml last; a write that fails removes the draft's files already
   * written, so the project is as it was.
   */
  async startSuccessor(spec: SuccessorSpec): Promise<{ kind: 'started'; id: string; files: string[] } | { kind: 'rejected'; errors: SpecError[] } | SaveOutcome> {
    try {
      return await this.lock.run(async (stillHeld) => {
        const snapshot = await this.freshSnapshot();
        if (!snapshot.regulation) return { kind: 'invalid' as const, problems: snapshot.problems.slice(0, 20) };
        const texts = Object.fromEntries([...this.current!.texts]);
        const started = startSuccessor(texts, snapshot.regulation, spec);
        if (!started.ok) return { kind: 'rejected' as const, errors: started.errors };
        const paths = Object.keys(started.files);
        for (const path of paths) {
          const refusal = pathRefusal(path);
          if (refusal) return { kind: 'refused' as const, message: refusal };
        }
        const problems = (await this.check(started.files)).filter((p) => Object.hasOwn(started.files, p.location.file));
        if (problems.length) return { kind: 'invalid' as const, problems };
        const instrumentsBefore = readProjectFileSafely(this.root, INSTRUMENTS_PATH)?.file.version ?? null;
        if (!stillHeld() || instrumentsBefore !== versionOf(texts[INSTRUMENTS_PATH]!)) return { kind: 'conflict' as const, path: INSTRUMENTS_PATH, current: readProjectFileSafely(this.root, INSTRUMENTS_PATH)?.file ?? null };
        const written: string[] = [];
        try {
          for (const path of paths.filter((p) => p !== INSTRUMENTS_PATH)) {
            writeProjectFile(this.root, path, started.files[path]!);
            written.push(path);
          }
          writeProjectFile(this.root, INSTRUMENTS_PATH, started.files[INSTRUMENTS_PATH]!);
        } catch (e) {
          for (const path of written) rmSync(join(this.root, path), { force: true });
          throw e;
        }
        await this.freshSnapshot();
        return { kind: 'started' as const, id: started.id, files: paths };
      });
    } catch (e) {
      if (e instanceof RefusedError || e instanceof LockBusyError) return { kind: 'refused', message: e.message };
      throw e;
    }
  }

  /** Publishes a successor draft: rules/instruments.yaml without its `draft: true`, saved as any save is. */
  async publishSuccessor(id: string): Promise<SaveOutcome | { kind: 'rejected'; message: string }> {
    const snapshot = await this.freshSnapshot();
    const file = snapshot.files[INSTRUMENTS_PATH];
    if (!snapshot.regulation || !file) return { kind: 'rejected', message: `本项目没有可读的 ${INSTRUMENTS_PATH}` };
    const published = publishSuccessor(file.text, snapshot.regulation, id);
    if ('error' in published) return { kind: 'rejected', message: published.error };
    return this.save(INSTRUMENTS_PATH, published.text, file.version);
  }

  /**
   * A value worked out once per snapshot and dropped with it, e.g. the fixtures' results or
   * the project's JSON: while nothing changes on disk, it is not worked out again.
   */
  remember<T>(snapshot: ProjectSnapshot, name: string, compute: () => Promise<T> | T): Promise<T> {
    let values = this.remembered.get(snapshot);
    if (!values) this.remembered.set(snapshot, (values = new Map()));
    let value = values.get(name) as Promise<T> | undefined;
    if (!value) {
      value = Promise.resolve().then(compute);
      values.set(name, value);
      value.catch(() => values!.delete(name));
    }
    return value;
  }

  /** closed: work started for its snapshots (the fixtures, say) stops */
  get closed(): boolean {
    return this.isClosed;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    await this.inflight?.catch(() => undefined);
    await this.lock.idle();
    this.entries = new Map();
    this.current = undefined;
    this.checks = new Map();
  }
}
