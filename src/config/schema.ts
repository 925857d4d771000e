/**
 * The configuration schema as data, and a validator that reports every problem with its key path.
 * Hand-rolled on purpose: it runs on every commit, and costs nothing to load (see README, performance).
 */
import { isPlainObject } from './merge.js';

export type Schema =
  | { kind: 'boolean' }
  | { kind: 'false' }
  | { kind: 'number'; min?: number; integer?: boolean }
  | { kind: 'string'; regex?: boolean; nonEmpty?: boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'array'; of: Schema }
  | { kind: 'object'; props: Record<string, Schema>; required?: readonly string[]; oneOf?: readonly string[] }
  | { kind: 'record'; of: Schema }
  | { kind: 'anyObject' }
  | { kind: 'union'; of: Schema[] };

const bool: Schema = { kind: 'boolean' };
const off: Schema = { kind: 'false' };
const str: Schema = { kind: 'string' };
const globs: Schema = { kind: 'array', of: { kind: 'string', nonEmpty: true } };
const positiveInt: Schema = { kind: 'number', min: 1, integer: true };
const limit: Schema = { kind: 'union', of: [positiveInt, off] };

const words: Schema = { kind: 'array', of: { kind: 'string', nonEmpty: true } };
const commandMatch: Schema = {
  kind: 'object',
  required: ['program'],
  props: {
    program: words,
    args: { kind: 'array', of: { kind: 'union', of: [{ kind: 'string', nonEmpty: true }, words] } },
    all: { kind: 'array', of: words },
    any: words,
    none: words,
    values: words,
    operand: { kind: 'array', of: { kind: 'string', regex: true, nonEmpty: true } },
    operands: { kind: 'number', min: 1, integer: true },
    fedBy: words,
  },
};

const bannedRule: Schema = {
  kind: 'object',
  oneOf: ['pattern', 'command'],
  props: {
    pattern: { kind: 'string', regex: true, nonEmpty: true },
    command: { kind: 'array', of: commandMatch },
    catches: str,
    message: str,
    files: globs,
    keywords: { kind: 'array', of: { kind: 'string', nonEmpty: true } },
    scope: { kind: 'enum', values: ['diff', 'commands', 'both'] },
  },
};

const commandGate: Schema = {
  kind: 'object',
  required: ['run'],
  props: { run: { kind: 'string', nonEmpty: true }, when: globs, timeout: { kind: 'number', min: 1 } },
};

const browser: Schema = {
  kind: 'object',
  props: {
    start: { kind: 'string', nonEmpty: true },
    url: { kind: 'string', nonEmpty: true },
    pages: { kind: 'array', of: { kind: 'string', nonEmpty: true } },
    when: globs,
    startTimeoutMs: positiveInt,
    pageTimeoutMs: positiveInt,
    allowConsole: { kind: 'array', of: { kind: 'string', regex: true } },
    executablePath: { kind: 'string', nonEmpty: true },
  },
};

export const configSchema: Schema = {
  kind: 'object',
  props: {
    extends: { kind: 'union', of: [{ kind: 'string', nonEmpty: true }, globs] },
    diff: { kind: 'object', props: { maxLines: limit, maxFiles: limit, ignore: globs } },
    files: {
      kind: 'object',
      props: { allowCreate: bool, allowDelete: bool, protect: globs, maxFileKb: limit },
    },
    banned: { kind: 'record', of: { kind: 'union', of: [bannedRule, off] } },
    secrets: { kind: 'union', of: [bool, { kind: 'object', props: { ignore: globs } }] },
    lintStaged: { kind: 'union', of: [bool, { kind: 'anyObject' }] },
    concurrency: positiveInt,
    gates: { kind: 'record', of: { kind: 'union', of: [{ kind: 'string', nonEmpty: true }, commandGate, off] } },
    browser: { kind: 'union', of: [browser, off] },
    ignoreConfigs: globs,
    commitMessage: {
      kind: 'object',
      props: {
        minLength: { kind: 'number', min: 0, integer: true },
        maxSubjectLength: positiveInt,
        conventional: bool,
        banned: { kind: 'array', of: str },
      },
    },
    verify: { kind: 'union', of: [bool, { kind: 'object', props: { file: { kind: 'string', nonEmpty: true }, when: globs, timeout: { kind: 'number', min: 1 } } }] },
    memory: {
      kind: 'union',
      of: [
        bool,
        {
          kind: 'object',
          props: { progress: { kind: 'string', nonEmpty: true }, requireOnChange: globs, plan: { kind: 'string', nonEmpty: true }, maxPlanItems: limit },
        },
      ],
    },
    overlap: { kind: 'union', of: [off, { kind: 'enum', values: ['warning', 'error'] }] },
    docs: { kind: 'union', of: [bool, { kind: 'object', props: { files: globs, level: { kind: 'enum', values: ['error', 'warning'] } } }] },
    review: {
      kind: 'object',
      props: {
        enabled: bool,
        provider: { kind: 'enum', values: ['openai', 'cerebras', 'ollama', 'custom'] },
        model: { kind: 'string', nonEmpty: true },
        baseURL: { kind: 'string', nonEmpty: true },
        apiKeyEnv: { kind: 'string', nonEmpty: true },
        api: { kind: 'enum', values: ['responses', 'chat'] },
        timeoutMs: positiveInt,
        firstByteMs: positiveInt,
        blockOn: { kind: 'enum', values: ['error', 'warning', 'never'] },
        onUnavailable: { kind: 'enum', values: ['warn', 'block'] },
        maxDiffTokens: positiveInt,
        exclude: globs,
        instructions: str,
      },
    },
  },
};

