// Beside the fixtures: what the working copy does to a whole population of cases (a
// synthetic year from rules/population, or a cases.jsonl), decided in a worker. The
// register slice mounts its own source of cases next to this one.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { editFile, useProject } from '../shared/project-store.js';
import { starterPopulation } from '../../../engine/project/population/starter-population.js';
import { chinaToday } from '../../../engine/core/dates/china-today.js';
import { fill, useMessages } from '../shared/i18n.js';
import { href } from '../shared/router.js';
import { A_DATE, rawValue, transitionLabel } from '../impact/transition-label.js';
import { labelOf } from '../../../engine/explain/describe-value.js';
import { own } from '../../../engine/core/own.js';

// Observable Plot (with d3) loads when there is something to draw: once a population is loaded
const chartModule = (): Promise<typeof import('../impact/ImpactChart.js')> => import('../impact/ImpactChart.js');
const ImpactChart = lazy(() => chartModule().then((m) => ({ default: m.ImpactChart })));
const whenIdle = (then: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: 2000 });
  else setTimeout(then, 50);
};
import '../impact/impact.css';
import { compareRules, generatePopulation, loadCaseFile, useImpact } from '../impact/impact-store.js';

const DEFAULT_SIZE = 20_000;
/** where the studio writes a starter population file for a project that has none */
const STARTER_FILE = 'rules/population/year.yaml';
/** bars in the chart; the table below lists every change */
const CHART_BARS = 12;

