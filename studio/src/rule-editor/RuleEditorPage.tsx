// Policy staff edit the YAML of rules, parameters, interpretations, forms and fixtures;
// errors show at their line and block the save; the regression panel shows the impact.
import { useMemo } from 'react';
import { editFile, useProject } from '../shared/project-store.js';
import { fill, useMessages } from '../shared/i18n.js';
import { go, href } from '../shared/router.js';
import { RegressionPanel } from '../regression/RegressionPanel.js';
import { YamlEditor } from './YamlEditor.js';
import { SaveBar } from './SaveBar.js';

const GROUPS = ['rules/articles/', 'rules/parameters/', 'rules/interpretations/', 'rules/', 'forms/', 'test/cases/'];

export function RuleEditorPage({ file, line }: { file?: string; line?: number }) {
  const project = useProject();
  const t = useMessages();
  const paths = Object.keys(project.working).filter((p) => !p.endsWith('.txt')).sort();
  const path = file && file in project.working ? file : 'rules/parameters/in-force.yaml';
  const model = project.workingModel;
  const problems = useMemo(() => (model?.problems ?? []).filter((p) => p.location.file === path), [model, path]);
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const p of model?.problems ?? []) c.set(p.location.file, (c.get(p.location.file) ?? 0) + 1);
    return c;
  }, [model]);
  const grouped = GROUPS.map((g) => ({ group: g, files: paths.filter((p) => p.startsWith(g) && !GROUPS.some((o) => o !== g && o.startsWith(g) && p.startsWith(o))) }));

  return (
    <div className="editor-page">
      <aside className="file-list">
        {grouped.map(({ group, files }) => (
          <details key={group} open={path.startsWith(group) || group === 'rules/articles/'}>
            <summary>{group}</summary>
            <ul>
              {files.map((p) => (
                <li key={p} className={p === path ? 'active' : ''}>
                  <a href={href('editor', { file: p })}>{p.slice(group.length)}</a>
                  {p in project.drafts && <span className="dot" title={t.unsaved}>●</span>}
                  {counts.get(p) ? <span className="badge error">{counts.get(p)}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ))}
      </aside>
      <section className="editor-main">
        <h2 className="file-title">{path}</h2>
        <SaveBar path={path} blocked={problems.length > 0} />
        <YamlEditor
          key={path}
          value={project.working[path] ?? ''}
          onChange={(text) => editFile(path, text, { typing: true })}
          problems={problems.map((p) => ({ line: p.location.line, column: p.location.column, message: p.message }))}
          focusLine={line}
        />
        <div className="problems" data-testid="problems">
          <h3>{t.problems}{fill(t.count, { n: problems.length })}</h3>
          {problems.length === 0 && <p className="muted">{t.noProblems}</p>}
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <button type="button" className="link" onClick={() => go('editor', { file: path, line: String(p.location.line) })}>
                  {t.line} {p.location.line}:{p.location.column}
                </button>{' '}
                <span lang="zh-CN">{p.message}</span>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <RegressionPanel />
    </div>
  );
}
