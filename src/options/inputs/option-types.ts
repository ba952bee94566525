// The values of NixOS-level options the generated `NixosOptions` lacks, typed by hand from their
// declarations: OpNix's `services.onepassword-secrets` (opnix.ts), impermanence's
// `environment.persistence` (impermanence.ts), and `assertions`/`warnings` (core/assertions.ts).
// They sit under namespaces the generated types close, so modules could not define them otherwise.
// `disko` and `home-manager` are names of their own at the top level, which stays open.

/** A secret OpNix fetches (`services.onepassword-secrets.secrets.<name>`). */
export interface OpnixSecret {
  readonly reference: string;
  readonly kind: "field" | "file";
  readonly path: string | null;
  readonly symlinks: readonly string[];
  readonly variables: { readonly [name: string]: string };
  readonly owner: string;
  readonly group: string;
  readonly mode: string;
  readonly services:
    | readonly string[]
    | { readonly [unit: string]: { readonly restart: boolean; readonly signal: string | null; readonly after: readonly string[] } };
}

/** `services.onepassword-secrets` (OpNix v0.11, nix/module.nix). */
export interface OpnixOptions {
  readonly enable: boolean;
  readonly tokenFile: string;
  readonly configFiles: readonly string[];
  readonly outputDir: string;
  readonly users: readonly string[];
  readonly secrets: { readonly [name: string]: OpnixSecret };
  readonly pathTemplate: string | null;
  readonly defaults: { readonly [name: string]: string };
  readonly systemdIntegration: {
    readonly enable: boolean;
    readonly services: readonly string[];
    readonly restartOnChange: boolean;
    readonly changeDetection: { readonly enable: boolean; readonly hashFile: string };
    readonly polling: { readonly enable: boolean; readonly interval: string };
    readonly errorHandling: { readonly rollbackOnFailure: boolean; readonly continueOnError: boolean; readonly maxRetries: number };
  };
  /** Read-only: each secret's runtime path. */
  readonly secretPaths: { readonly [name: string]: string };
}

interface Permissions {
  readonly user?: string;
  readonly group?: string | null;
  /** Octal ("0700") or symbolic ("u=rwx,g=rx,o="). */
  readonly mode?: string;
}

/** A directory entry of impermanence: a path, or a record. */
export type PersistedDirectory =
  | string
  | (Permissions & {
      readonly directory: string;
      readonly hideMount?: boolean;
      readonly allowTrash?: boolean;
      readonly persistentStoragePath?: string;
    });

/** A file entry of impermanence: a path, or a record. */
export type PersistedFile =
  | string
  | {
      readonly file: string;
      readonly parentDirectory?: Permissions;
      readonly method?: "auto" | "symlink";
      readonly persistentStoragePath?: string;
    };

interface PersistedEntries {
  readonly files: readonly PersistedFile[];
  readonly directories: readonly PersistedDirectory[];
}

/** `environment.persistence.<path>` (impermanence, nixos.nix). */
export interface PersistentStorage extends PersistedEntries {
  readonly enable: boolean;
  readonly persistentStoragePath: string;
  readonly hideMounts: boolean;
  readonly allowTrash: boolean;
  readonly enableWarnings: boolean;
  readonly enableDebugging: boolean;
  readonly users: { readonly [name: string]: PersistedEntries };
}

/** NixOS-level options declared outside the generated option data. */
export interface ExtraNixosOptions {
  readonly services: { readonly "onepassword-secrets": OpnixOptions };
  readonly environment: { readonly persistence: { readonly [path: string]: PersistentStorage } };
  readonly assertions: readonly { readonly assertion: boolean; readonly message: string }[];
  readonly warnings: readonly string[];
}
