// The structural rules of `panther check`, run with ts-morph on source text (no type information,
// so they are fast and work on staged contents). Pure: files in, diagnostics out.
// Each rule is described with its exact scope in docs/check-and-ci.md.

import path from "node:path/posix";
import { Node, Project, SyntaxKind, type CallExpression, type SourceFile } from "ts-morph";
import { didYouMean, suggest } from "../core/suggest.ts";
import type { CheckDiagnostic, RuleCode } from "./diagnostic.ts";

export interface SourceText {
  /** Relative to the project root, `/`-separated (e.g. `modules/core/base.ts`). */
  readonly path: string;
  readonly text: string;
}

export const secretsMappingFile = "secrets-mapping.ts";

/** Folders whose files must each be one module. */
const moduleFolders = ["modules/", "home/"];
/** Folders whose files may declare options or reference secrets. */
const configFolders = ["modules/", "home/", "hosts/"];

/** Node built-ins a module may not import (with or without `node:`): files, processes, network, machine. */
export const ioModules = new Set([
  "fs",
  "fs/promises",
  "child_process",
  "net",
  "http",
  "https",
  "http2",
  "dgram",
  "dns",
  "dns/promises",
  "tls",
  "os",
  "process",
  "worker_threads",
  "cluster",
  "readline",
  "module",
]);

/** Types that accept any value: an option of one of them is not type-checked at all. */
export const untypedTypes = new Set(["anything", "unspecified", "raw"]);

/** Run every rule over the project's source files. */
export function runRules(files: readonly SourceText[]): CheckDiagnostic[] {
  const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: false } });
  const sources = files.filter((f) => isTypeScript(f.path)).map((f) => project.createSourceFile(`/${f.path}`, f.text, { overwrite: true }));
  const found: CheckDiagnostic[] = [];
  const mapping = sources.find((s) => relative(s) === secretsMappingFile);
  const secrets = mapping ? secretNames(mapping) : undefined;
  for (const source of sources) {
    const file = relative(source);
    if (moduleFolders.some((f) => file.startsWith(f))) {
      found.push(...checkModuleExport(source), ...checkModuleIO(source), ...checkHostImports(source));
    }
    if (configFolders.some((f) => file.startsWith(f))) {
      for (const call of mkOptionCalls(source)) found.push(...checkDescription(call), ...checkUntyped(call));
      found.push(...checkSecrets(source, secrets, mapping));
    }
  }
  return found;
}

function isTypeScript(file: string): boolean {
  return /\.(ts|mts|cts|tsx)$/.test(file) && !file.endsWith(".d.ts");
}

function relative(source: SourceFile): string {
  return source.getFilePath().slice(1);
}

function finding(code: RuleCode, node: Node, message: string, hint: string): CheckDiagnostic {
  const source = node.getSourceFile();
  const { line, column } = source.getLineAndColumnAtPos(node.getStart());
  return { code, severity: "error", file: relative(source), line, column, message, hint };
}

// ---------------------------------------------------------------- module-export

/**
 * One default export, made with `defineModule(...)` (directly, or a `const` of this file holding
 * one); no other value exports. Type-only exports (interfaces, `export type`) are allowed.
 */
function checkModuleExport(source: SourceFile): CheckDiagnostic[] {
  const found: CheckDiagnostic[] = [];
  const defaults: Node[] = [];
  for (const statement of source.getStatements()) {
    if (Node.isExportAssignment(statement)) {
      if (!statement.isExportEquals()) defaults.push(statement);
      continue;
    }
    if (Node.isExportDeclaration(statement)) {
      if (statement.isTypeOnly()) continue;
      for (const specifier of statement.getNamedExports()) {
        if (specifier.isTypeOnly()) continue;
        if ((specifier.getAliasNode()?.getText() ?? specifier.getName()) === "default") defaults.push(specifier);
        else found.push(extraExport(specifier, specifier.getAliasNode()?.getText() ?? specifier.getName()));
      }
      if (statement.isNamespaceExport()) found.push(extraExport(statement, "*"));
      continue;
    }
    if (Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement)) continue;
    if (!Node.isModifierable(statement) || !statement.hasModifier(SyntaxKind.ExportKeyword)) continue;
    if (statement.hasModifier(SyntaxKind.DefaultKeyword)) defaults.push(statement);
    else found.push(extraExport(statement, exportedNames(statement)));
  }
  if (defaults.length === 0) {
    found.push(
      finding(
        "module-export",
        source.getStatements()[0] ?? source,
        `${relative(source)} has no default export; every file in modules/ and home/ is one module.`,
        "End the file with `export default defineModule({ ... });`, or move helpers out of modules/ and home/.",
      ),
    );
  }
  for (const node of defaults.slice(1)) {
    found.push(finding("module-export", node, "A second default export.", "Keep one `export default defineModule(...)` per file."));
  }
  const first = defaults[0];
  if (first && !madeWithDefineModule(first, source)) {
    found.push(
      finding(
        "module-export",
        first,
        "The default export is not made with defineModule (or defineHomeModule in home/), so panther cannot tell where the module was written.",
        "Wrap it: `export default defineModule(...)`.",
      ),
    );
  }
  return found;
}

