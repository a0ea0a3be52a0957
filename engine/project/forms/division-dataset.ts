// A tree of administrative divisions (each node { code, name, children }) named by a manifest
// in forms/ (forms/divisions.yaml): which installed package and file hold it, the digits of
// each level's codes, and how a lowest-level name tells its kind. Nothing here knows which
// country or dataset it is; the manifest says.
import { createAjv } from '../../core/validation/ajv.js';

export interface DivisionLevel { level: string; digits: number; label: string }

export interface DivisionManifest {
  dataset: { package: string; version: string; file: string; license?: string; dataYear?: number; source?: string };
  levels: DivisionLevel[];
  kinds: Array<{ kind: string; nameEndsWith: string }>;
  otherKind: string;
}

export interface Division { code: string; name: string; kind?: string }

const manifestSchema = {
  type: 'object',
  required: ['dataset', 'levels', 'kinds', 'otherKind'],
  additionalProperties: false,
  properties: {
    dataset: {
      type: 'object',
      required: ['package', 'version', 'file'],
      additionalProperties: false,
      properties: {
        // a package name and a file inside it: no way up or out of the package
        package: { type: 'string', pattern: '^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$', maxLength: 100 },
        version: { type: 'string', maxLength: 40 },
        file: { type: 'string', pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.json$', maxLength: 200 },
        license: { type: 'string' },
        dataYear: { type: 'integer' },
        source: { type: 'string' },
      },
    },
    levels: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: {
        type: 'object', required: ['level', 'digits', 'label'], additionalProperties: false,
        properties: { level: { type: 'string', pattern: '^[a-z]+$' }, digits: { type: 'integer', minimum: 1, maximum: 15 }, label: { type: 'string' } },
      },
    },
    kinds: {
      type: 'array',
      items: { type: 'object', required: ['kind', 'nameEndsWith'], additionalProperties: false, properties: { kind: { type: 'string' }, nameEndsWith: { type: 'string', minLength: 1 } } },
    },
    otherKind: { type: 'string' },
  },
};
const validateManifest = createAjv().compile(manifestSchema);

/** The manifest, or a Chinese message saying what is wrong with it. */
export function readDivisionManifest(data: unknown): { manifest?: DivisionManifest; problem?: string } {
  if (!validateManifest(data)) {
    const e = validateManifest.errors?.[0];
    return { problem: `区划数据集说明（forms/divisions.yaml）有误：${e?.instancePath || '（文件）'} ${e?.message ?? ''}`.trim() };
  }
  const manifest = data as unknown as DivisionManifest;
  const digits = manifest.levels.map((l) => l.digits);
  if (digits.some((d, i) => i > 0 && d <= digits[i - 1])) return { problem: '区划数据集说明（forms/divisions.yaml）有误：levels 的位数应逐级增加' };
  return { manifest };
}

interface TreeNode { code?: unknown; name?: unknown; children?: unknown }

/** The divisions of a tree by code, and each one's children, in the dataset's order. */
export class DivisionIndex {
  private readonly byCode = new Map<string, Division>();
  private readonly children = new Map<string, Division[]>();

  constructor(tree: unknown, readonly manifest: DivisionManifest) {
    const lowest = manifest.levels.at(-1)!.digits;
    const visit = (nodes: unknown, parent: string): void => {
      if (!Array.isArray(nodes)) return;
      const list: Division[] = [];
      for (const node of nodes as TreeNode[]) {
        if (!node || typeof node !== 'object' || typeof node.code !== 'string' || typeof node.name !== 'string') continue;
        const division: Division = { code: node.code, name: node.name };
        if (node.code.length === lowest) division.kind = this.kindOf(node.name);
        this.byCode.set(node.code, division);
        list.push(division);
        visit(node.children, node.code);
      }
      this.children.set(parent, list);
    };
    visit(tree, '');
  }

  /** The kind a lowest-level division's name tells (e.g. a name ending in 街道). */
  kindOf(name: string): string {
    return this.manifest.kinds.find((k) => name.endsWith(k.nameEndsWith))?.kind ?? this.manifest.otherKind;
  }

  get(code: string): Division | undefined {
    return this.byCode.get(code);
  }

  /** The children of a code ('' for the top level); undefined for a code the tree does not have. */
  childrenOf(code: string): Division[] | undefined {
    if (code !== '' && !this.byCode.has(code)) return undefined;
    return this.children.get(code) ?? [];
  }

  /** The level a code's length belongs to, if any. */
  levelOf(code: string): DivisionLevel | undefined {
    return this.manifest.levels.find((l) => l.digits === code.length);
  }
}
