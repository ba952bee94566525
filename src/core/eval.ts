// evalModules: collect modules, declare options, index definitions, and evaluate each option on
// demand (the fixpoint). Mirrors nixpkgs `lib.evalModules`; see docs/module-system.md for the design.

import { collectModules, type CollectedModule } from "./collect.ts";
import { PantherError, showOption } from "./errors.ts";
import { captureCallerLocation, formatLocation, type SourceLocation } from "./location.ts";
import { isTagged, mergeDefinitions, noDefault, type Definition, type MergeResult } from "./merge.ts";
import { normalizeModule, type Module, type ModuleArgs } from "./module.ts";
import {
  addDeclarations,
  childNames,
  childOf,
  applyOf,
  defaultSite,
  emptyNamespace,
  isReadOnly,
  isOptionDeclaration,
  sitesOf,
  unset,
  type LazyDeclarations,
  type NamespaceNode,
  type OptionNode,
} from "./options.ts";
import { isTainted, makeProbe } from "./probe.ts";
import { showDefinitions } from "./show.ts";
import { dictionary } from "./dictionary.ts";
import { splitConfig, splitInto, type SplitResult } from "./split.ts";
import { didYouMean, suggest } from "./suggest.ts";
import { isSubmoduleType, withExtraModules } from "./types/submodule.ts";
import type { OptionType } from "./types/type.ts";
import { mkOptionDefault, priorities } from "./wrappers.ts";
import { provenanceOf, type OptionView } from "./provenance.ts";
import { appended } from "./arrays.ts";

export interface EvalModulesArgs {
  readonly modules: readonly Module[];
  /** Extra module arguments, available while modules are collected (unlike config). */
  readonly specialArgs?: Readonly<Record<string, unknown>>;
  /** The option path this evaluation lives under (set for submodules). */
  readonly prefix?: readonly string[];
  /** Declarations materialised on demand (upstream NixOS or home-manager options). */
  readonly lazyDeclarations?: LazyDeclarations;
}

export interface EvalResult<Config = any> {
  readonly config: Config;
  readonly options: any;
}

/** Arguments every module receives (lib, pkgs); registered by the public API to avoid an import cycle. */
let defaultArgs: Record<string, unknown> = {};
export function registerDefaultArgs(args: Record<string, unknown>): void {
  defaultArgs = { ...defaultArgs, ...args };
}

const evaluations = new WeakMap<object, Evaluation>();

export interface DefinedOptions {
  /** The option path the evaluation lives under (a submodule's option path). */
  readonly prefix: readonly string[];
  /** The options that have definitions from modules (not only a declared default), sorted by path. */
  readonly options: readonly OptionView[];
  /** The merged freeform definitions, if the evaluation has a freeform type. */
  readonly freeform: Readonly<Record<string, unknown>> | undefined;
}

/** What an evaluation defines; accepts an evaluation's `config`, including a submodule value. */
export function definedOptions(config: unknown): DefinedOptions | undefined {
  const evaluation = typeof config === "object" && config !== null ? evaluations.get(config) : undefined;
  return evaluation?.defined();
}

/** The `options` tree of the evaluation behind a `config` (a submodule value included), if it is one. */
export function optionsOf(config: unknown): object | undefined {
  const evaluation = typeof config === "object" && config !== null ? evaluations.get(config) : undefined;
  return evaluation?.optionsProxy;
}

/** Option paths being evaluated right now, across nested evaluations, for cycle messages. */
const activeOptions: OptionNode[] = [];

export function evalModules<Config = any>(args: EvalModulesArgs): EvalResult<Config> {
  const evaluation = new Evaluation(args, captureCallerLocation() ?? { file: "<unknown-file>" });
  return { config: evaluation.configProxy as Config, options: evaluation.optionsProxy };
}