function extraExport(node: Node, name: string): CheckDiagnostic {
  return finding(
    "module-export",
    node,
    `${relative(node.getSourceFile())} exports \`${name}' besides its module; a file in modules/ and home/ exports exactly one module.`,
    "Move shared values and helpers to a file outside modules/ and home/ (e.g. lib/), or make them local.",
  );
}

function exportedNames(statement: Node): string {
  if (Node.isVariableStatement(statement)) return statement.getDeclarations().map((d) => d.getName()).join(", ");
  if (Node.hasName(statement)) return statement.getName();
  return statement.getKindName();
}

function madeWithDefineModule(node: Node, source: SourceFile): boolean {
  let expression: Node | undefined = Node.isExportAssignment(node) ? node.getExpression() : undefined;
  if (Node.isExportSpecifier(node)) expression = node.getNameNode();
  if (!expression) return false;
  expression = unwrap(expression);
  if (Node.isIdentifier(expression)) {
    const declaration = source.getVariableDeclaration(expression.getText());
    const initializer = declaration?.getInitializer();
    expression = initializer ? unwrap(initializer) : undefined;
  }
  return expression !== undefined && Node.isCallExpression(expression) && moduleDefiners.has(calleeName(expression) ?? "");
}

/** What records a module's location: NixOS modules and home-manager modules (home/). */
const moduleDefiners = new Set(["defineModule", "defineHomeModule"]);

/** `x as T`, `x satisfies T`, `(x)` and `x!` are x. */
function unwrap(node: Node): Node {
  let current = node;
  while (Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isParenthesizedExpression(current) || Node.isNonNullExpression(current)) {
    current = current.getExpression();
  }
  return current;
}

/** `f(...)` and `a.b.f(...)` are calls of `f`. */
function calleeName(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  if (Node.isIdentifier(callee)) return callee.getText();
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  return undefined;
}

// ---------------------------------------------------------------- module-io, module-imports-host

/** Every module specifier the file loads: imports, re-exports, `import()` and `require()`. */
function moduleSpecifiers(source: SourceFile): { specifier: string; node: Node }[] {
  const found: { specifier: string; node: Node }[] = [];
  for (const statement of source.getStatements()) {
    if (Node.isImportDeclaration(statement) || Node.isExportDeclaration(statement)) {
      const node = statement.getModuleSpecifier();
      if (node) found.push({ specifier: node.getLiteralText(), node });
    }
  }
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const isLoader = callee.getKind() === SyntaxKind.ImportKeyword || (Node.isIdentifier(callee) && callee.getText() === "require");
    const [first] = call.getArguments();
    if (isLoader && first && Node.isStringLiteral(first)) found.push({ specifier: first.getLiteralText(), node: first });
  }
  return found;
}

function checkModuleIO(source: SourceFile): CheckDiagnostic[] {
  const found: CheckDiagnostic[] = [];
  const hint = "A module describes configuration: read files and facts in flake.ts or a host's facts.ts and pass them in (the `facts` argument), or emit Nix that does it at build time.";
  for (const { specifier, node } of moduleSpecifiers(source)) {
    const name = specifier.replace(/^node:/, "");
    if (ioModules.has(name)) found.push(finding("module-io", node, `A module imports \`${specifier}'; modules do no I/O.`, hint));
  }
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (Node.isIdentifier(callee) && callee.getText() === "fetch") found.push(finding("module-io", call, "A module calls fetch(); modules do no network I/O.", hint));
  }
  for (const access of source.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    const object = access.getExpression();
    if (Node.isIdentifier(object) && object.getText() === "process") {
      found.push(finding("module-io", access, `A module reads \`${access.getText()}'; its result would depend on the machine running panther.`, hint));
    }
  }
  return found;
}

function checkHostImports(source: SourceFile): CheckDiagnostic[] {
  const file = relative(source);
  return moduleSpecifiers(source)
    .filter(({ specifier }) => specifier.startsWith(".") && path.join(path.dirname(file), specifier).startsWith("hosts/"))
    .map(({ specifier, node }) =>
      finding(
        "module-imports-host",
        node,
        `A module imports \`${specifier}' from hosts/; shared modules must not depend on a host.`,
        "Turn what the module needs into an option the host sets, or move the code into modules/.",
      ),
    );
}

// ---------------------------------------------------------------- options

function mkOptionCalls(source: SourceFile): CallExpression[] {
  return source.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => calleeName(c) === "mkOption");
}

/**
 * The argument must be an object literal with a non-blank `description`. An argument panther
 * cannot see into (a variable, a spread) is not judged.
 */
