// Under every counter form: the processing notice (个人信息处理告知, 《个人信息保护法》第十七条、
// 第三十五条), in the words of forms/prints/personal-information.yaml, the same as at the foot
// of every printed page. The project's words: marked as Chinese data.
import { processingNoticeIn } from '../../../engine/project/print/processing-notice.js';
import { useProject } from '../shared/project-store.js';
import { Law } from '../shared/law-text.js';

export function ProcessingNotice() {
  const project = useProject();
  const model = project.workingModel?.prints ? project.workingModel : project.savedModel;
  const notice = model?.prints ? processingNoticeIn(model.prints.files, model.prints.shownAs) : null;
  if (!notice) return null;
  return (
    <Law block>
      <section className="processing-notice" data-testid="processing-notice" aria-label={notice.title}>
        <h2>{notice.title}（{notice.basis}）</h2>
        {notice.paragraphs.map((p) => <p key={p}>{p}</p>)}
      </section>
    </Law>
  );
}
