/**
 * Worker thread: type-checks every documentation snippet in one TypeScript program, while the
 * test runs the snippets. Each snippet is a file held in memory under test/.snippets/, with
 * `appmesh-builder` resolved to src/index.ts. Only the snippets' own diagnostics are asked for
 * (the library is checked by `npm run typecheck`), so the checker reads the library's types but
 * never checks its bodies. Posts one `<doc>:<line>:<column>: <message>` line per problem.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

// require(), not import: importing this 9 MB CommonJS file as ESM first scans it for its exports.
/** @type {typeof import('typescript')} */
const ts = createRequire(import.meta.url)('typescript');

/** @type {{ root: string, snippets: { fileName: string, text: string, doc: string, line: number }[] }} */
const { root, snippets } = workerData;

const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    // Only the compiler options are used: the snippets are the program's files, not tsconfig's.
    readDirectory: () => [],
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
);
if (!config) throw new Error('tsconfig.json could not be read');
const options = {
  ...config.options,
  noEmit: true,
  paths: { 'appmesh-builder': [join(root, 'src/index.ts')] },
};

const inMemory = new Map(snippets.map((s) => [s.fileName, s]));
const host = ts.createCompilerHost(options);
// As tsc does: skip the JSDoc of .ts and .d.ts files (the AWS SDK's are most of its size).
host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
const readFromDisk = host.getSourceFile.bind(host);
host.fileExists = (fileName) => inMemory.has(fileName) || ts.sys.fileExists(fileName);
host.readFile = (fileName) => inMemory.get(fileName)?.text ?? ts.sys.readFile(fileName);
host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
  const snippet = inMemory.get(fileName);
  if (snippet) return ts.createSourceFile(fileName, snippet.text, languageVersion, true);
  return readFromDisk(fileName, languageVersion, onError, shouldCreate);
};

const program = ts.createProgram([...inMemory.keys()], options, host);
const problems = program.getOptionsDiagnostics().map((d) => `tsconfig: ${message(d)}`);
for (const snippet of snippets) {
  const file = program.getSourceFile(snippet.fileName);
  if (!file) {
    problems.push(`${snippet.doc}:${snippet.line}: the snippet is not in the program`);
    continue;
  }
  for (const diagnostic of [
    ...program.getSyntacticDiagnostics(file),
    ...program.getSemanticDiagnostics(file),
  ]) {
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    problems.push(`${snippet.doc}:${snippet.line + line}:${character + 1}: ${message(diagnostic)}`);
  }
}
parentPort?.postMessage(problems);

/** @param {ts.Diagnostic} diagnostic */
function message(diagnostic) {
  return `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
}
