// Which provider answers: 1Password whenever a service-account token is set, else the local file
// (so everything works offline); `--provider` picks one explicitly.

import path from "node:path";
import { defaultSecretsFile, envProvider, fileProvider } from "./local.ts";
import { onePasswordProvider, tokenVariable, type OnePasswordConnect } from "./onepassword.ts";
import { SecretProviderError, type SecretProvider } from "./types.ts";

export const providerNames = ["1password", "env", "file"] as const;
export type ProviderName = (typeof providerNames)[number];

/** Names the file provider reads from instead of `<root>/.panther/secrets.json`. */
export const secretsFileVariable = "PANTHER_SECRETS_FILE";

export interface ProviderChoice {
  readonly provider?: ProviderName;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The project root (the file provider's default lives under it). */
  readonly root: string;
  /** Tests replace the SDK client. */
  readonly connect?: OnePasswordConnect;
}

export function selectProvider(choice: ProviderChoice): SecretProvider {
  const token = choice.env[tokenVariable];
  const name = choice.provider ?? (token ? "1password" : "file");
  switch (name) {
    case "1password":
      if (!token) throw new SecretProviderError("bad-token", `${tokenVariable} is not set.`, "Export a 1Password service-account token (see docs/secrets.md), or use --provider file.");
      return onePasswordProvider({ token, connect: choice.connect });
    case "env":
      return envProvider(choice.env);
    case "file":
      return fileProvider(path.resolve(choice.root, choice.env[secretsFileVariable] ?? defaultSecretsFile));
  }
}

export { SecretProviderError, tokenVariable };
export type { SecretProvider };
