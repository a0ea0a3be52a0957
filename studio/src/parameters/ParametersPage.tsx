// Every number and date the regulation states, with its dated history: change a value,
// the date it holds from, or add a later value; each edit goes back into the YAML file.
import { useState, type ReactNode } from 'react';
import { editFile, useProject } from '../shared/project-store.js';
import { useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';
import { ArticleRef } from '../shared/article-panel.js';
import { href } from '../shared/router.js';
import { RegressionPanel } from '../regression/RegressionPanel.js';
import { SaveBar } from '../rule-editor/SaveBar.js';
import { ValueEditor } from './ValueEditor.js';
import { addCodeToParameter, addParameterValue, removeParameterValue, setParameterDate, setParameterValue } from './parameter-yaml.js';
import type { ParameterSpec } from '../../../engine/model/model.js';

export function ParametersPage() {
  const project = useProject();
  const t = useMessages();
  const [error, setError] = useState<string | null>(null);
  const regulation = project.workingModel?.regulation ?? project.savedModel?.regulation;
  if (!regulation) return null;
  const byFile = new Map<string, ParameterSpec[]>();
  for (const p of Object.values(regulation.parameters)) byFile.set(p.file.replace(/^rules\//, ''), [...(byFile.get(p.file.replace(/^rules\//, '')) ?? []), p]);
  const change = (file: string, edit: (text: string) => string) => {
    try {
      editFile(`rules/${file}`, edit(project.working[`rules/${file}`]));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const problemsIn = (file: string) => (project.workingModel?.problems ?? []).filter((p) => p.location.file === `rules/${file}`);

  return (
    <div className="parameters-page">
      <section className="parameters">
        {error && <p className="error" role="alert">{error}</p>}
        {[...byFile].sort().map(([file, params]) => (
          <div key={file} className="parameter-file" data-testid={`file-${file}`}>
            <h3><a href={href('editor', { file: `rules/${file}` })}>{file}</a></h3>
            <SaveBar path={`rules/${file}`} blocked={problemsIn(file).length > 0} />
            {problemsIn(file).map((p, i) => <p key={i} className="error small">{p.location.line}:{p.location.column} <span lang="zh-CN">{p.message}</span></p>)}
            {params.map((spec) => (
              <div key={spec.name} className="parameter" data-testid={`param-${spec.name}`}>
                <div className="parameter-head">
                  <strong lang="zh-CN">{spec.label}</strong> <code>{spec.name}</code> <ArticleRef refId={spec.article} />
                  {spec.reference && <div className="muted small" lang="zh-CN">{spec.reference}</div>}
                  <div className="muted small" data-read-at={spec.readAt?.fact ?? 'asOf'}>{t.comparedWith}{spec.readAt ? <><Law>{spec.readAt.label}</Law> ({spec.readAt.fact}{t.semicolon}{t.readAtFallback})</> : t.decisionDate}</div>
                </div>
                <table>
                  <thead><tr><th>{t.effectiveFrom}</th><th>{t.value}</th><th><span className="visually-hidden">{t.remove}</span></th></tr></thead>
                  <tbody>
                    {spec.values.map(({ from, value }, i) => (
                      <tr key={from}>
                        <td><input type="date" aria-label={`${t.effectiveFrom} · ${spec.label}`} data-testid={`from-${spec.name}-${i}`} value={from} onChange={(e) => e.target.value && change(file, (text) => setParameterDate(text, spec.name, from, e.target.value))} /></td>
                        <td>{/* a <label> around the field names it (a checklist names each box itself) */}
                          <LabelledCell label={`${t.value} · ${spec.label} · ${from}`} shown={<>{t.value} · <Law>{spec.label}</Law> · {from}</>} own={spec.type === 'list' && spec.codes !== undefined && Object.hasOwn(regulation.vocabulary.lists, spec.codes)}>
                            <ValueEditor spec={spec} value={value} vocabulary={regulation.vocabulary} testId={`value-${spec.name}-${i}`} onChange={(v) => change(file, (text) => setParameterValue(text, spec.name, from, v))} />
                          </LabelledCell></td>
                        <td>{spec.values.length > 1 && <button type="button" className="link" onClick={() => change(file, (text) => removeParameterValue(text, spec.name, from))}>{t.remove}</button>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <AddValue onAdd={(from) => change(file, (text) => addParameterValue(text, spec.name, from, spec.values.at(-1)!.value))} label={t.addValue} name={spec.label} />
                {spec.codes !== undefined && <AddCode name={spec.name} onAdd={(code, label) => change(file, (text) => addCodeToParameter(text, spec.name, code, label))} />}
              </div>
            ))}
          </div>
        ))}
      </section>
      <RegressionPanel />
    </div>
  );
}

function AddValue({ onAdd, label, name }: { onAdd: (from: string) => void; label: string; name: string }) {
  const [from, setFrom] = useState('');
  return (
    <div className="add-value">
      <input type="date" aria-label={`${label} · ${name}`} value={from} onChange={(e) => setFrom(e.target.value)} />
      <button type="button" disabled={!from} onClick={() => { onAdd(from); setFrom(''); }}>{label}</button>
    </div>
  );
}

/** A code the list has not named yet (单位集体宿舍证明 as an address proof): one edit of the parameter's file. */
function AddCode({ name, onAdd }: { name: string; onAdd: (code: string, label: string) => void }) {
  const t = useMessages();
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  return (
    <div className="add-code" data-testid={`add-code-${name}`}>
      <span className="muted small">{t.newCode}</span>
      <input type="text" placeholder={t.code} aria-label={t.code} data-testid={`new-code-${name}`} value={code} onChange={(e) => setCode(e.target.value.trim())} />
      <input type="text" placeholder={t.codeName} aria-label={t.codeName} data-testid={`new-label-${name}`} value={label} onChange={(e) => setLabel(e.target.value)} />
      <button type="button" disabled={!code || !label.trim()} onClick={() => { onAdd(code, label); setCode(''); setLabel(''); }}>{t.addCode}</button>
    </div>
  );
}

/** A table cell's field named for screen readers: wrapped in a <label> unless it names its own parts. */
function LabelledCell({ label, shown, own, children }: { label: string; shown: ReactNode; own: boolean; children: ReactNode }) {
  if (own) return <div role="group" aria-label={label}>{children}</div>;
  return <label className="cell-label"><span className="visually-hidden">{shown}</span>{children}</label>;
}
