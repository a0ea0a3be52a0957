// What besides the rules a decision depends on, named in every decision document: the
// engine's version and the working-day calendar's data (an upgrade of either can change a
// deadline while the ruleset hash stays the same). Read from the package files when the
// engine is built or loaded — never from the network.
import enginePackage from '../../package.json' with { type: 'json' };
import calendarPackage from 'chinese-days/package.json' with { type: 'json' };
import { coveredYears } from '../core/dates/working-days.js';

export interface EngineVersion {
  /** tiaoli's version (package.json) */
  version: string;
}

export interface CalendarVersion {
  /** the package whose table of holidays and make-up working days the engine uses */
  source: 'chinese-days';
  version: string;
  /** the first and last year the table covers, as read from the table itself */
  years: [number, number];
}

export const engineVersion: EngineVersion = { version: enginePackage.version };

export const calendarVersion: CalendarVersion = { source: 'chinese-days', version: calendarPackage.version, years: [...coveredYears()] };
