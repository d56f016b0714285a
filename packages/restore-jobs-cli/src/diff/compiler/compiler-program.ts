/**
 * A small TypeScript program held in memory (the generated types of both documents and the checks),
 * compiled with the options users of the generated types have: strict, exactOptionalPropertyTypes.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ts from "typescript";

const require = createRequire(import.meta.url);

const options: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ["lib.es2022.d.ts"],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/** Parsed lib files, kept across runs: parsing them is most of a small program's cost. */
const libCache = new Map<string, ts.SourceFile>();
const libDir = dirname(require.resolve("typescript/lib/lib.d.ts"));

/** Builds the program from in-memory files (absolute names); only `*check.ts` files are roots. */
export function compile(files: Record<string, string>): ts.Program {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError) => {
    const virtual = files[name];
    if (virtual !== undefined) return ts.createSourceFile(name, virtual, languageVersion, true);
    const cached = libCache.get(name);
    if (cached) return cached;
    const file = getSourceFile(name, languageVersion, onError);
    if (file && name.startsWith(libDir)) libCache.set(name, file);
    return file;
  };
  const dirs = new Set(Object.keys(files).map((name) => dirname(name)));
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.directoryExists = (name) => dirs.has(name) || ts.sys.directoryExists(name);
  host.realpath = (name) => name;
  host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
  host.getDefaultLibLocation = () => libDir;
  host.getDefaultLibFileName = (o) => join(libDir, ts.getDefaultLibFileName(o));
  return ts.createProgram(
    Object.keys(files).filter((f) => f.endsWith("check.ts")),
    options,
    host,
  );
}
