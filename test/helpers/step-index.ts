// What an editor's Cucumber extension sees: @cucumber/language-service over the files of a suite's `cucumber.glue` setting.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExpressionBuilder, type LanguageName } from '@cucumber/language-service';
import { WasmParserAdapter } from '@cucumber/language-service/wasm';
import { repoRoot } from './packed.js';

export interface IndexedStep {
  /** The step's pattern as written in its source file. */
  readonly source: string;
  /** The file it was found in, relative to the suite, with forward slashes. */
  readonly file: string;
  matches(text: string): boolean;
}

/** A glob of the settings (`**` any folders, `*` any name part) as a regular expression over relative paths. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

function languageOf(file: string): LanguageName {
  return /\.[cm]?tsx?$/.test(file) ? 'tsx' : 'javascript';
}

/** Indexes the step definitions and parameter types of the suite in `dir` as its .vscode/settings.json glue names them. */
export async function indexedSteps(dir: string): Promise<{ expressions: IndexedStep[]; parameterTypes: string[]; errors: string[] }> {
  const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as { 'cucumber.glue'?: string[] };
  const globs = (settings['cucumber.glue'] ?? []).map(globToRegExp);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => globs.some((glob) => glob.test(file)));
  const adapter = new WasmParserAdapter(join(repoRoot, 'node_modules', '@cucumber', 'language-service', 'dist'));
  await adapter.init();
  const result = new ExpressionBuilder(adapter).build(
    files.map((file) => ({ languageName: languageOf(file), uri: pathToFileURL(join(dir, file)).href, content: readFileSync(join(dir, file), 'utf8') })),
    [],
  );
  const base = pathToFileURL(dir).href + '/';
  return {
    expressions: result.expressionLinks.map(({ expression, locationLink }) => ({
      source: String(expression.source),
      file: locationLink.targetUri.replace(base, ''),
      matches: (text: string) => expression.match(text) !== null,
    })),
    parameterTypes: result.parameterTypeLinks.map((link) => link.parameterType.name ?? ''),
    errors: result.errors.map((error) => error.message),
  };
}