interface ModuleState {
  /** Undeclared paths the first call defined (final unless the module is called again). */
  unmatched: SplitResult["unmatched"];
  /** The definitions of the probe call, kept for modules that read config (see probe.ts). */
  probe?: SplitResult["defs"];
  /** The definitions of the real call of a module that read config. */
  real?: SplitResult;
  realOptions?: object;
  running: boolean;
  /** The option whose evaluation started this module's real call (for cycle messages). */
  runningFor?: OptionNode;
}

class Evaluation {
  readonly prefix: readonly string[];
  readonly root: NamespaceNode;
  readonly configProxy: object;
  readonly optionsProxy: object;
  private collecting = true;
  private touched = false;
  private configRoot: object = {};
  private optionsRoot: object = {};
  private readonly moduleArgs: ModuleArgs;
  private readonly modules: CollectedModule[];
  private readonly states: ModuleState[] = [];
  /** Every option with definitions from modules, in order of the first one. */
  private readonly definedNodes: OptionNode[] = [];
  private readonly freeformType: OptionType | undefined;
  private freeformValue: { v: unknown } | undefined;

  constructor(args: EvalModulesArgs, fallbackSource: SourceLocation) {
    this.prefix = args.prefix ?? [];
    this.root = emptyNamespace(this.prefix);
    if (args.lazyDeclarations) this.root.lazy = args.lazyDeclarations;
    this.configProxy = this.phasedProxy(() => this.configRoot);
    this.optionsProxy = this.phasedProxy(() => this.optionsRoot);
    this.moduleArgs = { ...defaultArgs, ...args.specialArgs, config: this.configProxy, options: this.optionsProxy } as ModuleArgs;
    this.modules = collectModules(args.modules, {
      fallbackSource,
      probeCall: (fn) => {
        this.touched = false;
        const result = fn(this.moduleArgs);
        return { result, touched: this.touched };
      },
    });
    this.freeformType = this.modules.find((m) => m.normal.freeformType)?.normal.freeformType;
    const withNested: OptionNode[] = [];
    this.modules.forEach((m, i) => addDeclarations(this.root, m.normal.options ?? {}, m.source, i, withNested));
    for (const option of withNested) this.resolveNestedOptions(option);
    this.modules.forEach((m, i) => this.indexModule(m, i));
    this.collecting = false;
    this.configRoot = this.configTree(this.root);
    this.optionsRoot = this.optionsTree(this.root);
    evaluations.set(this.configProxy, this);
  }

  defined(): DefinedOptions {
    const nodes = [...this.definedNodes];
    nodes.sort((a, b) => comparePaths(a.path, b.path));
    return {
      prefix: this.prefix,
      options: nodes.map((node) => this.optionView(node)),
      freeform: this.freeformType ? (this.freeform() as Record<string, unknown>) : undefined,
    };
  }

  /**
   * `config` and `options` as given to modules: while modules are collected, every read returns a
   * probe (see probe.ts); afterwards reads go to the real, lazily evaluated trees.
   */
  private phasedProxy(target: () => object): object {
    return new Proxy(
      {},
      {
        get: (_t, key) => {
          if (!this.collecting) return Reflect.get(target(), key);
          this.touched = true;
          return typeof key === "symbol" ? undefined : makeProbe([key]);
        },
        has: (_t, key) => !this.collecting && key in target(),
        ownKeys: () => (this.collecting ? [] : Reflect.ownKeys(target())),
        getOwnPropertyDescriptor: (_t, key) => {
          if (this.collecting) return undefined;
          const d = Reflect.getOwnPropertyDescriptor(target(), key);
          return d && { ...d, configurable: true };
        },
      },
    );
  }

  /** Options declared below a submodule option extend the submodule; below any other type they are an error. */
  private resolveNestedOptions(option: OptionNode): void {
    const nested = option.nestedOptions!;
    if (!isSubmoduleType(option.type)) {
      throw new PantherError({
        code: "duplicate-declaration",
        message: `The option \`${showOption(option.path)}' would be a parent of other declared options, but its type \`${option.type.description}' does not support nested options.`,
        optionPath: option.path,
        locations: [...sitesOf(option).map((s) => ({ ...s.source, role: "declaration" })), ...nested.map((n) => ({ ...n.source, role: "declaration" }))],
      });
    }
    option.type = withExtraModules(option.type, nested.map((n) => ({ options: n.options })));
  }