export interface SchemaIssue {
  keyPath: string;
  expected: string;
  actual: string;
}

export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'boolean':
      return 'true or false';
    case 'false':
      return 'false';
    case 'number':
      return schema.integer ? `an integer ≥ ${schema.min ?? 0}` : `a number ≥ ${schema.min ?? 0}`;
    case 'string':
      return schema.regex ? 'a regular expression (string)' : schema.nonEmpty ? 'a non-empty string' : 'a string';
    case 'enum':
      return `one of ${schema.values.map((v) => `'${v}'`).join(', ')}`;
    case 'array':
      return `an array of ${plural(describeSchema(schema.of))}`;
    case 'object':
      return `an object with keys ${Object.keys(schema.props).join(', ')}`;
    case 'record':
      return `an object whose values are ${describeSchema(schema.of)}`;
    case 'anyObject':
      return 'an object';
    case 'union':
      return schema.of.map(describeShort).join(' or ');
  }
}

function describeShort(schema: Schema): string {
  if (schema.kind === 'object') {
    const keys = schema.required?.length ? schema.required.join(', ') : schema.oneOf?.join(' or ');
    const req = keys ? `{ ${keys}, … }` : 'an object';
    return req;
  }
  return describeSchema(schema);
}

function plural(text: string): string {
  return text.replace(/^an? /, '').replace(/string$/, 'strings');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (!path) return safe;
  return safe === key ? `${path}.${key}` : `${path}[${safe}]`;
}


/** Returns every problem found; an empty list means the value matches. */
export function validate(value: unknown, schema: Schema, path = ''): SchemaIssue[] {
  const issue = (expected = describeSchema(schema)): SchemaIssue[] => [
    { keyPath: path || '(root)', expected, actual: describeValue(value) },
  ];
  switch (schema.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? [] : issue();
    case 'false':
      return value === false ? [] : issue();
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return issue();
      if (schema.integer && !Number.isInteger(value)) return issue();
      return value < (schema.min ?? 0) ? issue() : [];
    }
    case 'string': {
      if (typeof value !== 'string' || (schema.nonEmpty && value === '')) return issue();
      if (schema.regex) {
        try {
          new RegExp(value);
        } catch (error) {
          return issue(`a valid regular expression (${(error as Error).message})`);
        }
      }
      return [];
    }
    case 'enum':
      return typeof value === 'string' && schema.values.includes(value) ? [] : issue();
    case 'array':
      if (!Array.isArray(value)) return issue();
      return value.flatMap((item, i) => validate(item, schema.of, join(path, i)));
    case 'anyObject':
      return isPlainObject(value) ? [] : issue();
    case 'record':
      if (!isPlainObject(value)) return issue();
      return Object.entries(value).flatMap(([k, v]) => validate(v, schema.of, join(path, k)));
    case 'object':
      return validateObject(value, schema, path, issue);
    case 'union':
      return validateUnion(value, schema, path, issue);
  }
}

function validateObject(
  value: unknown,
  schema: Extract<Schema, { kind: 'object' }>,
  path: string,
  issue: () => SchemaIssue[],
): SchemaIssue[] {
  if (!isPlainObject(value)) return issue();
  const issues: SchemaIssue[] = [];
  for (const [key, item] of Object.entries(value)) {
    const prop = schema.props[key];
    if (!prop) {
      const known = Object.keys(schema.props);
      issues.push({ keyPath: join(path, key), expected: `no such key (known keys: ${known.join(', ')})`, actual: 'unknown key' });
      continue;
    }
    if (item === undefined) continue;
    issues.push(...validate(item, prop, join(path, key)));
  }
  if (schema.oneOf && !schema.oneOf.some((key) => value[key] !== undefined)) {
    issues.push({ keyPath: join(path, schema.oneOf[0]!), expected: `${describeSchema(schema.props[schema.oneOf[0]!]!)}, or a structured ${schema.oneOf.slice(1).join(' or ')}`, actual: 'missing' });
  }
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) {
      issues.push({ keyPath: join(path, key), expected: describeSchema(schema.props[key]!), actual: 'missing' });
    }
  }
  return issues;
}

function validateUnion(
  value: unknown,
  schema: Extract<Schema, { kind: 'union' }>,
  path: string,
  issue: () => SchemaIssue[],
): SchemaIssue[] {
  const attempts = schema.of.map((option) => validate(value, option, path));
  if (attempts.some((a) => a.length === 0)) return [];
  // When the value has the right overall shape (an object given, an object option exists),
  // report that option's precise problems rather than the whole union.
  const shaped = schema.of.findIndex(
    (option) =>
      (option.kind === 'object' && isPlainObject(value)) ||
      (option.kind === 'array' && Array.isArray(value)) ||
      (option.kind === 'string' && typeof value === 'string'),
  );
  if (shaped >= 0) return attempts[shaped]!;
  return issue();
}
