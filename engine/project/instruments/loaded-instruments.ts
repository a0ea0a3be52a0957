// A project's instruments as loaded, from disk (load-instruments.ts) or from files in memory
// (instruments-from-files.ts, the studio in the browser): what an InstrumentDecider is made of.
import type { Problem } from '../../core/source-file.js';
import type { Regulation } from '../../model/model.js';
import type { Instrument, Instruments, Mapping } from './instrument-model.js';

export interface LoadedInstruments {
  instruments?: Instruments;
  /** id → the superior's rules and the mapping onto them */
  superiors: Map<string, { instrument: Instrument; regulation: Regulation; mapping: Mapping }>;
  /** id → a later version of this project's text (successors/<id>/rules, the same words: no mapping); drafts too */
  successors: Map<string, { instrument: Instrument; regulation: Regulation }>;
  /** the superiors' loading and the mappings */
  problems: Problem[];
  /** instruments.yaml's own problems (checkProject finds these too) */
  fileProblems: Problem[];
  /**
   * a superior whose project is not there (a rules folder copied alone, say): said, never
   * blocking; a case that needs it is an error naming it (id → why)
   */
  unavailable: Map<string, string>;
  warnings: Problem[];
}
