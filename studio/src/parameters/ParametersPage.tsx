// Every number and date the regulation states, with its dated history: change a value,
// the date it holds from, or add a later value; each edit goes back into the YAML file.
// The fields show the file as it is being edited (the draft), not the rules re-read from
// it: what is typed stays typed, and the rules and the impact follow.
import { useRef, useState } from 'react';
import { editFile, useProject } from '../shared/project-store.js';
import { useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';
import { ArticleRef } from '../shared/article-panel.js';
import { href } from '../shared/router.js';
import { RegressionPanel } from '../regression/RegressionPanel.js';
import { SaveBar } from '../rule-editor/SaveBar.js';
import { DateField, ValueEditor } from './ValueEditor.js';
import { addCodeToParameter, addParameterValue, readParameterValues, removeParameterValue, setListCode, setParameterDate, setParameterValue } from './parameter-yaml.js';
import type { ParameterSpec } from '../../../engine/model/model.js';

export function ParametersPage() {
  const project = useProject();
  const t = useMessages();
  const [error, setError] = useState<string | null>(null);
  // the texts as last written here, so two edits before React renders again both count
  const latest = useRef<Record<string, string>>({});
  latest.current = { ...project.working };
  const regulation = project.workingModel?.regulation ?? project.savedModel?.regulation;
  if (!regulation) return null;
  const byFile = new Map<string, ParameterSpec[]>();
  for (const p of Object.values(regulation.parameters)) byFile.set(p.file.replace(/^rules\//, ''), [...(byFile.get(p.file.replace(/^rules\//, '')) ?? []), p]);
  const change = (file: string, edit: (text: string) => string) => {
    const path = `rules/${file}`;
    try {
      const text = edit(latest.current[path]);
      latest.current[path] = text;
      editFile(path, text);
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
            {params.map((spec) => {
              // the draft's values; the model's last good ones while the file is not readable YAML
              const drafted = readParameterValues(project.working[`rules/${file}`], spec.name);
              const values = drafted ?? spec.values;
              return (
                <div key={spec.name} className="parameter" data-testid={`param-${spec.name}`}>
                  <div className="parameter-head">
                    <strong lang="zh-CN">{spec.label}</strong> <code>{spec.name}</code> <ArticleRef refId={spec.article} />
                    {spec.reference && <div className="muted small" lang="zh-CN">{spec.reference}</div>}
                    <div className="muted small" data-read-at={spec.readAt?.fact ?? 'asOf'}>{t.comparedWith}{spec.readAt ? <><Law>{spec.readAt.label}</Law> ({spec.readAt.fact}{t.semicolon}{t.readAtFallback})</> : t.decisionDate}</div>
                  </div>
                  <table>
                    <thead><tr><th>{t.effectiveFrom}</th><th>{t.value}</th><th><span className="visually-hidden">{t.remove}</span></th></tr></thead>
                    <tbody>
                      {values.map(({ from, value }, i) => (
                        // rows by position: changing a row's date keeps its fields (and focus)
                        <tr key={i}>
                          <td><DateField value={from} testId={`from-${spec.name}-${i}`} label={`${spec.label} ${t.effectiveFrom}`} disabled={!drafted}
                            onCommit={(d) => change(file, (text) => setParameterDate(text, spec.name, from, d))} /></td>
                          <td lang="zh-CN" data-law=""><ValueEditor spec={spec} value={value} vocabulary={regulation.vocabulary} testId={`value-${spec.name}-${i}`} label={`${t.value} · ${spec.label} · ${from}`} disabled={!drafted}
                            change={{
                              set: (v) => change(file, (text) => setParameterValue(text, spec.name, from, v)),
                              tick: (code, on) => change(file, (text) => setListCode(text, spec.name, from, code, on)),
                            }} /></td>
                          <td>{values.length > 1 && <button type="button" className="link" disabled={!drafted} onClick={() => change(file, (text) => removeParameterValue(text, spec.name, from))}>{t.remove}</button>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <AddValue onAdd={(from) => change(file, (text) => addParameterValue(text, spec.name, from, values.at(-1)!.value))} label={t.addValue} fieldLabel={`${spec.label} ${t.effectiveFrom}`} />
                  {spec.codes !== undefined && <AddCode name={spec.name} onAdd={(code, label) => change(file, (text) => addCodeToParameter(text, spec.name, code, label))} />}
                </div>
              );
            })}
          </div>
        ))}
      </section>
      <RegressionPanel />
    </div>
  );
}

function AddValue({ onAdd, label, fieldLabel }: { onAdd: (from: string) => void; label: string; fieldLabel: string }) {
  const [from, setFrom] = useState('');
  return (
    <div className="add-value">
      <input type="date" aria-label={fieldLabel} value={from} onChange={(e) => setFrom(e.target.value)} />
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
