// Which text governs a case, in one sentence, from its decision document's `applied` and the
// project's instruments (rules/instruments.yaml): shown at the counter and at the top of 推理,
// so the clerk sees that a case outside the measures' term is decided under the 条例.
import type { AppliedInstrument } from '../../../engine/explain/decider.js';
import type { Instrument } from '../../../engine/project/instruments/instrument-model.js';
import type { Regulation } from '../../../engine/model/model.js';

const titled = (i: Pick<Instrument, 'title' | 'promulgation'>): string => `《${i.title}》${i.promulgation ? `（${i.promulgation.replace(/^中华人民共和国/, '')}）` : ''}`;
const term = (from: string, until?: string): string => (until === undefined ? `${from} 起施行` : `${from} 至 ${until}`);

/**
 * "本案适用《居住证暂行条例》（国务院令第663号）：决定日期 2026-12-08 在《曲靖市居住证管理实施办法》
 * 有效期（2017-10-09 至 2022-10-08）之外；依解释 outside-the-measures 的默认读法适用上位法".
 * `regulation`: this project's rules (whose interpretation's default reading is named as such).
 */
export function appliedWords(applied: AppliedInstrument, instruments: readonly Instrument[], regulation: Regulation): string {
  const own = instruments.find((i) => i.project === 'self');
  const date = `${applied.date.fact === 'asOf' ? '决定日期' : applied.date.label} ${applied.date.value}`;
  const ownTerm = own ? `《${own.title}》有效期（${term(own.from, own.until)}）` : '本办法有效期';
  const reading = applied.reading;
  const spec = reading && Object.hasOwn(regulation.interpretations, reading.interpretation) ? regulation.interpretations[reading.interpretation] : undefined;
  const readingWords = reading ? `依解释 ${reading.interpretation} 的${spec?.default === reading.alternative ? '默认读法' : `读法 ${reading.alternative}`}` : '';
  if (applied.id === 'none') return `本案没有可依的规范性文件：${date} 没有任何规范性文件施行，不出具任何文书`;
  const chosen = instruments.find((i) => i.id === applied.id) ?? { title: applied.title ?? applied.id };
  if (own && applied.id === own.id) {
    const inside = applied.date.value >= own.from && (own.until === undefined || applied.date.value <= own.until);
    if (inside) return `本案适用${titled(own)}：${date} 在其有效期（${term(own.from, own.until)}）之内`;
    return `本案依${titled(own)}决定：${date} 在其有效期（${term(own.from, own.until)}）之外；${readingWords}仍依本办法的规则（读法 ${reading?.alternative ?? ''}）`;
  }
  if ('succeeds' in chosen && chosen.succeeds !== undefined) {
    // a later version of the project's text, published: it governs in its own term
    return `本案适用${titled(chosen)}：${date} 在其有效期（${term(chosen.from, chosen.until)}）之内；它是${own ? `《${own.title}》（有效期 ${term(own.from, own.until)}）` : '本办法'}的后续版本`;
  }
  return `本案适用${titled(chosen)}：${date} 在${ownTerm}之外；${readingWords}适用上位法`;
}
