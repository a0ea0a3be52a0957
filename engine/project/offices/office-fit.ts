// Whether the counter's office is the one the case belongs to. A form's `office:` (form.yaml)
// says, in the regulation's terms, which fact of the case names the place the service is
// done at — a county (where the person lives) or the body that issued the document held — the
// place in words, and the article that says so. A case that points elsewhere is not refused
// here: the clerk is warned, in words, and confirms before recording or printing (the office
// may have its reasons, e.g. a mistaken issuer written on the document). Nothing here knows
// which regulation it reads.
import { own } from '../../core/own.js';
import type { Regulation } from '../../model/model.js';
import type { CaseInput } from '../../model/case/case-input.js';
import { parameterOn } from '../../model/parameters.js';
import { currentDivisionFn } from '../../core/derived/functions/divisions.js';
import type { Office } from './office-model.js';

/** form.yaml `office:` as read. */
export interface OfficeCheck {
  /** the article that says where the service is done */
  article: string;
  /** the place in words, as the article names it */
  place?: string;
  /** a case fact (dotted path) holding a county code the office's county must be */
  county?: string;
  /** a parameter: the table of code changes (former → successor) read before comparing counties */
  successions?: string;
  /** a case fact holding the issuing office's name the office (or the body it acts for) must be */
  issuedBy?: string;
}

export interface OfficeMismatch {
  code: 'office.otherCounty' | 'office.notIssuer' | 'office.issuerUnknown';
  /** in Chinese, naming the case's value, the office and the article */
  message: string;
}

/** The value at a dotted path of the case's facts, own properties only. */
function factAt(input: CaseInput, path: string): unknown {
  let node: unknown = input.facts;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = own(node as Record<string, unknown>, key);
  }
  return node;
}

function currentCounty(code: string, regulation: Regulation, successions: string | undefined, date: string): string {
  const spec = successions ? own(regulation.parameters, successions) : undefined;
  if (!spec) return code;
  const table = parameterOn(spec, date).value;
  return Array.isArray(table) ? String(currentDivisionFn.compute({ code, successions: table })) : code;
}

function countyName(code: string, regulation: Regulation): string {
  const entry = own(own(regulation.vocabulary.lists, 'divisions'), code);
  return entry ? `${entry.label}（${code}）` : code;
}

const articleWords = (article: string): string => {
  const [a, p] = article.split('.');
  return `第${a}条${p ? `第${p}款` : ''}`;
};

/** What the clerk must be told before this office records or prints the case; empty when it fits. */
export function officeMismatches(check: OfficeCheck | undefined, office: Office, input: CaseInput, regulation: Regulation): OfficeMismatch[] {
  if (!check) return [];
  const out: OfficeMismatch[] = [];
  const article = articleWords(check.article);
  if (check.county) {
    const given = factAt(input, check.county);
    if (typeof given === 'string' && /^\d{6}$/.test(given)) {
      const date = input.asOf;
      const caseCounty = currentCounty(given, regulation, check.successions, date);
      const officeCounty = currentCounty(office.county, regulation, check.successions, date);
      if (caseCounty !== officeCounty) {
        const place = check.place ?? '居住地';
        out.push({
          code: 'office.otherCounty',
          message: `${place}在${countyName(given, regulation)}，本机关（${office.name}）在${countyName(office.county, regulation)}：依${article}，应到${place}的机关办理。确认由本机关办理的，请勾选确认。`,
        });
      }
    }
  }
  if (check.issuedBy) {
    const given = factAt(input, check.issuedBy);
    const label = own(regulation.vocabulary.facts, check.issuedBy) ?? check.issuedBy;
    const place = check.place ?? label;
    const issuer = typeof given === 'string' ? given.trim() : '';
    // the document is issued in the name of the deciding body (or an office acting for it): either name is the issuer
    const names = new Set([office.name, office.bureau, ...(office.entrustedBy ? [office.entrustedBy.name] : [])]);
    if (!issuer) {
      out.push({ code: 'office.issuerUnknown', message: `未填写${label}，无法核对本机关（${office.name}）是否为${article}所称${place}。请核对后填写，或勾选确认。` });
    } else if (!names.has(issuer)) {
      out.push({
        code: 'office.notIssuer',
        message: `${label}是“${issuer}”，不是本机关（${office.name}，${office.bureau}）：依${article}，应到${place}办理。确认由本机关办理的，请勾选确认。`,
      });
    }
  }
  return out;
}
