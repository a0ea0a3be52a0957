// An interpretation as a reader meets it: the question, the reading taken, the other
// readings and what each would change, the reasons and the sources — rendered, not YAML —
// with a link to edit it in the rule editor for those who maintain it.
import type { InterpretationSpec } from '../../../engine/model/model.js';
import { useMessages } from '../shared/i18n.js';
import { ArticleRef } from '../shared/article-panel.js';
import { href } from '../shared/router.js';
import { DataText } from '../shared/law-text.js';
import { ReadingSwitch, type ReadingSwitchProps } from './ReadingSwitch.js';

/**
 * The reading a decision was made under, and who chose it: the case file's `readings:`, a
 * reading named for this decision (`--reading`, a switch), or the interpretation's default.
 */
export interface ReadingUsed { id: string; source: 'case' | 'override' | 'default' }

export function InterpretationText({ interpretation: i, headingLevel = 3, used, decideUnder, editable = true }: { interpretation: InterpretationSpec; headingLevel?: 2 | 3 | 4; used?: ReadingUsed } & Partial<Pick<ReadingSwitchProps, 'decideUnder' | 'editable'>>) {
  const t = useMessages();
  const Heading = `h${headingLevel}` as const;
  const defaultId = i.default ?? i.alternatives.find((a) => a.id)?.id;
  // a decision under another reading shows that reading as the one taken, never the default's text
  const other = used && used.id !== defaultId ? i.alternatives.find((a) => a.id === used.id) : undefined;
  const usedNote = used ? (used.source === 'case' ? t.readingUsedByCase : used.source === 'override' || other ? t.readingUsedByOverride : t.readingUsedByDefault) : undefined;
  return (
    <div className="interpretation-text" data-testid={`interpretation-${i.id}`}>
      <Heading><DataText text={i.title} /> <code>{i.id}</code> {i.articles.map((a) => <ArticleRef key={a} refId={a} />)}</Heading>
      <dl>
        <dt>{t.interpretationQuestion}</dt>
        <dd><DataText text={i.question} /></dd>
        <dt>{t.interpretationReading}</dt>
        {other ? (
          <dd data-testid="reading-used" data-reading={other.id}>
            <code>{other.id}</code> <DataText text={other.reading} />
            {other.consequence && <div className="muted small">{t.interpretationConsequence}<DataText text={other.consequence} /></div>}
            <div className="small reading-source">{usedNote}</div>
          </dd>
        ) : (
          <dd data-testid={used ? 'reading-used' : undefined} data-reading={used ? used.id : undefined}>
            <DataText text={i.reading} />
            {usedNote && <div className="small reading-source">{usedNote}</div>}
          </dd>
        )}
        {other && (
          <>
            <dt>{t.defaultReading}</dt>
            <dd><DataText text={i.reading} /></dd>
          </>
        )}
        {i.alternatives.length > 0 && (
          <>
            <dt>{t.interpretationAlternatives}</dt>
            <dd>
              <ul>
                {i.alternatives.map((a, n) => (
                  <li key={a.id ?? n} data-used={used && a.id === used.id ? 'true' : undefined}>
                    {a.id && <code>{a.id}</code>}{a.id && a.id === defaultId ? ` ${t.readingDefaultMark} ` : ' '}<DataText text={a.reading} />
                    {a.consequence && <div className="muted small">{t.interpretationConsequence}<DataText text={a.consequence} /></div>}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{other ? t.defaultReadingReasons : t.interpretationReasons}</dt>
        <dd><DataText text={i.reasoning} /></dd>
        {i.sources.length > 0 && (
          <>
            <dt>{t.interpretationSources}</dt>
            <dd><ul>{i.sources.map((s) => <li key={s}><DataText text={s} /></li>)}</ul></dd>
          </>
        )}
      </dl>
      <ReadingSwitch interpretation={i} usedId={used?.id} decideUnder={decideUnder} switched={used?.source === 'override'} editable={editable} />
      <a className="small" data-testid="edit-interpretation" href={href('editor', { file: i.file, line: String(i.location.line) })}>{t.editInterpretation}</a>
    </div>
  );
}
