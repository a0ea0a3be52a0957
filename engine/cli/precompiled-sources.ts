// The data of the project's own YAML files as `npm run build` read them
// (build/precompile.ts), found by the SHA-256 of a file's exact text: an edited file has no
// entry and is read from its YAML as usual, and so is every file when the build was made
// with another version of the YAML reader. Positions are still worked out from the text
// when a message needs one (core/source-file.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { KnownSource, KnownSources } from '../core/source-file.js';

/** engine/dist/sources.json */
export interface SourcesFile {
  /** the version of `yaml` that read them, which must be the one installed */
  yaml: string;
  /** text's SHA-256 (hex) → its data and positions (KnownSource) as JSON */
  sources: Record<string, string>;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function precompiledSources(file: string): KnownSources {
  let raw: string | null | undefined;
  let sources: Record<string, string> | null | undefined;
  const readRaw = (): string | null => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  const load = (): Record<string, string> | null => {
    try {
      const read = JSON.parse(raw!) as SourcesFile;
      const installed = (createRequire(file)('yaml/package.json') as { version: string }).version;
      return read.yaml === installed && read.sources && typeof read.sources === 'object' ? read.sources : null;
    } catch {
      return null; // no build, or a broken one: read the YAML
    }
  };
  return {
    find(text: string): KnownSource | undefined {
      raw ??= readRaw();
      if (!raw) return undefined;
      const hash = textHash(text);
      // a text the build did not read (a case file) is told without reading the whole file as JSON
      if (!raw.includes(`"${hash}"`)) return undefined;
      sources ??= load();
      if (!sources) return undefined;
      const json = Object.hasOwn(sources, hash) ? sources[hash] : undefined;
      if (typeof json !== 'string') return undefined;
      try {
        const known = JSON.parse(json) as KnownSource;
        return known && typeof known === 'object' && known.positions && typeof known.positions.at === 'number' ? known : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
