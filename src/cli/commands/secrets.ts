// `panther secrets check|materialize`: resolve the secrets hosts need through a provider (values
// are never printed), and write a new host's install-time secrets into a folder for nixos-anywhere.

import fs from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import type { Project } from "../../compile/project.ts";
import { hostSecrets, type HostSecrets } from "../../secrets/host.ts";
import { unknownHosts, type SecretEntry } from "../../secrets/mapping.ts";
import { persistedPath, persistenceRoots } from "../../secrets/persist.ts";
import { providerNames, selectProvider, SecretProviderError, type ProviderName, type SecretProvider } from "../../secrets/providers/index.ts";
import { resolveEntries, type SecretStatus } from "../../secrets/resolve.ts";
import { loadCompiler } from "../compiler.ts";
import { relativePath } from "../diagnostics.ts";
import { CliError } from "../errors.ts";
import { requireHost } from "../project.ts";
import { action, type CliIO, type Context, type RunState } from "../context.ts";

interface CheckOptions {
  readonly all?: boolean;
  readonly provider?: ProviderName;
}

interface MaterializeOptions {
  readonly out: string;
  readonly provider?: ProviderName;
}

export function providerOption(): Option {
  return new Option("--provider <name>", "where values come from (default: 1password when OP_SERVICE_ACCOUNT_TOKEN is set, else file)").choices(providerNames);
}

export function registerSecrets(program: Command, io: CliIO, state: RunState): void {
  const secrets = program.command("secrets").description("check and materialize the hosts' 1Password secrets (values are never printed)");
  secrets
    .command("check")
    .description("resolve every secret a host needs and report the missing or unreadable ones")
    .argument("[host]", "the host to check (see `panther hosts`)")
    .option("--all", "check every host")
    .addOption(providerOption())
    .addHelpText(
      "after",
      [
        "",
        "Each distinct reference is read once, in one batch, whatever the number of hosts.",
        "Values are discarded at once; only names, references and errors are printed.",
        "",
        "Examples:",
        "  $ panther secrets check --all",
        "  $ OP_SERVICE_ACCOUNT_TOKEN=ops_… panther secrets check yoga --format json",
      ].join("\n"),
    )
    .action(action(io, state, runCheck));
  secrets
    .command("materialize")
    .description("write a new host's install-time secrets (OpNix token, SSH host keys, LUKS passphrase) for nixos-anywhere")
    .argument("<host>", "the host being installed")
    .requiredOption("--out <dir>", "a new folder outside the project (created with mode 0700)")
    .addOption(providerOption())
    .addHelpText(
      "after",
      [
        "",
        "Writes <dir>/extra-files/… (for --extra-files) and <dir>/disk-encryption-keys/<name>",
        "(for --disk-encryption-keys), files mode 0600, and prints the nixos-anywhere command.",
        "Refuses to write inside the project or the output flake. Delete <dir> after the install.",
        "",
        "Example:",
        "  $ panther secrets materialize yoga --out /tmp/yoga-install",
      ].join("\n"),
    )
    .action(action(io, state, runMaterialize));
}

/** Per host, its secrets as its configuration declares them (hosts without the module are left out). */
async function secretsOf(project: Project, hosts: readonly string[]): Promise<Array<{ host: string; secrets: HostSecrets }>> {
  const compiler = await loadCompiler();
  return hosts.flatMap((host) => {
    const secrets = hostSecrets(compiler.evaluateHost(project, host).config);
    return secrets ? [{ host, secrets }] : [];
  });
}

function provider(ctx: Context, project: Project, name: ProviderName | undefined): SecretProvider {
  try {
    return selectProvider({ provider: name, env: ctx.io.env, root: project.root });
  } catch (error) {
    throw asCliError(error);
  }
}

/** A provider that cannot answer at all is the user's to fix: report it like any CLI error. */
function asCliError(error: unknown): unknown {
  return error instanceof SecretProviderError ? new CliError(`secrets-${error.code}`, error.message, error.hint, undefined, { cause: error }) : error;
}

async function resolve(...args: Parameters<typeof resolveEntries>): ReturnType<typeof resolveEntries> {
  try {
    return await resolveEntries(...args);
  } catch (error) {
    throw asCliError(error);
  }
}

async function runCheck(ctx: Context, host: string | undefined, opts: CheckOptions): Promise<number> {
  const project = await ctx.project();
  if (opts.all && host) throw new CliError("usage", "Give a host or --all, not both.");
  if (!opts.all && !host) throw new CliError("usage", "Which host? Name one, or pass --all.", `The hosts are: ${project.flake.hosts.map((h) => h.name).join(", ")}.`);
  const hosts = opts.all ? project.flake.hosts.map((h) => h.name) : [requireHost(project, host!).name];
  const problems = await verifySecrets(ctx, project, hosts, opts.provider);
  return problems > 0 ? 1 : 0;
}

