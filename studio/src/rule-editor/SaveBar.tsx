// Save and discard for one file, with the conflict dialog: when the file changed on disk
// since it was loaded, both versions are shown and the user chooses.
import { useEffect, useState } from 'react';
import { precheckOnServer, type ProjectFile } from '../shared/api.js';
import { acceptDisk, discardDraft, save, useProject } from '../shared/project-store.js';
import { useMessages } from '../shared/i18n.js';

const PRECHECK_AFTER_MS = 400;

export function SaveBar({ path, blocked }: { path: string; blocked: boolean }) {
  const project = useProject();
  const t = useMessages();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ProjectFile | null | undefined>(undefined);
  const isDraft = path in project.drafts;
  const draft = isDraft ? project.working[path] : undefined;
  // once typing pauses, the server checks the draft: the save then finds it checked
  useEffect(() => {
    if (draft === undefined || blocked) return;
    const timer = setTimeout(() => precheckOnServer(path, draft), PRECHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [path, draft, blocked]);

  const run = async (overwrite?: ProjectFile | null) => {
    setBusy(true);
    setMessage(null);
    const result = await save(path, overwrite !== undefined ? { overwrite } : {});
    setBusy(false);
    if (result.kind === 'saved') {
      setConflict(undefined);
      setMessage(t.saved);
    } else if (result.kind === 'conflict') {
      setConflict(result.current);
    } else if (result.kind === 'invalid') {
      setMessage(`${t.cannotSave}${t.colon}${result.problems.map((p) => `${p.location.line}:${p.location.column} ${p.message}`).join(t.semicolon)}`);
    } else {
      setMessage(result.message);
    }
  };

  return (
    <div className="save-bar">
      <button type="button" className="primary" data-testid="save" disabled={!isDraft || blocked || busy} onClick={() => void run()}>
        {busy ? t.saving : t.save}
      </button>
      <button type="button" disabled={!isDraft || busy} onClick={() => discardDraft(path)}>{t.discard}</button>
      <span className={blocked ? 'error' : 'muted'} data-testid="save-state">{blocked ? t.cannotSave : isDraft ? t.unsaved : t.noChanges}</span>
      {message && <span className="save-message" data-testid="save-message" role="status" lang={/\p{Script=Han}/u.test(message) && message !== t.saved ? 'zh-CN' : undefined}>{message}</span>}
      {conflict !== undefined && (
        <div className="conflict" role="dialog" data-testid="conflict">
          <h4>{t.conflictTitle}</h4>
          <div className="conflict-versions">
            <div><h5>{t.diskVersion}</h5><pre>{conflict?.text ?? t.deleted}</pre></div>
            <div><h5>{t.myVersion}</h5><pre>{project.working[path]}</pre></div>
          </div>
          <button type="button" className="primary" onClick={() => void run(conflict)}>{t.keepMine}</button>
          <button type="button" onClick={() => { acceptDisk(path, conflict); setConflict(undefined); }}>{t.takeTheirs}</button>
        </div>
      )}
    </div>
  );
}
