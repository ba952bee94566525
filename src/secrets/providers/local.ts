// Offline providers for development and tests: a local JSON file of values by logical name (the
// default when no 1Password token is set), and environment variables PANTHER_SECRET_<NAME>.

import fs from "node:fs";
import { missing, SecretProviderError, type Resolution, type SecretProvider, type SecretRequest } from "./types.ts";

/** Where the file provider reads by default, relative to the project root (.panther/ is git-ignored). */
export const defaultSecretsFile = ".panther/secrets.json";

/**
 * Values from a JSON object `{ "<logical name>": "<value>" }`. A missing file is not an error:
 * every secret is then reported missing, so offline checks still run.
 */
export function fileProvider(file: string): SecretProvider {
  return {
    name: "file",
    source: file,
    async resolveAll(requests: readonly SecretRequest[]): Promise<Map<string, Resolution>> {
      const values = readValues(file);
      return new Map(
        requests.map((r): [string, Resolution] => {
          if (values === undefined) return [r.name, missing(`${file} does not exist`)];
          if (!Object.hasOwn(values, r.name)) return [r.name, missing(`no \`${r.name}' in ${file}`)];
          const value = values[r.name];
          if (typeof value !== "string") return [r.name, { ok: false, kind: "unreadable", message: `\`${r.name}' in ${file} is not a string` }];
          return [r.name, { ok: true, value }];
        }),
      );
    },
  };
}

function readValues(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new SecretProviderError("unreadable-source", `Cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the mistake, which may be a value: never repeat it.
    throw new SecretProviderError("unreadable-source", `${file} is not valid JSON.`, 'It must be one object: { "tailscale-auth-key": "…", … }.');
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SecretProviderError("unreadable-source", `${file} must hold one JSON object of values by secret name.`);
  }
  return parsed as Record<string, unknown>;
}

/** `tailscale-auth-key` → `PANTHER_SECRET_TAILSCALE_AUTH_KEY`. */
export function envVariableName(name: string): string {
  return `PANTHER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** Values from environment variables (CI jobs that inject secrets themselves). */
export function envProvider(env: Readonly<Record<string, string | undefined>>): SecretProvider {
  return {
    name: "env",
    source: "environment variables PANTHER_SECRET_<NAME>",
    async resolveAll(requests: readonly SecretRequest[]): Promise<Map<string, Resolution>> {
      return new Map(
        requests.map((r): [string, Resolution] => {
          const variable = envVariableName(r.name);
          const value = env[variable];
          return [r.name, value === undefined ? missing(`${variable} is not set`) : { ok: true, value }];
        }),
      );
    },
  };
}
