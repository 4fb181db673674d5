/**
 * Every value enters the rendered bash through this file: `quote` for words, `comment` for comment
 * lines. A user's name can hold `$(...)`, backticks, quotes or line breaks; none of it may run.
 */
import { refsInText } from '../plan/resource.js';

/** Words that mean the same quoted or not: no quotes, expansions, globs, spaces or line breaks. */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** What could end a comment line or garble a terminal: control characters and Unicode line breaks. */
const NOT_ON_ONE_LINE = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Quotes one literal word, POSIX style: bare when every character is safe, else inside single
 * quotes, where nothing is special; an embedded single quote becomes `'\''`.
 */
export function quote(word: string): string {
  if (BARE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Quotes a word that may contain reference tokens: each token becomes `"${variable}"`, and the
 * literal text around it is quoted by `quote`; the pieces join into one word.
 */
export function quoteWithRefs(
  word: string,
  variableOf: (resourceId: string, attribute: string) => string,
): string {
  const refs = refsInText(word);
  if (refs.length === 0) return quote(word);
  const pieces: string[] = [];
  let last = 0;
  for (const { start, end, resourceId, attribute } of refs) {
    const literal = word.slice(last, start);
    if (literal) pieces.push(quote(literal));
    pieces.push(`"\${${variableOf(resourceId, attribute)}}"`);
    last = end;
  }
  if (last < word.length) pieces.push(quote(word.slice(last)));
  return pieces.join('');
}

/**
 * A `#` comment line. Bash ends a comment at a newline, so a value holding one would run the rest
 * as a command: control characters and line breaks are written as `\uXXXX` instead.
 */
export function comment(text: string): string {
  const oneLine = text.replace(
    NOT_ON_ONE_LINE,
    (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`,
  );
  return oneLine ? `# ${oneLine}` : '#';
}

/**
 * One command line from quoted words, continued with `\` when it gets longer than the line width.
 * A `--flag` stays on the same line as its value.
 */
export function commandLine(words: readonly string[], indent = ''): string {
  const width = 100;
  const chunks = flagChunks(words);
  const lines: string[] = [];
  let current = indent + (chunks[0] ?? '');
  for (const word of chunks.slice(1)) {
    if (current.length + 1 + word.length > width && current.trim().length > 0) {
      lines.push(`${current} \\`);
      current = `${indent}  ${word}`;
    } else {
      current += ` ${word}`;
    }
  }
  lines.push(current);
  return lines.join('\n');
}

/** A bash variable name from free text: `color-mesh-execution-role` + `arn` -> `color_mesh_execution_role_arn`. */
export function variableName(text: string, attribute: string): string {
  const base = `${text}_${attribute}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(base) ? `r_${base}` : base;
}

function flagChunks(words: readonly string[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (word.startsWith('--') && next !== undefined && !next.startsWith('--')) {
      chunks.push(`${word} ${next}`);
      i++;
    } else {
      chunks.push(word);
    }
  }
  return chunks;
}