/**
 * Resolve every secret the hosts need in one batch and report each; returns the number of
 * problems (unreadable secrets, hosts the mapping names that flake.ts lacks). Also used by
 * `panther build --verify-secrets`.
 */
export async function verifySecrets(ctx: Context, project: Project, hosts: readonly string[], providerName?: ProviderName): Promise<number> {
  const perHost = await secretsOf(project, hosts);
  const source = provider(ctx, project, providerName);
  const byName = new Map<string, SecretEntry>();
  for (const { secrets } of perHost) for (const e of secrets.entries) byName.set(e.name, e);
  const { statuses } = await resolve(source, [...byName.values()], ctx.redactor);
  const status = new Map(statuses.map((s) => [s.name, s]));
  const hostNames = project.flake.hosts.map((h) => h.name);
  const mappingIssues = [...new Set(perHost.flatMap(({ secrets }) => unknownHosts(secrets.mapping, hostNames)))];
  let problems = mappingIssues.length;
  for (const { host, secrets } of perHost) {
    const rows = secrets.entries.map((e) => status.get(e.name)!);
    problems += rows.filter((r) => !r.ok).length;
    reportHost(ctx, host, secrets, rows);
  }
  for (const host of hosts.filter((h) => !perHost.some((p) => p.host === h))) {
    if (ctx.format === "json") ctx.print(JSON.stringify({ type: "host", host, secrets: 0 }));
    else ctx.print(`${ctx.out.dim("–")} ${host}: no secrets (it does not import modules/security/secrets.ts)`);
  }
  for (const issue of mappingIssues) {
    if (ctx.format === "json") ctx.print(JSON.stringify({ type: "mapping", ok: false, message: issue }));
    else ctx.note(`${ctx.err.red("error")}: ${issue}`);
  }
  const total = statuses.length;
  const failed = statuses.filter((s) => !s.ok).length;
  if (ctx.format === "json") ctx.print(JSON.stringify({ type: "summary", provider: source.name, source: relativePath(source.source, project.root), secrets: total, unreadable: failed, problems }));
  else {
    const line = `${total - failed} of ${total} secret${total === 1 ? "" : "s"} readable from ${source.name} (${relativePath(source.source, project.root)})`;
    ctx.print(problems === 0 ? ctx.out.green(line) : ctx.out.red(`${line}; ${problems} problem${problems === 1 ? "" : "s"}`));
  }
  return problems;
}

function reportHost(ctx: Context, host: string, secrets: HostSecrets, rows: readonly SecretStatus[]): void {
  const entries = new Map(secrets.entries.map((e) => [e.name, e]));
  if (ctx.format === "json") {
    for (const row of rows) ctx.print(JSON.stringify({ type: "secret", host, ...row, delivery: entries.get(row.name)!.delivery }));
    return;
  }
  const off = secrets.enabled ? "" : ctx.out.yellow(" (panther.security.secrets.enable is false)");
  ctx.print(`${ctx.out.bold(host)}${off}`);
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  for (const row of rows) {
    const mark = row.ok ? ctx.out.green("✓") : ctx.out.red("✗");
    const delivery = entries.get(row.name)!.delivery;
    const tail = row.ok ? ctx.out.dim(row.reference) : `${ctx.out.dim(row.reference)}: ${ctx.out.red(row.message ?? "unreadable")}`;
    ctx.print(`  ${mark} ${row.name.padEnd(width)}  ${delivery === "opnix" ? "" : ctx.out.cyan(`[${delivery}] `)}${tail}`);
  }
}

// ---------------------------------------------------------------- materialize

