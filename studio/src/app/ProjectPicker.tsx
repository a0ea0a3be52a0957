// The project picker in the header: the regulations this server serves (its own, and those
// beside it at /p/<id>/), so a person can move from Qujing's measures to the national 条例
// or another project without starting another server. Shown only when there is a choice.
import { useEffect, useState } from 'react';
import { call } from '../shared/api.js';
import { useMessages } from '../shared/i18n.js';

interface ProjectLink { id: string; title: string; href: string }

export function ProjectPicker() {
  const t = useMessages();
  const [projects, setProjects] = useState<{ current: string; projects: ProjectLink[] } | null>(null);
  useEffect(() => {
    let live = true;
    void call('GET', 'api/projects').then(({ status, data }) => {
      if (live && status === 200 && Array.isArray(data?.projects)) setProjects({ current: String(data.current ?? ''), projects: data.projects as ProjectLink[] });
    }, () => undefined);
    return () => { live = false; };
  }, []);
  if (!projects || projects.projects.length < 2) return null;
  return (
    <label className="project-picker">
      <span className="visually-hidden">{t.project}</span>
      <select
        data-testid="project-picker"
        value={projects.current}
        title={t.projectPickerHint}
        onChange={(e) => {
          const link = projects.projects.find((p) => p.id === e.target.value);
          if (link && link.href.startsWith('/')) window.location.assign(link.href);
        }}
      >
        {projects.projects.map((p) => <option key={p.id} value={p.id} lang="zh-CN">{p.id === projects.current ? t.projectSwitch : `《${p.title}》`}</option>)}
      </select>
    </label>
  );
}
