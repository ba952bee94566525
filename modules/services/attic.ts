// Attic: the fleet's Nix binary cache, stored in Backblaze B2 (S3 API) and served by Caddy.
// Credentials (the server token and the B2 keys) come from an environment file at runtime.
import { defineModule, mkIf, mkOption, types } from "panther";
import impermanence from "../core/impermanence.ts";

export default defineModule(({ config }) => {
  const cfg = config.panther.services.attic;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        services: {
          attic: {
            enable: mkOption({ type: types.bool, default: false, description: "Run the Attic binary cache server." }),
            domain: mkOption({ type: types.nullOr(types.str), default: null, example: "attic.example.org", description: "Public domain of the cache (served by Caddy)." }),
            listen: mkOption({ type: types.str, default: "127.0.0.1:8080", description: "Local address atticd listens on, behind Caddy." }),
            credentialsFile: mkOption({
              type: types.nullOr(types.str),
              default: null,
              example: "/var/lib/opnix/secrets/atticCredentials",
              description: "Runtime path of an environment file with ATTIC_SERVER_TOKEN_RS256_SECRET_BASE64, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (a secret's path).",
            }),
            bucket: mkOption({ type: types.nullOr(types.str), default: null, example: "pantherOS-nix-cache", description: "B2 bucket holding the cache's chunks." }),
            region: mkOption({ type: types.str, default: "us-west-004", description: "B2 region of the bucket." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      services: {
        atticd: {
          enable: true,
          environmentFile: cfg.credentialsFile,
          settings: {
            listen: cfg.listen,
            "api-endpoint": `https://${cfg.domain}/`,
            storage: { type: "s3", region: cfg.region, bucket: cfg.bucket, endpoint: `https://s3.${cfg.region}.backblazeb2.com` },
            // Attic's recommended chunking (NARs above 64 KiB are chunked around 128 KiB).
            chunking: { "nar-size-threshold": 65536, "min-size": 16384, "avg-size": 65536, "max-size": 262144 },
            compression: { type: "zstd", level: 8 },
          },
        },
      },
      panther: { impermanence: { directories: ["/var/lib/atticd"] }, services: { caddy: { enable: true, sites: { [cfg.domain ?? "attic"]: { upstream: cfg.listen, extraConfig: "request_body {\n  max_size 4GB\n}" } } } } },
      // Required once enabled; null defaults keep the module readable while it is off.
      assertions: (["domain", "credentialsFile", "bucket"] as const).map((name) => ({
        assertion: cfg[name] !== null,
        message: `panther.services.attic.${name} must be set when the Attic cache is enabled.`,
      })),
    }),
  };
});
