// An issuing office (办证机关) as forms/offices.yaml describes it: who hands the applicant a
// document, where and when materials are handed in, and who hears 行政复议 against its
// decision. The data is Qujing's and lives in YAML; this is only its shape.

/** An authority that hears 行政复议, with the law that makes it so. */
export interface ReconsiderationAuthority {
  name: string;
  /** null: not confirmed here; printed as a blank to fill in by hand */
  address: string | null;
  /** the article of the law that gives it the case, as printed */
  basis: string;
}

export interface Reconsideration extends ReconsiderationAuthority {
  /** another authority the applicant may choose instead */
  also?: ReconsiderationAuthority;
  /** for a decision made on or before `until`: the authority under the law then in force */
  earlier?: ReconsiderationAuthority & { until: string };
}

export interface Office {
  /** stable ASCII id: the register stores and numbers by it */
  id: string;
  name: string;
  /** 6-digit division code of the county (市、区) it serves */
  county: string;
  /** the county-level public-security organ whose decision it is */
  bureau: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  /** short prefix of its document numbers */
  numberPrefix: string;
  /** the file's `documentNumber` format its numbers are written in ({prefix}, {year}, {seq}) */
  numberFormat: string;
  /**
   * the documents numbered each in a series of their own (the file's `documentSeries`, print kind
   * → series word, in its `documentSeriesNumber` format: {prefix}, {series}, {year}, {seq})
   */
  documentSeries?: { format: string; words: Record<string, string> };
  /** whether name, address, phone and hours have been confirmed with the office */
  confirmed: boolean;
  source?: string;
  reconsideration: Reconsideration;
  /**
   * The authority that decides, when this office acts for it (受委托): its id, name and
   * reconsideration authority, resolved from the same file. A page it prints is headed and
   * sealed in that authority's name, says that this office acts on its entrustment, and names
   * that authority's 行政复议机关. Absent: the office decides in its own name.
   */
  entrustedBy?: { id: string; name: string; reconsideration: Reconsideration };
}

/** An office as a printed page sees it on one date: the reconsideration authority of that date. */
export interface OfficeOnDate extends Omit<Office, 'reconsideration' | 'entrustedBy'> {
  reconsideration: ReconsiderationAuthority & { also?: ReconsiderationAuthority };
  /** the body whose decision the page is: the entrusting authority, else the office itself */
  decider: { id: string; name: string; entrusted: boolean };
}

function reconsiderationOn(r: Reconsideration, date: string): OfficeOnDate['reconsideration'] {
  const { earlier, also, ...current } = r;
  return earlier && date <= earlier.until
    ? { name: earlier.name, address: earlier.address, basis: earlier.basis }
    : { ...current, ...(also ? { also } : {}) };
}

/** The office's details for a decision made on `date` (YYYY-MM-DD). */
export function officeOn(office: Office, date: string): OfficeOnDate {
  const { entrustedBy, ...rest } = office;
  // the decider's reconsideration authority: a decision is reviewed as the decider's (受委托 acts are the entruster's)
  const reconsideration = reconsiderationOn(entrustedBy ? entrustedBy.reconsideration : office.reconsideration, date);
  const decider = entrustedBy ? { id: entrustedBy.id, name: entrustedBy.name, entrusted: true } : { id: office.id, name: office.name, entrusted: false };
  return { ...rest, reconsideration, decider };
}

/** What the counter must not take on trust: every detail when `confirmed: false`, else those left null. */
export function unconfirmedFields(office: Office): string[] {
  const details: Array<[keyof Office, string]> = [['address', '地址'], ['phone', '电话'], ['hours', '办公时间']];
  if (!office.confirmed) return ['名称', ...details.map(([, label]) => label)];
  return details.filter(([k]) => office[k] === null).map(([, label]) => label);
}
