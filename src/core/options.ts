// Option declarations: `mkOption` and the tree of declared options built from every module.
// Declarations of one option in several modules merge as in nixpkgs `mergeOptionDecls`.

import { PantherError, showOption } from "./errors.ts";
import { formatLocation, type SourceLocation } from "./location.ts";
import { unspecified } from "./types/basic.ts";
import { mergeTypes, type OptionType } from "./types/type.ts";
import { hasOwn, hasTypeTag, isAttrs } from "./wrappers.ts";
import { MergeBase, type Definition } from "./merge.ts";
import { sortStrings } from "./sort.ts";

export interface OptionSpec<T> {
  readonly type?: OptionType<T>;
  readonly default?: T;
  /** How the default reads in documentation when it is computed. */
  readonly defaultText?: string;
  readonly description?: string;
  readonly example?: unknown;
  readonly readOnly?: boolean;
  /** Maps the merged value; other modules read the mapped value. */
  readonly apply?: (value: T) => unknown;
  /**
   * Declared by NixOS, home-manager or a flake input (not by panther): definitions of it are
   * emitted into the generated files. panther's own options are lowered, never emitted.
   */
  readonly external?: boolean;
  /** Hidden from documentation (renamed options). */
  readonly visible?: boolean;
  readonly internal?: boolean;
}

export interface OptionDeclaration<T = unknown> extends OptionSpec<T> {
  readonly _type: "option";
  readonly type: OptionType<T>;
}

/**
 * Every declaration has the same fields, absent ones undefined: one hidden class for all of them
 * (reads of `default`, `apply`, … stay monomorphic). Spreading `spec` and then setting `type`
 * again gave a shape per spec and redefined a field on every call, which V8 handled in its
 * runtime each time.
 */
export function mkOption<T = unknown>(spec: OptionSpec<T> = {}): OptionDeclaration<T> {
  return {
    _type: "option",
    type: spec.type ?? (unspecified as OptionType<T>),
    default: spec.default,
    defaultText: spec.defaultText,
    description: spec.description,
    example: spec.example,
    readOnly: spec.readOnly,
    apply: spec.apply,
    external: spec.external,
    visible: spec.visible,
    internal: spec.internal,
  };
}

export function isOptionDeclaration(value: unknown): value is OptionDeclaration {
  return typeof value === "object" && value !== null && hasTypeTag(value) && isAttrs(value) && value._type === "option";
}

/** One declaration as written: the declaration and the module that holds it. */
export interface DeclarationSite {
  readonly decl: OptionDeclaration;
  readonly source: SourceLocation;
  /** Index of the declaring module in definition order (to re-read computed defaults). */
  readonly moduleIndex: number;
  readonly path: readonly string[];
}

/**
 * A declared option, and its state in the evaluation that owns the declaration tree: one object
 * per option, whose fields are all set by the constructor (property reads on it stay
 * monomorphic; see `MergeBase` for why they have no initializers). The node is its own first
 * declaration site; further declarations of the same option are in `more`. The merge result (the
 * `MergeBase` part) is filled in when it is first needed. Tens of thousands of these live as long
 * as the evaluation, so the node keeps only what cannot be read elsewhere: `kind` is on the
 * prototype, and the declaration's fields (default, apply, readOnly) are read from `decl` (one
 * hidden class for all declarations, see `mkOption`) unless there are several declarations.
 */
export class OptionNode extends MergeBase implements DeclarationSite {
  declare readonly kind: "option";
  declare readonly path: readonly string[];
  declare readonly decl: OptionDeclaration;
  declare readonly source: SourceLocation;
  /** Index of the declaring module in definition order (to re-read computed defaults). */
  declare readonly moduleIndex: number;
  /** Declarations after the first (rare), or undefined. */
  declare more: DeclarationSite[] | undefined;
  declare type: OptionType;
  /** Namespace declarations below a submodule option, added to the submodule as options (rare). */
  declare nestedOptions: { options: object; source: SourceLocation }[] | undefined;
  // The evaluation's state of this option.
  /**
   * The option's definitions from modules, in definition order: a module whose first call did not
   * read config contributes its definitions directly; one that did contributes its index, and its
   * definitions come from its real call when first needed.
   */
  declare entries: (Definition | number)[];
  /** Whether `entries` holds a module index. */
  declare pending: boolean;
  /** Whether the merge result (the `MergeBase` part) is filled in. */
  declare ready: boolean;
  /** The option's value (after `apply`), or `unset`. */
  declare value: unknown;
  /** Whether the option is being evaluated (a second entry is a cycle). */
  declare busy: boolean;