  private indexModule(module: CollectedModule, i: number): void {
    const { source } = module;
    let unmatched: SplitResult["unmatched"];
    if (module.touched) {
      const probe = splitConfig(module.normal.config, this.root, source);
      this.states.push({ unmatched: probe.unmatched, probe: probe.defs, running: false });
      for (const option of probe.defs.keys()) this.addEntry(option, i);
      unmatched = probe.unmatched;
    } else {
      unmatched = splitInto(module.normal.config, this.root, source, (option, value) => this.addEntry(option, { source, value }));
      this.states.push({ unmatched, running: false });
    }
    if (!this.freeformType && unmatched.length > 0) throw this.undefinedOption(unmatched[0]!, source);
  }

  private undefinedOption(entry: { path: string[]; value: unknown }, source: SourceLocation): PantherError {
    const { path } = entry;
    let node: NamespaceNode = this.root;
    let depth = this.prefix.length;
    while (depth < path.length - 1) {
      const next = childOf(node, path[depth]!);
      if (!next || next.kind !== "namespace") break;
      node = next;
      depth++;
    }
    const names = suggest(path[depth]!, childNames(node)).map((n) => showOption([...node.path, n]));
    const nothingDeclared = this.root.children.size === 0;
    return new PantherError({
      code: "undefined-option",
      message:
        `The option \`${showOption(path)}' does not exist. Definition values:\n${showDefinitions([{ source, value: entry.value }])}` +
        (names.length > 0 ? `\n\n${didYouMean(names)}` : "") +
        (nothingDeclared ? "\n\nIt seems as if you're trying to declare an option by placing it into `config' rather than `options'!" : ""),
      optionPath: path,
      locations: [{ ...source, role: "definition" }],
      ...(names.length > 0 ? { hint: didYouMean(names) } : {}),
    });
  }

  // ---------------------------------------------------------------- definitions of one option

  /** The definitions of an option by a module that read config, from its real call (made on first need). */
  private moduleDefs(i: number, option: OptionNode): readonly unknown[] {
    const state = this.states[i]!;
    if (state.real) return state.real.defs.get(option) ?? [];
    if (state.running) {
      // Re-entered while this module's real call runs: its probe values are exact unless tainted.
      const values = state.probe?.get(option) ?? [];
      if (values.some((v) => isTainted(v))) throw this.cycle(option, this.modules[i]!.source, state.runningFor);
      return values;
    }
    return this.runReal(i).defs.get(option) ?? [];
  }

  private runReal(i: number): SplitResult {
    const state = this.states[i]!;
    const module = this.modules[i]!;
    state.running = true;
    state.runningFor = activeOptions.at(-1);
    try {
      const normal = normalizeModule(module.fn!(this.moduleArgs), module.source);
      const real = splitConfig(normal.config, this.root, module.source);
      for (const option of real.defs.keys()) {
        if (!state.probe?.has(option)) throw this.structureChanged(option, module.source);
      }
      if (!this.freeformType && real.unmatched.length > 0) throw this.undefinedOption(real.unmatched[0]!, module.source);
      state.real = real;
      state.realOptions = normal.options;
      return real;
    } finally {
      state.running = false;
    }
  }

  private structureChanged(option: OptionNode, source: SourceLocation): PantherError {
    return new PantherError({
      code: "infinite-recursion",
      message: `The module at \`${formatLocation(source)}' defines \`${showOption(option.path)}' only for some values of \`config'. Which options a module defines cannot depend on the configuration (in Nix this is an infinite recursion): write \`mkIf(condition, { … })\` instead of a JavaScript conditional.`,
      optionPath: option.path,
      locations: [{ ...source, role: "module" }],
    });
  }