async function runMaterialize(ctx: Context, host: string, opts: MaterializeOptions): Promise<number> {
  const project = await ctx.project();
  const name = requireHost(project, host).name;
  const out = path.resolve(ctx.io.cwd, opts.out);
  refuseInside(out, project);
  const compiler = await loadCompiler();
  const { config } = compiler.evaluateHost(project, name);
  const secrets = hostSecrets(config);
  const install = (secrets?.entries ?? []).filter((e) => e.delivery !== "opnix");
  if (install.length === 0) {
    throw new CliError("secrets-nothing-to-materialize", `The secrets mapping gives ${name} no install-time secret (delivery "extra-files" or "disk-encryption-key").`);
  }
  const persistence = config.environment?.persistence;
  const impermanent = persistenceRoots(persistence).length > 0;
  const { statuses, values } = await resolve(provider(ctx, project, opts.provider), install, ctx.redactor);
  const failed = statuses.filter((s) => !s.ok);
  if (failed.length > 0) {
    throw new CliError(
      "secrets-unavailable",
      `Nothing was written: ${failed.length} of ${statuses.length} secrets for ${name} could not be read:\n${failed.map((s) => `  - ${s.name} (${s.reference}): ${s.message}`).join("\n")}`,
      "Run `panther secrets check " + name + "` for the full picture.",
    );
  }
  const files = install.map((e) => {
    const target = e.delivery === "disk-encryption-key" ? undefined : impermanent ? persistedPath(persistence, e.path) : e.path;
    if (e.delivery === "extra-files" && target === undefined) {
      throw new CliError("secrets-not-persisted", `${e.path} (\`${e.name}') is not persisted on ${name}, whose root is wiped at boot: the file would be lost.`, `Persist it in environment.persistence.`);
    }
    return { entry: e, relative: target === undefined ? path.join("disk-encryption-keys", e.name) : path.join("extra-files", target) };
  });
  writeInstallTree(out, files.map((f) => ({ relative: f.relative, value: values.get(f.entry.name)! })));
  reportMaterialized(ctx, name, out, files);
  return 0;
}

/** Secrets must never land where git or the output flake (and so the Nix store) could pick them up. */
function refuseInside(out: string, project: Project): void {
  const real = realPathOfNearest(out);
  const forbidden = [project.root, path.resolve(project.root, project.flake.outDir ?? "out")].map(realPathOfNearest);
  for (const dir of forbidden) {
    if (real === dir || real.startsWith(`${dir}${path.sep}`)) {
      throw new CliError("secrets-unsafe-output", `Refusing to write secrets into ${out}: it is inside ${dir}, where git or the Nix store could pick them up.`, "Use a folder outside the project, e.g. /tmp/<host>-install.");
    }
  }
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new CliError("secrets-unsafe-output", `Refusing to write secrets into ${out}: the folder is not empty.`, "Give a new or empty folder.");
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (symlinks resolved). */
function realPathOfNearest(p: string): string {
  const rest: string[] = [];
  let dir = path.resolve(p);
  while (!fs.existsSync(dir)) {
    rest.unshift(path.basename(dir));
    dir = path.dirname(dir);
  }
  return path.join(fs.realpathSync(dir), ...rest);
}

/**
 * The folder is built next to `out` (mode 0700) and renamed into place. Directories under
 * extra-files are 0755, since nixos-anywhere copies them onto the new root as they are; files 0600.
 */
function writeInstallTree(out: string, files: ReadonlyArray<{ relative: string; value: string }>): void {
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    fs.mkdirSync(tmp, { recursive: true, mode: 0o700 });
    fs.chmodSync(tmp, 0o700);
    for (const { relative, value } of files) {
      const file = path.join(tmp, relative);
      for (let dir = path.dirname(file); dir !== tmp; dir = path.dirname(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        fs.chmodSync(dir, relative.startsWith("extra-files") ? 0o755 : 0o700);
      }
      fs.writeFileSync(file, value, { mode: 0o600, flag: "wx" });
      fs.chmodSync(file, 0o600);
    }
    if (fs.existsSync(out)) fs.rmdirSync(out);
    fs.renameSync(tmp, out);
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

function reportMaterialized(ctx: Context, host: string, out: string, files: ReadonlyArray<{ entry: SecretEntry; relative: string }>): void {
  const keys = files.filter((f) => f.entry.delivery === "disk-encryption-key");
  const args = [
    "nixos-anywhere",
    "--flake",
    `./out#${host}`,
    ...(files.some((f) => f.entry.delivery === "extra-files") ? ["--extra-files", path.join(out, "extra-files")] : []),
    ...keys.flatMap((f) => ["--disk-encryption-keys", f.entry.path, path.join(out, f.relative)]),
    "root@<address>",
  ];
  if (ctx.format === "json") {
    ctx.print(JSON.stringify({ type: "materialized", host, out, files: files.map((f) => ({ name: f.entry.name, delivery: f.entry.delivery, file: f.relative })), command: args }));
    return;
  }
  ctx.print(`${ctx.out.green("✓")} wrote ${files.length} secret file${files.length === 1 ? "" : "s"} for ${host} into ${out} (mode 0600):`);
  for (const f of files) ctx.print(`  ${f.relative}  ${ctx.out.dim(`(${f.entry.name})`)}`);
  ctx.print(`Install with:\n  ${args.join(" ")}\nthen delete ${out}.`);
}
