// How long the register keeps a record, per kind: the kind is the record's service (the first
// decision with an outcome that is not its default), and its period the project's parameter
// `retention` + that name with a capital (retentionApplication), in years; records with no
// service, or a service without its own parameter, take `retentionOther`. A kind with neither
// is kept (and `purge` says so). Personal data is kept no longer than its purpose needs
// (《个人信息保护法》第十九条, cited in rules/parameters/personal-data.yaml).
import type { Regulation } from '../model/model.js';
import { parameterOn } from '../model/parameters.js';
import { own } from '../core/own.js';
import type { Register } from './register.js';

export const OTHER = 'retentionOther';

export const retentionParameter = (service: string | null): string => (service ? `retention${service[0]!.toUpperCase()}${service.slice(1)}` : OTHER);

export interface KindCount {
  /** the service, or null for records with none */
  service: string | null;
  /** the parameter its period is from, and the period (years); undefined: no parameter, kept */
  parameter?: string;
  years?: number;
  /** records decided before this instant are past their period */
  before?: string;
  expired: number;
  total: number;
}

/** The period of a kind on `today`: its own parameter, or retentionOther. */
function periodOf(regulation: Regulation, service: string | null, today: string): { parameter: string; years: number } | undefined {
  for (const name of [retentionParameter(service), OTHER]) {
    const spec = own(regulation.parameters, name);
    if (!spec) continue;
    const years = parameterOn(spec, today).value;
    if (typeof years === 'number' && Number.isInteger(years) && years > 0) return { parameter: name, years };
  }
  return undefined;
}

/** The instant `years` years before `now`, as a day in China (the period ends at the start of that day, UTC+8). */
function yearsBefore(now: Date, years: number): string {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const day = `${String(china.getUTCFullYear() - years).padStart(4, '0')}-${String(china.getUTCMonth() + 1).padStart(2, '0')}-${String(china.getUTCDate()).padStart(2, '0')}`;
  return `${day}T00:00:00+08:00`;
}

/** Each kind of record in the register, how many it has and how many are past their period. */
export async function retentionCounts(register: Register, regulation: Regulation, now = new Date()): Promise<KindCount[]> {
  const today = yearsBefore(now, 0).slice(0, 10);
  const kinds = await register.db.query<{ service: string | null; total: number }>('SELECT service, count(*)::int AS total FROM register_decisions GROUP BY service ORDER BY service NULLS LAST');
  const out: KindCount[] = [];
  for (const { service, total } of kinds) {
    const period = periodOf(regulation, service, today);
    if (!period) {
      out.push({ service, expired: 0, total });
      continue;
    }
    const before = yearsBefore(now, period.years);
    const [{ n }] = await register.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM register_decisions WHERE service IS NOT DISTINCT FROM $1 AND decided_at < $2::timestamptz', [service, before]);
    out.push({ service, parameter: period.parameter, years: period.years, before, expired: n, total });
  }
  return out;
}

/** Deletes the records past their period (as `retentionCounts` found them); how many were deleted. */
export async function purgeExpired(register: Register, counts: KindCount[]): Promise<number> {
  let deleted = 0;
  await register.db.transaction(async (tx) => {
    for (const kind of counts) {
      if (!kind.before || !kind.expired) continue;
      const rows = await tx.query('DELETE FROM register_decisions WHERE service IS NOT DISTINCT FROM $1 AND decided_at < $2::timestamptz RETURNING id', [kind.service, kind.before]);
      deleted += rows.length;
    }
  });
  // the deleted rows' old versions (sealed, but still personal data) are vacuumed away
  if (deleted) await register.db.exec('VACUUM register_decisions');
  return deleted;
}
