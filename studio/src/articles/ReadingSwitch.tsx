// The reading switch under an interpretation: decide this case under another reading (the
// decision made again under it, shown as such, the rules unchanged), and make a reading the
// default — an edit of the interpretation's `default:` like any other edit: a draft whose
// impact on the fixtures shows here before it is saved with the same save bar.
import { useMemo, useState } from 'react';
import type { InterpretationSpec } from '../../../engine/model/model.js';
import { editFile, useProject } from '../shared/project-store.js';
import { fill, useMessages } from '../shared/i18n.js';
import { href } from '../shared/router.js';
import { compareModels } from '../regression/regression.js';
import { SaveBar } from '../rule-editor/SaveBar.js';
import { setInterpretationDefault } from './interpretation-yaml.js';

export interface ReadingSwitchProps {
  interpretation: InterpretationSpec;
  /** the reading the case on screen was decided under */
  usedId?: string;
  /** decide the case on screen under this reading (undefined: as its file and the default say) */
  decideUnder?: (alternative: string | undefined) => void;
  /** the case on screen was decided under a switched reading */
  switched?: boolean;
  /** the interpretation is this project's (not a superior text's, read-only here) */
  editable: boolean;
}

export function ReadingSwitch({ interpretation: i, usedId, decideUnder, switched, editable }: ReadingSwitchProps) {
  const t = useMessages();
  const project = useProject();
  const [error, setError] = useState<string | null>(null);
  // once a default was chosen here, the box stays (with the save bar's message) after the save
  const [chosen, setChosen] = useState(false);
  const defaultId = i.default ?? i.alternatives.find((a) => a.id)?.id;
  const executable = i.alternatives.flatMap((a) => (a.id ? [a.id] : []));
  if (executable.length < 2) return null;
  const shown = usedId ?? defaultId;
  const makeDefault = (id: string) => {
    try {
      editFile(i.file, setInterpretationDefault(project.working[i.file] ?? '', id));
      setError(null);
      setChosen(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const canEdit = editable && Object.hasOwn(project.saved, i.file);
  return (
    <div className="reading-switch" data-testid={`reading-switch-${i.id}`}>
      {decideUnder && executable.filter((id) => id !== shown).map((id) => (
        <button key={id} type="button" data-testid={`decide-under-${id}`} onClick={() => decideUnder(id)}>{t.decideUnderOther}<code>{id}</code></button>
      ))}
      {decideUnder && switched && <button type="button" data-testid="decide-as-filed" onClick={() => decideUnder(undefined)}>{t.decideAsFiled}</button>}
      {canEdit && executable.filter((id) => id !== defaultId).map((id) => (
        <button key={`default-${id}`} type="button" data-testid={`make-default-${id}`} onClick={() => makeDefault(id)}>{t.makeDefault}<code>{id}</code></button>
      ))}
      {error && <p className="error small" role="alert">{error}</p>}
      {canEdit && (chosen || Object.hasOwn(project.drafts, i.file)) && <DefaultDraft interpretation={i} />}
    </div>
  );
}

/** The interpretation's file as drafted: the default it now names and what that changes in the fixtures, before save. */
function DefaultDraft({ interpretation: i }: { interpretation: InterpretationSpec }) {
  const t = useMessages();
  const project = useProject();
  const { savedModel, workingModel } = project;
  // both sides' fixtures decided: a side still pending has none, and would show "0 changed"
  const regression = useMemo(() => (savedModel && workingModel && !savedModel.fixturesPending && !workingModel.fixturesPending ? compareModels(savedModel, workingModel) : undefined), [savedModel, workingModel]);
  const savedDefault = savedModel?.regulation && Object.hasOwn(savedModel.regulation.interpretations, i.id) ? savedModel.regulation.interpretations[i.id].default : undefined;
  const blocked = (workingModel?.problems ?? []).some((p) => p.location.file === i.file);
  const fixtures = regression ? [...new Set(regression.changes.map((c) => c.fixture))] : [];
  const drafted = Object.hasOwn(project.drafts, i.file);
  return (
    <div className="default-draft" data-testid="default-draft" role="status">
      <p><b>{drafted ? fill(t.defaultDrafted, { from: savedDefault ?? '—', to: i.default ?? '—' }) : fill(t.defaultIs, { id: savedDefault ?? '—' })}</b></p>
      {!drafted ? null : project.computing || !regression ? (
        <p className="muted" data-testid="default-draft-computing">{t.computing}</p>
      ) : (
        <p data-testid="default-draft-impact">
          {fill(t.defaultDraftImpact, { compared: regression.compared, changed: fixtures.length, failing: regression.failing.length })}{' '}
          {fixtures.slice(0, 6).map((f) => <a key={f} className="chip fixture" href={href('trace', { fixture: f })}>{f.split('/').pop()!.replace(/\.ya?ml$/, '')}</a>)}
          {fixtures.length > 6 && <span className="muted"> …</span>}
        </p>
      )}
      <p className="muted small">{t.defaultDraftTextNote} <a href={href('editor', { file: i.file, line: String(i.location.line) })}>{t.seeFullImpact}</a></p>
      <SaveBar path={i.file} blocked={blocked} />
    </div>
  );
}
