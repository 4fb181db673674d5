/** Small helpers that turn argument lists into readable, safely quoted bash. */

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const REF_IN_TEXT = /\{\{ref:([^#}]+)#(id|arn|name)\}\}/g;

/** Quotes one literal word: bare when safe, else single quotes, else double quotes when that reads better. */
export function quote(word: string): string {
  if (BARE.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!/[$`"\\]/.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Quotes a word that may contain reference tokens: each token becomes `${variable}`,
 * the rest stays literal inside double quotes.
 */
export function quoteWithRefs(
  word: string,
  variableOf: (resourceId: string, attribute: string) => string,
): string {
  if (!word.match(REF_IN_TEXT)) return quote(word);
  let out = '';
  let last = 0;
  for (const match of word.matchAll(REF_IN_TEXT)) {
    out += escapeForDoubleQuotes(word.slice(last, match.index));
    out += `\${${variableOf(match[1] as string, match[2] as string)}}`;
    last = (match.index ?? 0) + match[0].length;
  }
  out += escapeForDoubleQuotes(word.slice(last));
  return `"${out}"`;
}

function escapeForDoubleQuotes(text: string): string {
  return text.replace(/[$`"\\]/g, '\\$&');
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