  constructor(path: readonly string[], decl: OptionDeclaration, source: SourceLocation, moduleIndex: number) {
    super();
    this.path = path;
    this.decl = decl;
    this.source = source;
    this.moduleIndex = moduleIndex;
    this.more = undefined;
    this.type = decl.type;
    this.nestedOptions = undefined;
    this.entries = noEntries;
    this.pending = false;
    this.ready = false;
    this.value = unset;
    this.busy = false;
  }

  protected subjectPath(): readonly string[] {
    return this.path;
  }
  protected subjectType(): OptionType {
    return this.type;
  }
  protected setSubject(): void {}
}
Object.defineProperty(OptionNode.prototype, "kind", { value: "option" });

/** The value of an option not evaluated yet. */
export const unset: unique symbol = Symbol("unset");
const noEntries: (Definition | number)[] = [];

export interface NamespaceNode {
  readonly kind: "namespace";
  readonly path: readonly string[];
  readonly children: Map<string, OptionNode | NamespaceNode>;
  /** Declarations supplied on demand (upstream NixOS options), merged in when a name is first looked up. */
  lazy?: LazyDeclarations;
}

/**
 * A source of declarations that are only materialised when used: 20,000 upstream options cost
 * nothing until a definition, a read or a lookup reaches one of them.
 */
export interface LazyDeclarations {
  /** The declaration at `name`: an option, or a nested lazy namespace; undefined if none. */
  get(name: string): { option: OptionDeclaration; source: SourceLocation } | { namespace: LazyDeclarations } | undefined;
  names(): readonly string[];
}

/**
 * `[...path, name]` in an exactly sized array. Paths are kept by every option, and both spread and
 * `concat` with a string are slow or leave spare room (concat takes a generic path for non-arrays).
 */
export function childPath(path: readonly string[], name: string): string[] {
  const out = new Array<string>(path.length + 1);
  for (let i = 0; i < path.length; i++) out[i] = path[i]!;
  out[path.length] = name;
  return out;
}

/** Look up a child, materialising a lazily declared one on first use. */
export function childOf(node: NamespaceNode, name: string): DeclNode | undefined {
  const existing = node.children.get(name);
  if (existing || !node.lazy) return existing;
  const found = node.lazy.get(name);
  if (!found) return undefined;
  const path = childPath(node.path, name);
  const child: DeclNode =
    "option" in found
      ? new OptionNode(path, found.option, found.source, -1)
      : { kind: "namespace", path, children: new Map(), lazy: found.namespace };
  node.children.set(name, child);
  return child;
}

/** Every child name, declared or lazy, sorted. */
export function childNames(node: NamespaceNode): string[] {
  if (!node.lazy) return sortStrings([...node.children.keys()]);
  const names = new Set(node.children.keys());
  for (const n of node.lazy.names()) names.add(n);
  return [...names].sort();
}

export type DeclNode = OptionNode | NamespaceNode;

/** Every declaration of an option, in module order. */
export function sitesOf(node: OptionNode): DeclarationSite[] {
  return node.more ? [node, ...node.more] : [node];
}

function addNested(node: OptionNode, nested: { options: object; source: SourceLocation }, withNested: OptionNode[]): void {
  if (!node.nestedOptions) {
    node.nestedOptions = [];
    withNested.push(node);
  }
  node.nestedOptions.push(nested);
}

export function emptyNamespace(path: readonly string[]): NamespaceNode {
  return { kind: "namespace", path, children: new Map() };
}

/**
 * Add one module's `options` tree to the declaration tree. Options that get namespace
 * declarations below them (`nestedOptions`) are added to `withNested` (once each).
 */
export function addDeclarations(root: NamespaceNode, options: unknown, source: SourceLocation, moduleIndex: number, withNested: OptionNode[]): void {
  walk(root, options, source, moduleIndex, withNested);
}

