// What observed values "are", in the words guards and "unless" use ("is null", "are "master"", "contains "x"",
// "does not exist"): the check vocabulary in the indicative, turned into the words after "should".
import { cut } from '../lib/format.js';
import { splitTopLevel } from './checks/scan.js';
import { StepInputError } from './parse.js';

// Each indicative form and the words after "should" it stands for.
const FORMS: readonly (readonly [RegExp, (rest: string) => string])[] = [
  [/^(?:is|are) not ([\s\S]+)$/, (rest) => `not be ${rest}`],
  [/^are all (equal|distinct)$/, (rest) => `all be ${rest}`],
  [/^agrees?$/, () => 'agree'],
  [/^(?:is|are) ([\s\S]+)$/, (rest) => `be ${rest}`],
  [/^(?:does|do) not (match|contain|have|exist|change)\b([\s\S]*)$/, (rest) => `not ${rest}`],
  [/^(?:matches|match) ([\s\S]+)$/, (rest) => `match ${rest}`],
  [/^(?:contains|contain) ([\s\S]+)$/, (rest) => `contain ${rest}`],
  [/^(?:has|have) ([\s\S]+)$/, (rest) => `have ${rest}`],
  [/^exists?$/, () => 'exist'],
  // Change words, so that a condition can say why it cannot use them rather than not knowing them.
  [
    /^(changes?|(?:increases?|decreases?) by [\s\S]+|never (?:increases?|decreases?))$/,
    (rest) => rest.replace(/^(never )?(change|increase|decrease)s\b/, '$1$2'),
  ],
];

const STATE_START = /^(?:is|are|does|do|matches|match|contains|contain|has|have|exists?|agrees?|changes?|increases?|decreases?|never)\b/;

const STATE_WORDS =
  'is <JSON>, is not <JSON>, is greater than <n>, is at least <n>, is between <a> and <b>, is a number, is one of [<JSON>, …], is empty, ' +
  'matches /regex/, contains <JSON>, has length <n>, exists, "does not" before match, contain, have and exist, "are" for several values, ' +
  'joined by "and"; a value may be the remembered "<name>" or the observed "<path>"';

/** Turns the indicative words of a condition (`is not "n1"`, `are "master"`, `exists and is at least 3`) into the words after "should". */
export function stateToCheckWords(text: string): string {
  const parts = splitTopLevel(text.trim(), ' and ', (rest) => STATE_START.test(rest));
  return parts
    .map((part) => {
      const words = part.trim();
      for (const [pattern, should] of FORMS) {
        const match = pattern.exec(words);
        if (match) return should(match.slice(1).join(''));
      }
      throw new StepInputError(`unknown state "${cut(words, 80)}": the accepted words are ${STATE_WORDS}`);
    })
    .join(' and ');
}
