// The JSON Schema (draft-07) of a regulation's decision document, generated from the
// decisions regulation.yaml declares: for other tools that read tiaoli's decisions
// (`tiaoli schema decision` prints it). Each field by its type; the trace by its shape
// (engine/explain/trace-types.ts); the versions the document names (versions.ts).
import type { DecisionField, Regulation } from '../model/model.js';
import { executableInterpretations } from '../model/readings.js';

type Schema = Record<string, unknown>;

const DATE: Schema = { type: 'string', format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
const STRINGS: Schema = { type: 'array', items: { type: 'string' } };

export function fieldSchema(field: DecisionField): Schema {
  const titled = (s: Schema): Schema => ({ title: field.label, ...s });
  switch (field.type) {
    case 'boolean': return titled({ type: 'boolean' });
    case 'date': return titled(DATE);
    case 'number': return titled({ type: 'number' });
    case 'enum': return titled({ type: 'string', enum: field.values ?? [] });
    case 'list': return titled({ type: 'array', uniqueItems: true, items: field.values ? { type: 'string', enum: field.values } : { type: 'string' } });
  }
}

/** The trace's shapes, as `definitions` of the document's schema. */
const TRACE_DEFINITIONS: Record<string, Schema> = {
  conditionTrace: {
    type: 'object',
    required: ['fact', 'label', 'operator', 'result', 'text'],
    additionalProperties: false,
    properties: {
      fact: { type: 'string' }, label: { type: 'string' }, path: { type: 'string' }, value: {}, operator: { type: 'string' },
      expected: {}, expectedFrom: { type: 'string' }, result: { type: ['boolean', 'null'] }, text: { type: 'string' },
    },
  },
  conditionNode: {
    anyOf: [
      { type: 'object', required: ['all'], additionalProperties: false, properties: { all: { type: 'array', items: { $ref: '#/definitions/conditionNode' } } } },
      { type: 'object', required: ['any'], additionalProperties: false, properties: { any: { type: 'array', items: { $ref: '#/definitions/conditionNode' } } } },
      { type: 'object', required: ['not'], additionalProperties: false, properties: { not: { $ref: '#/definitions/conditionNode' } } },
      { $ref: '#/definitions/conditionTrace' },
    ],
  },
  derivedTrace: {
    type: 'object',
    required: ['name', 'label', 'function', 'args', 'text'],
    additionalProperties: false,
    properties: { name: { type: 'string' }, label: { type: 'string' }, function: { type: 'string' }, args: { type: 'object' }, tables: { type: 'array', items: { type: 'string' } }, places: { type: 'object', additionalProperties: { type: 'string' } }, value: {}, text: { type: 'string' } },
  },
  ruleTrace: {
    type: 'object',
    required: ['rule', 'name', 'result', 'articles', 'interpretations', 'conditions', 'derived', 'text'],
    additionalProperties: false,
    properties: {
      rule: { type: 'string' }, name: { type: 'string' }, result: { enum: ['fired', 'failed', 'overridden'] },
      articles: STRINGS, interpretations: STRINGS, sets: { type: 'object' }, overriddenBy: STRINGS, setAside: { type: 'object', additionalProperties: STRINGS },
      conditions: { $ref: '#/definitions/conditionNode' }, derived: { type: 'array', items: { $ref: '#/definitions/derivedTrace' } }, text: { type: 'string' },
    },
  },
  defaultTrace: {
    type: 'object',
    required: ['field', 'default', 'text'],
    additionalProperties: false,
    properties: { field: { type: 'string' }, default: {}, text: { type: 'string' } },
  },
  because: { type: 'array', items: { anyOf: [{ $ref: '#/definitions/ruleTrace' }, { $ref: '#/definitions/defaultTrace' }] } },
};

/** The JSON Schema of the decision documents this regulation's rules produce. */
export function decisionDocumentSchema(regulation: Regulation): Schema {
  const decisions: Record<string, Schema> = {};
  for (const spec of Object.values(regulation.decisions)) {
    const fields = Object.values(spec.fields);
    decisions[spec.name] = {
      title: spec.label,
      type: 'object',
      // a field with a default is always there; one without is there only when a rule gave it a value
      required: [...fields.filter((f) => f.default !== undefined).map((f) => f.name), 'articles', 'interpretations'],
      additionalProperties: false,
      properties: {
        ...Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])),
        articles: { title: '依据的条款', ...STRINGS },
        interpretations: { title: '依据的解释', ...STRINGS },
        because: { title: '推理过程', $ref: '#/definitions/because' },
      },
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${regulation.title}：决定文档`,
    type: 'object',
    required: ['asOf', 'ruleset', 'readings', 'engine', 'calendar', 'decisions'],
    additionalProperties: false,
    properties: {
      asOf: { title: '决定日期', ...DATE },
      ruleset: { title: '规则集内容哈希', type: 'string' },
      readings: {
        title: '所用的解释读法（每项有可执行读法的解释）',
        type: 'object',
        required: executableInterpretations(regulation).map((i) => i.spec.id),
        additionalProperties: false,
        properties: Object.fromEntries(executableInterpretations(regulation).map((i) => [i.spec.id, { title: i.spec.title, enum: i.ids }])),
      },
      engine: {
        title: '引擎', type: 'object', required: ['version'], additionalProperties: false,
        properties: { version: { title: '引擎版本（package.json）', type: 'string' } },
      },
      calendar: {
        title: '工作日历数据', type: 'object', required: ['source', 'version', 'years'], additionalProperties: false,
        properties: {
          source: { title: '数据来源', const: 'chinese-days' },
          version: { title: '数据包版本', type: 'string' },
          years: { title: '收录的年份（首年、末年）', type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
        },
      },
      // a project that declares its instruments (rules/instruments.yaml) names the one decided under;
      // a document decided under a superior instrument has that instrument's decisions (its own schema)
      instrument: { title: '所依的规范性文件（none：当日没有施行的文件）', type: 'string' },
      applied: {
        title: '所依文件、其版本及适用的理由', type: 'object', required: ['id', 'date', 'because'],
        properties: {
          id: { type: 'string' }, title: { type: 'string' }, level: { type: 'string' }, version: { type: 'string' },
          inForce: { type: 'object', required: ['from'], properties: { from: DATE, until: DATE } },
          date: { type: 'object', required: ['fact', 'label', 'value'], properties: { fact: { type: 'string' }, label: { type: 'string' }, value: DATE } },
          reading: { type: 'object', required: ['interpretation', 'alternative'], properties: { interpretation: { type: 'string' }, alternative: { type: 'string' } } },
          because: STRINGS,
        },
      },
      decisions: {
        type: 'object',
        required: Object.keys(decisions),
        additionalProperties: false,
        properties: decisions,
      },
    },
    definitions: TRACE_DEFINITIONS,
  };
}