function checkDescription(call: CallExpression): CheckDiagnostic[] {
  const hint = 'Add `description: "…"`: it is shown by `panther option` and in the generated option docs.';
  const [spec] = call.getArguments();
  if (!spec) return [finding("option-description", call, "mkOption() without a declaration.", hint)];
  if (!Node.isObjectLiteralExpression(spec) || spec.getProperties().some(Node.isSpreadAssignment)) return [];
  const description = spec.getProperty("description");
  if (!description) return [finding("option-description", call, "An option without a description.", hint)];
  const value = Node.isPropertyAssignment(description) ? description.getInitializer() : undefined;
  if (value && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) && value.getLiteralText().trim() === "") {
    return [finding("option-description", value, "An option with an empty description.", hint)];
  }
  return [];
}

/**
 * In an option declaration (the mkOption call's type arguments and argument, not nested mkOption
 * calls nor `freeformType`): `types.anything`, `types.unspecified`, `types.raw` (any qualifier
 * ending in `types`), and the TypeScript `any` type.
 */
function checkUntyped(call: CallExpression): CheckDiagnostic[] {
  const found: CheckDiagnostic[] = [];
  const visit = (node: Node): void => {
    if (node !== call && Node.isCallExpression(node) && calleeName(node) === "mkOption") return;
    if (Node.isPropertyAssignment(node) && node.getName() === "freeformType") return;
    if (node.getKind() === SyntaxKind.AnyKeyword) {
      found.push(finding("option-any", node, "`any` in an option declaration turns off type checking of its values.", "Give the precise type, or `unknown` and a panther type that checks it."));
    } else if (Node.isPropertyAccessExpression(node) && untypedTypes.has(node.getName()) && /(^|\.)types$/.test(node.getExpression().getText())) {
      found.push(
        finding(
          "option-any",
          node,
          `An option of type \`${node.getText()}' accepts any value, so mistakes in it are never reported.`,
          "Use a precise type (types.str, types.attrsOf(types.int), types.submodule({...}), …).",
        ),
      );
    }
    node.forEachChild(visit);
  };
  for (const argument of call.getTypeArguments()) visit(argument);
  for (const argument of call.getArguments()) visit(argument);
  return found;
}

// ---------------------------------------------------------------- secrets

interface SecretNames {
  readonly names: ReadonlySet<string>;
  /** The mapping has a spread or computed key: names outside `names` may still exist. */
  readonly open: boolean;
}

/** The keys of the object passed to `defineSecrets(...)` (inline, or a `const` of the same file). */
export function secretNames(mapping: SourceFile): SecretNames | undefined {
  const call = mapping.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => calleeName(c) === "defineSecrets");
  let object: Node | undefined = call?.getArguments()[0];
  if (object) object = unwrap(object);
  if (object && Node.isIdentifier(object)) {
    const initializer = mapping.getVariableDeclaration(object.getText())?.getInitializer();
    object = initializer ? unwrap(initializer) : undefined;
  }
  if (!object || !Node.isObjectLiteralExpression(object)) return undefined;
  const names = new Set<string>();
  let open = false;
  for (const property of object.getProperties()) {
    const nameNode = Node.isSpreadAssignment(property) ? undefined : property.getNameNode();
    if (!nameNode || Node.isComputedPropertyName(nameNode)) open = true;
    else names.add(Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? nameNode.getLiteralText() : nameNode.getText());
  }
  return { names, open };
}

function checkSecrets(source: SourceFile, secrets: SecretNames | undefined, mapping: SourceFile | undefined): CheckDiagnostic[] {
  const calls = source.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => calleeName(c) === "secret");
  const found: CheckDiagnostic[] = [];
  for (const call of calls) {
    const [argument] = call.getArguments();
    if (!argument || !(Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument))) {
      found.push(finding("unknown-secret", argument ?? call, "secret() takes the secret's name as a string literal, so that the name can be checked.", 'Write the name out: secret("wifi-password").'));
      continue;
    }
    const name = argument.getLiteralText();
    if (!secrets) {
      const where = mapping ? `${secretsMappingFile} does not pass an object literal to defineSecrets(...)` : `the project has no ${secretsMappingFile}`;
      found.push(finding("unknown-secret", argument, `The secret "${name}" cannot be checked: ${where}.`, `Define it in ${secretsMappingFile}: export default defineSecrets({ "${name}": … }).`));
    } else if (!secrets.names.has(name) && !secrets.open) {
      const known = [...secrets.names].sort();
      found.push(
        finding(
          "unknown-secret",
          argument,
          `There is no secret "${name}" in ${secretsMappingFile}.`,
          didYouMeanSecret(name, known) ?? `Add it to the object passed to defineSecrets in ${secretsMappingFile}${known.length ? ` (it defines: ${known.join(", ")})` : ""}.`,
        ),
      );
    }
  }
  return found;
}

function didYouMeanSecret(name: string, known: readonly string[]): string | undefined {
  return didYouMean(suggest(name, known)) || undefined;
}