function walk(node: NamespaceNode, tree: unknown, source: SourceLocation, moduleIndex: number, withNested: OptionNode[]): void {
  if (!isAttrs(tree)) {
    throw new PantherError({
      code: "invalid-module",
      message: `In module \`${formatLocation(source)}': the options under \`${showOption(node.path)}' must be an object of option declarations (mkOption) and namespaces.`,
      optionPath: node.path,
      locations: [{ ...source, role: "module" }],
    });
  }
  for (const name in tree) {
    if (!hasOwn.call(tree, name)) continue;
    const value = tree[name];
    const existing = childOf(node, name);
    if (isOptionDeclaration(value)) {
      const path = existing ? existing.path : childPath(node.path, name);
      if (!existing) node.children.set(name, new OptionNode(path, value, source, moduleIndex));
      else if (existing.kind === "option") addSite(existing, { decl: value, source, moduleIndex, path });
      else node.children.set(name, optionOverNamespace(new OptionNode(path, value, source, moduleIndex), existing, withNested));
    } else if (existing?.kind === "option") {
      addNested(existing, { options: value as object, source }, withNested);
    } else if (existing) {
      walk(existing, value, source, moduleIndex, withNested);
    } else {
      const child = emptyNamespace(childPath(node.path, name));
      node.children.set(name, child);
      walk(child, value, source, moduleIndex, withNested);
    }
  }
}

/** A namespace declared first and an option declared later at the same path. */
function optionOverNamespace(option: OptionNode, namespace: NamespaceNode, withNested: OptionNode[]): OptionNode {
  addNested(option, { options: namespaceToOptions(namespace), source: option.source }, withNested);
  return option;
}

function namespaceToOptions(node: NamespaceNode): object {
  const out: Record<string, unknown> = {};
  for (const name of childNames(node)) {
    const child = childOf(node, name)!;
    out[name] = child.kind === "option" ? child.decl : namespaceToOptions(child);
  }
  return out;
}

const exclusiveFields = ["default", "example", "description", "apply"] as const;

/** `mergeOptionDecls`: a second declaration merges only with a compatible type and no repeated field. */
function addSite(node: OptionNode, site: DeclarationSite): void {
  const sites = sitesOf(node);
  const clash = exclusiveFields.find((f) => site.decl[f] !== undefined && sites.some((s) => s.decl[f] !== undefined));
  const merged = clash ? null : mergeTypes(node.type, site.decl.type);
  if (!merged) {
    const first = node;
    throw new PantherError({
      code: "duplicate-declaration",
      message:
        `The option \`${showOption(node.path)}' in \`${formatLocation(site.source)}' is already declared in \`${formatLocation(first.source)}'` +
        (clash ? ` (both declare its ${clash}).` : ` with an incompatible type (\`${node.type.description}' vs \`${site.decl.type.description}').`),
      optionPath: node.path,
      locations: [
        { ...site.source, role: "declaration" },
        ...sites.map((s) => ({ ...s.source, role: "declaration" })),
      ],
      hint: "Declare each option once; other modules set it through `config`.",
    });
  }
  node.type = merged;
  (node.more ??= []).push(site);
}

/** The declaration field that at most one site may carry (default, description, …). */
export function declField<K extends keyof OptionDeclaration>(node: OptionNode, field: K): OptionDeclaration[K] | undefined {
  if (node.decl[field] !== undefined) return node.decl[field];
  for (const site of node.more ?? []) if (site.decl[field] !== undefined) return site.decl[field];
  return undefined;
}

// What the evaluation reads of an option's declarations. Most options have one declaration: its
// fields are read directly (callers check `more === undefined` first, sparing a call).

/** Whether any declaration of the option is read-only. */
export function isReadOnly(node: OptionNode): boolean {
  if (node.decl.readOnly === true) return true;
  return node.more !== undefined && node.more.some((site) => site.decl.readOnly === true);
}

/** The option's `apply` (at most one declaration may have one). */
export function applyOf(node: OptionNode): OptionDeclaration["apply"] {
  if (node.decl.apply !== undefined || node.more === undefined) return node.decl.apply;
  return node.more.find((site) => site.decl.apply !== undefined)?.decl.apply;
}

/** The declaration that gives the option its default (at most one may), if any. */
export function defaultSite(node: OptionNode): DeclarationSite | undefined {
  if (node.decl.default !== undefined) return node;
  return node.more?.find((site) => site.decl.default !== undefined);
}
