// The JSON Schema check: a value validated by ajv (drafts 2020-12, 2019-09 and 07, standard formats), each error at its path.
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { cut, MAX_VALUE_DEPTH, messageOf, summarize } from '../format.js';
import { formatPath, joinPaths, type PathSegment } from './paths.js';
import { MISSING, NOT_JUDGED } from './render.js';
import type { ValueCheck } from './types.js';

// ajv-formats is CommonJS: Node gives its module.exports as the default import, TypeScript's types its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Most schema errors one verdict lists. */
const LISTED_ERRORS = 10;

const OPTIONS: Options = { allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, validateFormats: true };

const DRAFTS = [
  { matches: /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, make: () => new Ajv2020(OPTIONS) },
  { matches: /^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, make: () => new Ajv2019(OPTIONS) },
  { matches: /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, make: () => new Ajv(OPTIONS) },
] as const;

// One validator per draft, made when first needed; compiled schemas are cached by ajv itself.
const validators = new Map<number, Ajv>();

function validatorFor(schema: unknown): Ajv {
  const declared = typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  let index = 0;
  if (declared !== undefined) {
    index = DRAFTS.findIndex((draft) => typeof declared === 'string' && draft.matches.test(declared));
    if (index < 0) {
      throw new TypeError(
        `the schema declares "$schema": ${summarize(declared, 120)}, which is not a draft this check validates; use draft 2020-12 (the default, no "$schema"), 2019-09 or 07`,
      );
    }
  }
  let ajv = validators.get(index);
  if (!ajv) {
    ajv = addFormats(DRAFTS[index]!.make() as Ajv);
    validators.set(index, ajv);
  }
  return ajv;
}

/**
 * Holds when the value is valid against the JSON Schema `schema` (an object or a boolean), validated by ajv with the
 * standard formats of ajv-formats (`date-time`, `email`, `uri`, …). The draft is the one the schema's `$schema`
 * names: 2020-12 (also when it names none), 2019-09 or 07. A schema ajv refuses (an unknown keyword, a bad type, a
 * `$ref` it cannot resolve) throws a TypeError when the check is built. A failing value lists each error with the
 * concrete path (the context's path, when a quantifier or a pattern gives one, followed by the place inside the value),
 * what is wrong, and the schema keyword and where it is: `members.e1.up: must be boolean ("type" at #/properties/up/type)`.
 */
export function matchesSchema(schema: object | boolean): ValueCheck {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    throw new TypeError(`matchesSchema needs a JSON Schema (an object or a boolean), got ${summarize(schema, 120)}`);
  }
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema).compile(schema);
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('the schema declares')) throw error;
    throw new TypeError(`the schema ${summarize(schema, 120)} cannot be used: ${cut(messageOf(error), 300)}`);
  }
  const title =
    typeof schema === 'object' && typeof (schema as { title?: unknown }).title === 'string' ? ` "${cut((schema as { title: string }).title, 80)}"` : '';
  const description = `matching the schema${title}`;
  // ajv validates a recursive schema by recursion: a value deep enough would exhaust the stack, so it is measured first.
  const recursive = typeof schema === 'object' && /"\$(?:ref|dynamicRef|recursiveRef)"/.test(JSON.stringify(schema));
  return {
    description,
    verdict: (value, present, context) => {
      if (!present) return MISSING;
      if (recursive && nestedDeeperThan(value, MAX_VALUE_DEPTH)) {
        return `${NOT_JUDGED}: it is nested deeper than ${MAX_VALUE_DEPTH} levels, the most a value is validated to against a recursive schema; check a path below it`;
      }
      if (validate(value)) return undefined;
      const errors = validate.errors ?? [];
      const lines = errors.slice(0, LISTED_ERRORS).map((error) => describeError(error, context?.path));
      if (errors.length > LISTED_ERRORS) lines.push(`  … and ${errors.length - LISTED_ERRORS} more errors`);
      return `does not match the schema${title}:\n${lines.join('\n')}`;
    },
  };
}

// "  members.e1.up: must be boolean ("type")", with the missing or extra key in the path where the error names one.
function describeError(error: ErrorObject, base: string | undefined): string {
  const at: PathSegment[] = pointerSegments(error.instancePath);
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  let what = error.message ?? 'is not valid';
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    at.push(params.missingProperty);
    what = 'is missing, but the schema requires it';
  } else if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    at.push(params.additionalProperty);
    what = 'is not allowed by the schema';
  }
  const path = joinPaths(base, formatPath(at));
  return `  ${path === '' || path === '$' ? '(the whole value)' : cut(path, 200)}: ${cut(what, 300)} ("${error.keyword}" at ${cut(error.schemaPath, 200)})`;
}

// A JSON Pointer ("/members/e1/0") as segments; digits are indices, as the value's own arrays have them.
function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

// Whether arrays and objects nest more than `limit` levels inside `value`, walked by a loop (no recursion).
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}
