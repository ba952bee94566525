// Nightly restic backups to Backblaze B2: the persistent state of the host, pruned to 7 daily,
// 4 weekly and 6 monthly snapshots. Repository, password and B2 keys are runtime files (secrets).
import { defineModule, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.backup.restic;
  return {
    options: {
      panther: {
        backup: {
          restic: {
            enable: mkOption({ type: types.bool, default: false, description: "Back up the host's state with restic." }),
            paths: mkOption({ type: types.listOf(types.str), default: ["/persist"], description: "Paths to back up (on impermanent hosts, the persistent storage holds all state)." }),
            exclude: mkOption({ type: types.listOf(types.str), default: ["/persist/var/lib/containers", "**/.cache"], description: "Patterns not backed up." }),
            repository: mkOption({ type: types.nullOr(types.str), default: null, example: "s3:https://s3.us-west-004.backblazeb2.com/pantherOS-backups/hetzner-vps", description: "The restic repository (its URL is not a secret; its keys are)." }),
            passwordFile: mkOption({ type: types.nullOr(types.str), default: null, description: "Runtime path of the repository password (a secret's path)." }),
            environmentFile: mkOption({ type: types.nullOr(types.str), default: null, description: "Runtime path of an environment file with the B2 (S3) keys." }),
            schedule: mkOption({ type: types.str, default: "*-*-* 03:00:00", description: "systemd calendar event of the nightly run (checked at build)." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      services: {
        restic: {
          backups: {
            // The unit is restic-backups-b2, the consumer secrets-mapping.ts names.
            b2: {
              initialize: true,
              paths: cfg.paths,
              exclude: cfg.exclude,
              repository: cfg.repository,
              // NixOS' passwordFile is a string, never null: left unset, the assertion below says what is missing.
              ...(cfg.passwordFile === null ? {} : { passwordFile: cfg.passwordFile }),
              environmentFile: cfg.environmentFile,
              timerConfig: { OnCalendar: cfg.schedule, Persistent: true, RandomizedDelaySec: "1h" },
              pruneOpts: ["--keep-daily 7", "--keep-weekly 4", "--keep-monthly 6"],
            },
          },
        },
      },
      // Required once enabled; null defaults keep the module readable while it is off.
      assertions: (["repository", "passwordFile"] as const).map((name) => ({
        assertion: cfg[name] !== null,
        message: `panther.backup.restic.${name} must be set when backups are enabled.`,
      })),
    }),
  };
});
