// The shapes that flow between the CLI and the compiler: a loaded project (flake.ts), and what
// compiling one host gives back. The compiler is pure; the CLI loads files and writes output.

import type { Module } from "../core/module.ts";
import type { PantherError } from "../core/errors.ts";
import type { HostFacts } from "../facts/types.ts";
import type { OptionRecord } from "../history/options.ts";
import type { UserDefinition } from "./users.ts";

export interface FlakeInput {
  readonly url: string;
  /** `inputs.<name>.follows` for this input's own inputs, e.g. `{ nixpkgs: "nixpkgs" }`. */
  readonly follows?: Readonly<Record<string, string>>;
  /** Whether the input is a flake (false for plain sources). */
  readonly flake?: boolean;
}

export interface HostDefinition {
  readonly name: string;
  /** Nix system double, e.g. "x86_64-linux". */
  readonly system: string;
  /** The host's top module (imports the shared modules it uses). */
  readonly module: Module;
  /** Where deploy-rs reaches the host (defaults to the host name). */
  readonly deployHostname?: string;
  /** Extra free-form tags, e.g. "laptop", "server". */
  readonly tags?: readonly string[];
  /** Hardware facts (from the host's nixos-facter report); modules read them as the `facts` argument. */
  readonly facts?: HostFacts;
}

export interface FlakeDefinition {
  readonly description?: string;
  readonly inputs: Readonly<Record<string, FlakeInput>>;
  readonly hosts: readonly HostDefinition[];
  /** The fleet's users, declared once: each is put on every host, or on those its `hosts` select (docs/users-and-home.md). */
  readonly users?: readonly UserDefinition[];
  /** Output folder, relative to the project root (default "out"). */
  readonly outDir?: string;
}

/** A project as the CLI loaded it: the flake definition and where it lives. */
export interface Project {
  readonly root: string;
  readonly flake: FlakeDefinition;
  /** Path of flake.ts, for messages. */
  readonly flakeFile: string;
}

/** One emitted file: a path relative to the output folder and its full text. */
export interface EmittedFile {
  readonly path: string;
  readonly text: string;
}

export interface HostBuild {
  readonly host: string;
  readonly files: readonly EmittedFile[];
  readonly warnings: readonly string[];
  /** How many options the host's emitted configuration sets. */
  readonly optionCount: number;
  /** Every value the host's modules set, with priority and file:line (for history and diffs). */
  readonly options: readonly OptionRecord[];
}

export type HostResult = { readonly ok: true; readonly build: HostBuild } | { readonly ok: false; readonly error: PantherError };