  /**
   * An option that needs itself. `via` is set when the loop closes through a module whose real
   * call is still running (it was started for `via`), e.g. `{ a = config.b; b = config.a; }`.
   */
  private cycle(option: OptionNode, source?: SourceLocation, via?: OptionNode): PantherError {
    const name = showOption(option.path);
    const closing = via ?? option;
    const start = activeOptions.indexOf(closing);
    const nodes = [...(start >= 0 ? activeOptions.slice(start) : activeOptions), ...(via && via !== option && activeOptions.at(-1) !== option ? [option] : []), closing];
    const chain = nodes.map((n) => showOption(n.path));
    return new PantherError({
      code: "infinite-recursion",
      message: `Infinite recursion: the value of \`${name}' depends on itself:\n  ${chain.join("\n  → ")}` +
        (source ? `\nwhile evaluating the module at \`${formatLocation(source)}'` : ""),
      optionPath: option.path,
      locations: [
        ...sitesOf(option).map((s) => ({ ...s.source, role: "declaration" })),
        ...(source ? [{ ...source, role: "module" }] : []),
      ],
    });
  }

  /** Every definition of the option, in definition order, the declared default first. */
  definitionsOf(option: OptionNode): Definition[] {
    const defaultValue = this.defaultOf(option);
    const first: Definition[] = defaultValue === noDefault ? [] : [{ source: option.source, value: mkOptionDefault(defaultValue) }];
    return [...first, ...this.moduleDefinitions(option)];
  }

  /** The option's definitions from modules (without the default), in definition order. */
  private moduleDefinitions(option: OptionNode): Definition[] {
    // The common case, no module left to call: the list itself (merge results may keep it).
    if (!option.pending) return option.entries as Definition[];
    const defs: Definition[] = [];
    for (const entry of option.entries) {
      if (typeof entry !== "number") {
        defs.push(entry);
        continue;
      }
      const source = this.modules[entry]!.source;
      for (const value of this.moduleDefs(entry, option)) defs.push({ source, value });
    }
    return defs;
  }

  /** The declared default, or `noDefault`. */
  private defaultOf(option: OptionNode): unknown {
    const site = defaultSite(option);
    if (!site) return noDefault;
    // Only a module whose first call read config can hold a probe (upstream declarations have no module).
    if (site.moduleIndex < 0 || !this.modules[site.moduleIndex]!.touched || !isTainted(site.decl.default)) return site.decl.default;
    // A default computed from config: take it from the declaring module's real call.
    const state = this.states[site.moduleIndex]!;
    if (!state.realOptions) this.runReal(site.moduleIndex);
    let node: unknown = state.realOptions;
    for (const key of site.path.slice(this.prefix.length)) node = (node as Record<string, unknown> | undefined)?.[key];
    if (!isOptionDeclaration(node) || isTainted(node.default)) throw this.cycle(option, site.source);
    return node.default;
  }

  // ---------------------------------------------------------------- evaluation of one option

  private addEntry(option: OptionNode, entry: Definition | number): void {
    if (option.entries.length === 0) this.definedNodes.push(option);
    option.entries = appended(option.entries, entry);
    if (typeof entry === "number") option.pending = true;
  }

  private enter(option: OptionNode): void {
    if (option.busy) throw this.cycle(option);
    option.busy = true;
    activeOptions.push(option);
  }

  private leave(option: OptionNode): void {
    option.busy = false;
    activeOptions.pop();
  }

  resultOf(option: OptionNode): MergeResult {
    if (option.ready) return option;
    this.enter(option);
    try {
      this.merge(option);
      return option;
    } finally {
      this.leave(option);
    }
  }