export function PopulationImpact() {
  const project = useProject();
  const impact = useImpact();
  const t = useMessages();
  // in Chinese, a field by its label in regulation.yaml and a value by its name in the vocabulary
  // (the codes stay in the table, for reviewers); in English, the codes themselves
  const regulation = project.workingModel?.regulation ?? project.savedModel?.regulation;
  const chinese = t.locale === 'zh-CN' && regulation !== undefined;
  const show = (v: unknown): string => {
    if (v === undefined) return t.none;
    if (v === A_DATE) return t.aDate;
    if (chinese) return labelOf(v, regulation.vocabulary);
    return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
  };
  // the values as codes, for tools and tests: (none) empty, a date #date, a list [a, b]
  const codeOf = (v: unknown): string => (v === undefined ? '' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  const fieldName = (decision: string, field: string): string => {
    const spec = chinese ? own(regulation.decisions, decision) : undefined;
    const label = spec ? own(spec.fields, field)?.label : undefined;
    return spec && label ? `${spec.label}·${label}` : `${decision}.${field}`;
  };
  const files = project.working;
  const populationFiles = useMemo(() => Object.keys(files).filter((p) => /^rules\/population\/[^/]+\.ya?ml$/.test(p)).sort(), [files]);
  const [file, setFile] = useState<string>();
  const [size, setSize] = useState(String(DEFAULT_SIZE));
  const [seed, setSeed] = useState('1');
  const chosen = file && populationFiles.includes(file) ? file : populationFiles[0];
  const savedRuleset = project.savedModel?.regulation?.ruleset;
  const workingRuleset = project.workingModel?.regulation?.ruleset;
  const rulesBroken = project.workingModel?.problems.some((p) => p.location.file.startsWith('rules/') && !p.location.file.startsWith('rules/population/'));

  useEffect(() => {
    if (!impact.population || impact.loading || !savedRuleset || !workingRuleset || rulesBroken) return;
    const saved = Object.fromEntries(Object.entries(project.saved).map(([p, f]) => [p, f.text]));
    void compareRules(saved, project.working, `${savedRuleset}|${workingRuleset}|${impact.population.from}|${impact.population.count}`);
  }, [savedRuleset, workingRuleset, impact.population, impact.loading, rulesBroken, project.saved, project.working]);

  // the chart's code loaded and run once while nothing happens, so the first edit's chart is quick
  const loaded = impact.population !== undefined;
  useEffect(() => {
    if (loaded) whenIdle(() => void chartModule().then((m) => whenIdle(m.warmUp), () => undefined));
  }, [loaded]);

  const generate = () => {
    if (!chosen) return;
    // the worker checks both and says what is wrong (a negative, a fraction, a billion)
    void generatePopulation(chosen, files, Number(size.trim() || Number.NaN), Number(seed.trim() || Number.NaN));
  };
  const result = impact.result;
  const dates = result?.dates;
  // the dates a change concerns that loaded cases (not drawn here) do not reach
  const outside = (result?.concerned ?? []).filter((d) => dates && (d < dates.from || d > dates.to));
  const rows = useMemo(() => (result?.transitions ?? []).map((tr) => ({ label: transitionLabel(tr, fieldName, show), decision: tr.decision, count: tr.count, tr })), [result, regulation, chinese, t]);

  return (
    <section className="population-impact" data-testid="population-impact" aria-label={t.populationImpact}>
      <h4>{t.populationImpact}</h4>
      <div className="population-controls">
        {populationFiles.length > 1 && (
          <label>{t.populationFile}
            <select value={chosen} onChange={(e) => setFile(e.target.value)}>{populationFiles.map((p) => <option key={p} value={p}>{p}</option>)}</select>
          </label>
        )}
        <label>{t.populationSize} <input data-testid="population-size" inputMode="numeric" size={8} value={size} onChange={(e) => setSize(e.target.value)} /></label>
        <label>{t.populationSeed} <input data-testid="population-seed" inputMode="numeric" size={6} value={seed} onChange={(e) => setSeed(e.target.value)} /></label>
        <button type="button" data-testid="population-generate" disabled={!chosen || impact.loading} onClick={generate}>{t.generatePopulation}</button>
        {/* the browser's own "Choose File" is in the browser's language: the input is hidden and the label is the button */}
        <label className="file-pick">{t.loadCases} <span className="button-like" aria-hidden="true">{t.chooseFile}</span><input className="visually-hidden" data-testid="population-file" type="file" accept=".jsonl,.json,.txt" onChange={(e) => { const f = e.target.files?.[0]; if (f) void loadCaseFile(f, files); e.target.value = ''; }} /></label>
      </div>
      {impact.problems.length > 0 && <ul className="error small" data-testid="population-problems">{impact.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>}
      {!impact.population && !impact.loading && <p className="muted" data-testid="population-none">{populationFiles.length ? t.noPopulation : t.noPopulationFile}</p>}
      {!populationFiles.length && regulation && (
        // a first file drawn from the project's own case schema, as `tiaoli population --starter` writes it
        <button type="button" data-testid="population-starter" onClick={() => editFile(STARTER_FILE, starterPopulation(regulation.caseSchema, { label: '一年的窗口业务（合成）', year: Number(chinaToday().slice(0, 4)) - 1 }))}>{fill(t.writeStarterPopulation, { path: STARTER_FILE })}</button>
      )}
      {impact.loading && <p className="muted">{t.computing}</p>}
      {impact.population && <p className="muted" data-testid="population-loaded">{fill(t.populationLoadedLine, { count: impact.population.count.toLocaleString(t.locale), from: impact.population.from, ms: Math.round(impact.population.ms) })}</p>}
      {impact.running && !impact.progress && <p className="muted" data-testid="population-running">{t.computing}</p>}
      {impact.running && impact.progress && (
        <p className="muted" data-testid="population-running">{impact.progress.phase === 'load' ? t.redrawingPopulation : <>{t.deciding}{fill(t.parenthesized, { text: impact.progress.phase === 'saved' ? t.savedRules : t.workingCopy })}</>}<progress aria-label={t.deciding} max={impact.progress.total} value={impact.progress.done} /> {impact.progress.done}/{impact.progress.total}</p>
      )}
      {impact.error && <p className="error small">{impact.error}</p>}
 {/* the last result stays (marked as such) while the next is worked out: nothing is torn down and redrawn at each edit */}
      {result && (
        <div data-testid={impact.running ? 'population-result-stale' : 'population-result'} className={impact.running ? 'stale' : undefined} aria-busy={impact.running} data-size={result.size} data-changed={result.changedCases} data-ms={Math.round(result.ms)} data-decide-ms={Math.round(result.decideMs)} data-saved-ms={Math.round(result.savedMs)} data-wall-ms={Math.round(result.wallMs ?? result.ms)} data-workers={result.workers ?? 1}>
          <p><b>{result.size.toLocaleString(t.locale)}</b> {t.ofCases} <b>{result.changedCases.toLocaleString(t.locale)}</b> {t.casesChanged}<span className="muted">{fill(t.redecidedLine, { ms: Math.round(result.ms) })}</span></p>
          {dates && <p className="muted small" data-testid="population-dates">{fill(t.populationCompared, dates)}</p>}
          {result.widened && result.declared && result.span && (
            <p className="small" data-testid="population-widened">{fill(t.populationWidened, { dates: (result.concerned ?? []).join('、'), declaredFrom: result.declared.from, declaredTo: result.declared.to, ...result.span })}</p>
          )}
          {!result.declared && dates && outside.length > 0 && <p className="small" data-testid="population-outside">{fill(t.populationOutsideCases, { dates: outside.join('、'), ...dates })}</p>}
          {rows.length === 0 && <p className="muted" data-testid="population-unchanged">{fill(savedRuleset === workingRuleset ? t.populationSameRules : t.populationUnchangedLine, { count: result.size.toLocaleString(t.locale), from: dates?.from ?? '', to: dates?.to ?? '' })}</p>}
          {rows.length > 0 && <Suspense fallback={<div className="impact-chart" />}><ImpactChart rows={rows.slice(0, CHART_BARS)} axis={t.populationSize} /></Suspense>}
          {rows.length > 0 && (
            <table className="transitions">
              <caption className="muted small">{t.transition}</caption>
              <tbody>
                {rows.map(({ tr, label }) => (
                  <tr key={label} data-testid="transition" data-field={`${tr.decision}.${tr.field}`} data-before={codeOf(rawValue(tr.before))} data-after={codeOf(rawValue(tr.after))} data-count={tr.count}>
                    <td><code>{tr.decision}.{tr.field}</code> <span className="before">{show(rawValue(tr.before))}</span> → <span className="after">{show(rawValue(tr.after))}</span></td>
                    <td className="count">{tr.count.toLocaleString(t.locale)}</td>
                    <td>{tr.examples.map((i) => <a key={i} href={href('trace', { fixture: `population:${i}`, decision: tr.decision })} title={t.openInTrace}>#{i + 1}</a>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
