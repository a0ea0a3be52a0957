// A copy of the Qujing rules with registrationWorkingDays keyed by place (曲靖市 6, 云南省 7,
// 马龙区 4 then 3 from 2019), for the tests of place-keyed parameters.
import { rulesCopy } from './regulation.js';

export const PLACE_KEYED = [
  '  readIn: { fact: residence.county, label: 居住地所在县（市、区）, codes: divisions, successions: countySuccessions }',
  '  values:',
  '    2017-10-09: 5',
  '  places:',
  '    "530000":        # 云南省',
  '      2017-10-09: 7',
  '    "530300":        # 曲靖市',
  '      2017-10-09: 6',
  '    "530304":        # 马龙区',
  '      2017-10-09: 4',
  '      2019-01-01: 3',
].join('\n');

/** A copy of the rules with registrationWorkingDays keyed by place; `edit` changes the block after. */
export function placeKeyedCopy(edit: (block: string) => string = (b) => b) {
  const copy = rulesCopy();
  copy.edit('parameters/registration.yaml', /(第十条第一款“自到达居住地之日起5个工作日内”\n) {2}values:\n {4}2017-10-09: 5\n/, `$1${edit(PLACE_KEYED)}\n`);
  return copy;
}