  /** Fills in the option's merge result (the caller has entered it). */
  private merge(option: OptionNode): void {
    // (The common cases without a call: no default, no module left to call. This runs for every option.)
    const defaultValue = option.decl.default === undefined && option.more === undefined ? noDefault : this.defaultOf(option);
    const defs = option.pending ? this.moduleDefinitions(option) : (option.entries as Definition[]);
    if (defs.length + (defaultValue === noDefault ? 0 : 1) > 1 && isReadOnly(option)) throw this.readOnly(option, this.definitionsOf(option));
    // A default carrying a wrapper tag goes through the pipeline as Nix's `mkOptionDefault` definition.
    if (typeof defaultValue === "object" && defaultValue !== null && isTagged(defaultValue)) {
      mergeDefinitions(option.path, option.type, this.definitionsOf(option), noDefault, undefined, option);
    } else mergeDefinitions(option.path, option.type, defs, defaultValue, option.source, option);
    option.ready = true;
  }

  private readOnly(option: OptionNode, defs: readonly Definition[]): PantherError {
    return new PantherError({
      code: "read-only",
      message: `The option \`${showOption(option.path)}' is read-only, but it's set multiple times. Definition values:\n${showDefinitions(defs.map((d) => ({ source: d.source, value: stripPriority(d.value) })))}`,
      optionPath: option.path,
      locations: defs.map((d) => ({ ...d.source, role: "definition" })),
    });
  }

  valueOf(option: OptionNode): unknown {
    if (option.value !== unset) return option.value;
    this.enter(option);
    try {
      if (!option.ready) this.merge(option);
      const merged = option.mergedValue();
      const apply = option.more === undefined ? option.decl.apply : applyOf(option);
      const v = apply ? apply(merged as never) : merged;
      option.value = v;
      return v;
    } finally {
      this.leave(option);
    }
  }

  // ---------------------------------------------------------------- the result trees

  /** Calls every module whose probe call read config for real (see probe.ts), checking its structure. */
  callEveryModule(): void {
    this.modules.forEach((m, i) => {
      const state = this.states[i]!;
      if (m.touched && !state.real && !state.running) this.runReal(i);
    });
  }

  /** `config` below a namespace (see ConfigTreeHandler). */
  configTree(node: NamespaceNode): object {
    return new Proxy({}, new ConfigTreeHandler(this, node));
  }

  /** The whole configuration under a namespace as plain data (the fast path of JSON.stringify). */
  materialize(node: NamespaceNode): Record<string, unknown> {
    // A namespace of a few declared options is an ordinary object: namespaces that declare the
    // same names (every instance of a submodule, say) share one hidden class, which V8 builds and
    // prints fastest. Larger or freeform ones are dictionaries (see dictionary.ts).
    const out = node.children.size <= smallNamespace && !node.lazy && !this.freeformType ? {} : dictionary();
    if (this.freeformType) {
      const rel = node.path.slice(this.prefix.length);
      for (const key of this.freeformKeys(node)) out[key] = this.freeformAt([...rel, key]);
    }
    const names = childNames(node);
    for (let i = 0; i < names.length; i++) {
      const child = childOf(node, names[i]!)!;
      out[names[i]!] = child.kind === "option" ? this.valueOf(child) : this.materialize(child);
    }
    return out;
  }

  private optionsTree(node: NamespaceNode): object {
    const cache = new Map<string, unknown>();
    const read = (key: string): unknown => {
      if (cache.has(key)) return cache.get(key);
      const child = childOf(node, key);
      const value = !child ? undefined : child.kind === "option" ? this.optionView(child) : this.optionsTree(child);
      cache.set(key, value);
      return value;
    };
    return new Proxy(
      {},
      {
        get: (_t, key) => (typeof key === "string" ? read(key) : undefined),
        has: (_t, key) => typeof key === "string" && childOf(node, key) !== undefined,
        ownKeys: () => childNames(node),
        getOwnPropertyDescriptor: (_t, key) =>
          typeof key === "string" && childOf(node, key) !== undefined
            ? { value: read(key), enumerable: true, configurable: true, writable: false }
            : undefined,
      },
    );
  }

  private optionView(option: OptionNode): OptionView {
    return provenanceOf(option, {
      result: () => this.resultOf(option),
      value: () => this.valueOf(option),
      rawDefinitions: () => this.definitionsOf(option),
    });
  }

