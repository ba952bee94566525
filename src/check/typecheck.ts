// Type-checking the project with the TypeScript compiler API: its tsconfig.json (or a default
// covering flake.ts, hosts/, modules/, home/), incremental through a .tsbuildinfo in a cache
// folder, reading files through a SourceView so that `--staged` checks the index. When no file
// the last run read has changed, its findings are returned without building the program
// (typecheck-reuse.ts).

import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { CheckDiagnostic } from "./diagnostic.ts";
import type { SourceView } from "./sources.ts";
import { runTsgo, type Tsgo } from "./tsgo.ts";
import { installStateFiles, loadManifest, removeManifest, reusable, reuseKey, saveManifest, stamp, unchanged, type FileStamp } from "./typecheck-reuse.ts";

export interface TypecheckOptions {
  readonly root: string;
  /** Folder for the .tsbuildinfo (created when missing). */
  readonly cacheDir: string;
  readonly view: SourceView;
  /** tsgo, to use instead of the compiler API when the view's content is the disk's and there is a tsconfig.json. */
  readonly tsgo?: Tsgo;
}

export interface TypecheckResult {
  readonly diagnostics: CheckDiagnostic[];
  /** How many source files the program has (libraries included). */
  readonly files: number;
  /** True when no file of the last run changed and its findings were returned as they were. */
  readonly reused: boolean;
  readonly checker: "tsc" | "tsgo";
}

/** For projects without a tsconfig.json: what a panther project contains, strict. */
const defaultConfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    resolveJsonModule: true,
  },
  include: ["flake.ts", "secrets-mapping.ts", "hosts", "modules", "home"],
};

export function typecheck(options: TypecheckOptions): TypecheckResult {
  const { root, view } = options;
  const configFile = path.join(root, "tsconfig.json");
  const config = fs.existsSync(configFile) ? ts.readConfigFile(configFile, (f) => view.read(f)) : { config: defaultConfig };
  if (config.error) return { diagnostics: [toDiagnostic(config.error, root)], files: 0, reused: false, checker: "tsc" };
  const parsed = ts.parseJsonConfigFileContent(config.config, parseHost(view), root, undefined, configFile);
  const compilerOptions: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    incremental: true,
    tsBuildInfoFile: path.join(options.cacheDir, "check.tsbuildinfo"),
  };
  const rootNames = parsed.fileNames.filter((f) => view.exists(f));
  const tsgo = options.tsgo && view.fromDisk && fs.existsSync(configFile) ? options.tsgo : undefined;
  const checker = tsgo ? "tsgo" : "tsc";
  const key = reuseKey({ typescript: tsgo ? `tsgo ${tsgo.version}` : ts.version, options: compilerOptions, rootNames, errors: parsed.errors.length });

  const last = loadManifest(options.cacheDir);
  if (last && last.key === key) {
    const { same, refreshed } = unchanged(last.files, view);
    if (same) {
      if (refreshed) saveManifest(options.cacheDir, { ...last, files: refreshed });
      return { diagnostics: [...last.diagnostics], files: last.programFiles, reused: true, checker };
    }
  }
  // A run interrupted from here on must not leave the old manifest to vouch for a new tree.
  removeManifest(options.cacheDir);
  fs.mkdirSync(options.cacheDir, { recursive: true });

  const run = tsgo ? checkWithTsgo(tsgo, root, options.cacheDir, view) : checkWithTsc(rootNames, compilerOptions, parsed.errors, root, view);
  if (run.stamps && reusable(run.diagnostics)) {
    for (const file of installStateFiles.map((f) => path.join(root, f))) if (!run.stamps.has(file)) run.stamps.set(file, stamp(view, file).stamp);
    const files = [...run.stamps.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    saveManifest(options.cacheDir, { version: 1, key, files, diagnostics: run.diagnostics, programFiles: run.programFiles });
  }
  return { diagnostics: run.diagnostics, files: run.programFiles, reused: false, checker };
}

interface CheckerRun {
  readonly diagnostics: CheckDiagnostic[];
  readonly programFiles: number;
  /** Every file the run read, stamped; undefined when the stamps cannot vouch for the run. */
  readonly stamps: Map<string, FileStamp> | undefined;
}

function checkWithTsc(rootNames: string[], compilerOptions: ts.CompilerOptions, configErrors: readonly ts.Diagnostic[], root: string, view: SourceView): CheckerRun {
  const stamps = new Map<string, FileStamp>();
  const host = ts.createIncrementalCompilerHost(compilerOptions, ts.sys);
  host.readFile = (file) => {
    // The previous .tsbuildinfo is read here too; it is the cache, not an input.
    if (file === compilerOptions.tsBuildInfoFile) return view.read(file);
    const read = stamp(view, file);
    stamps.set(file, read.stamp);
    return read.text;
  };
  host.fileExists = (file) => view.exists(file);
  const program = ts.createIncrementalProgram({
    rootNames,
    options: compilerOptions,
    host,
    configFileParsingDiagnostics: configErrors,
  });
  const all = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  // With noEmit, emit() writes only the .tsbuildinfo that makes the next run incremental.
  program.emit();
  const diagnostics = all.filter((d) => d.category === ts.DiagnosticCategory.Error || d.category === ts.DiagnosticCategory.Warning).map((d) => toDiagnostic(d, root));
  return { diagnostics, programFiles: program.getSourceFiles().length, stamps };
}

/**
 * tsgo reads the files itself, so they are stamped after it ran: a file written since it started
 * may not be what it checked, and then the run is not saved for reuse.
 */
function checkWithTsgo(tsgo: Tsgo, root: string, cacheDir: string, view: SourceView): CheckerRun {
  const started = Date.now();
  const run = runTsgo(tsgo, root, path.join(cacheDir, "check.tsgo.tsbuildinfo"));
  const stamps = new Map(run.files.map((file) => [file, stamp(view, file).stamp]));
  const settled = run.files.every((file) => (view.stat(file)?.mtimeMs ?? Infinity) < started - 1000);
  return { diagnostics: run.diagnostics, programFiles: run.files.length, stamps: settled ? stamps : undefined };
}

function parseHost(view: SourceView): ts.ParseConfigHost {
  return {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: (dir, extensions, excludes, includes, depth) => ts.sys.readDirectory(dir, extensions, excludes, includes, depth).filter((f) => view.exists(f)),
    fileExists: (file) => view.exists(file),
    readFile: (file) => view.read(file),
  };
}

function toDiagnostic(d: ts.Diagnostic, root: string): CheckDiagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const severity = d.category === ts.DiagnosticCategory.Warning ? "warning" : "error";
  if (!d.file || d.start === undefined) return { code: `TS${d.code}`, severity, file: "tsconfig.json", message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const file = path.relative(root, d.file.fileName).split(path.sep).join("/");
  return { code: `TS${d.code}`, severity, file, line: line + 1, column: character + 1, message };
}