  // ---------------------------------------------------------------- freeform definitions

  /** Names at this namespace that only freeform definitions define (declared options win). */
  freeformKeys(node: NamespaceNode): string[] {
    if (!this.freeformType) return [];
    const depth = node.path.length;
    const keys = new Set<string>();
    for (const state of this.states) {
      for (const { path } of state.unmatched) {
        if (path.length > depth && node.path.every((p, i) => path[i] === p) && !childOf(node, path[depth]!)) keys.add(path[depth]!);
      }
    }
    return [...keys];
  }

  freeformAt(rel: readonly string[]): unknown {
    if (!this.freeformType) return undefined;
    return rel.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], this.freeform());
  }

  private freeform(): unknown {
    if (this.freeformValue) return this.freeformValue.v;
    const defs: Definition[] = [];
    this.modules.forEach((module, i) => {
      const state = this.states[i]!;
      const unmatched = !module.touched ? state.unmatched : (state.real ?? this.runReal(i)).unmatched;
      for (const { path, value } of unmatched) {
        const rel = path.slice(this.prefix.length);
        const nested = rel.reduceRight<unknown>((v, k) => ({ [k]: v }), value);
        defs.push({ source: module.source, value: nested });
      }
    });
    const v = mergeDefinitions(this.prefix, this.freeformType!, defs).mergedValue();
    this.freeformValue = { v };
    return v;
  }
}

/**
 * `config` below a namespace: a read evaluates just that option. `JSON.stringify(config)` forces
 * everything, like `nix-instantiate --eval --strict`; before it does, every module is called for
 * real once, so a module whose definitions were hidden from its probe call (a JavaScript
 * conditional on config) is caught even if no option it defines was read. A class rather than a
 * handler of closures: one is made for every namespace read, and its methods are shared.
 */
class ConfigTreeHandler implements ProxyHandler<object> {
  private children: Map<string, object> | undefined = undefined;
  /** The names are fixed once collection is over (lazy declarations list all of theirs). */
  private names: string[] | undefined = undefined;
  constructor(
    private readonly evaluation: Evaluation,
    private readonly node: NamespaceNode,
  ) {}

  private read(key: string): unknown {
    const child = childOf(this.node, key);
    if (child?.kind === "option") return this.evaluation.valueOf(child);
    if (child?.kind === "namespace") {
      const children = (this.children ??= new Map());
      let tree = children.get(key);
      if (!tree) children.set(key, (tree = this.evaluation.configTree(child)));
      return tree;
    }
    return this.evaluation.freeformAt([...this.node.path.slice(this.evaluation.prefix.length), key]);
  }

  private keys(): string[] {
    return (this.names ??= [...new Set([...childNames(this.node), ...this.evaluation.freeformKeys(this.node)])].sort());
  }

  get(_t: object, key: string | symbol): unknown {
    if (typeof key === "symbol") return undefined;
    if (key === "toJSON" && this.node === this.evaluation.root) {
      return () => (this.evaluation.callEveryModule(), this.evaluation.materialize(this.node));
    }
    return this.read(key);
  }

  has(_t: object, key: string | symbol): boolean {
    return typeof key === "string" && this.keys().includes(key);
  }

  ownKeys(): string[] {
    return this.keys();
  }

  getOwnPropertyDescriptor(_t: object, key: string | symbol): PropertyDescriptor | undefined {
    return typeof key === "string" && this.keys().includes(key)
      ? { value: this.read(key), enumerable: true, configurable: true, writable: false }
      : undefined;
  }
}

/** Up to how many children a namespace's value is an ordinary object rather than a dictionary. */
const smallNamespace = 8;

function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

function stripPriority(value: unknown): unknown {
  const v = value as { _type?: unknown; content?: unknown; priority?: unknown };
  return v && v._type === "override" && v.priority === priorities.optionDefault ? v.content : value;
}
