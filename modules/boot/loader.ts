// The boot loader, chosen from the host's firmware (facts) and disk layout (disko.devices):
// systemd-boot on UEFI machines with an ESP, GRUB for BIOS and UEFI when the layout has both an
// EF02 and an ESP, GRUB for BIOS alone otherwise. Exactly one loader is enabled.
import { defineModule, diskoContributions, isPantherError, mkIf, mkMerge, mkOption, types, type ModuleArgs } from "panther";

type Loader = "systemd-boot" | "grub-hybrid" | "grub-bios";

interface Layout {
  readonly esp: string | undefined;
  readonly biosBoot: boolean;
}

const noLayout: Layout = { esp: undefined, biosBoot: false };

/**
 * What the loader choice needs of the layout: the ESP's mountpoint and whether a disk has an EF02
 * partition. A layout disko cannot read (a disk without a device) counts as none: the disk-layout
 * check reports it with its line.
 */
function layoutOf(devices: unknown): Layout {
  if (devices === undefined || devices === null) return noLayout;
  try {
    const c = diskoContributions(devices as Record<string, unknown>);
    return { esp: c.esp[0]?.mountpoint, biosBoot: c.biosBoot.length > 0 };
  } catch (error) {
    if (isPantherError(error) && error.code === "no-value") return noLayout;
    throw error;
  }
}

/** `auto`: an EF02 and an ESP boot both ways with GRUB, an EF02 alone (or BIOS firmware) GRUB for BIOS, else systemd-boot. */
function chooseLoader(requested: string, facts: ModuleArgs["facts"], layout: Layout): Loader {
  if (requested === "systemd-boot" || requested === "grub-hybrid" || requested === "grub-bios") return requested;
  if (layout.biosBoot) return layout.esp === undefined ? "grub-bios" : "grub-hybrid";
  return facts?.firmware === "bios" ? "grub-bios" : "systemd-boot";
}

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.boot.loader;
  // Read only when enabled: every host imports this module, and most layouts are not its business.
  const layout = cfg.enable ? layoutOf(config.disko?.devices) : noLayout;
  const loader = chooseLoader(cfg.type, facts, layout);
  const grub = loader === "grub-hybrid" || loader === "grub-bios";
  return {
    options: {
      panther: {
        boot: {
          loader: {
            enable: mkOption({ type: types.bool, default: false, description: "Choose and configure the boot loader from the host's firmware and disk layout." }),
            type: mkOption({
              type: types.enum(["auto", "systemd-boot", "grub-hybrid", "grub-bios"]),
              default: "auto",
              description:
                "The boot loader. `auto`: GRUB for BIOS and UEFI (`grub-hybrid`) when the layout has an EF02 and an ESP, GRUB for BIOS (`grub-bios`) when it has an EF02 alone or the firmware is BIOS, else systemd-boot. GRUB's install devices come from disko (every disk with an EF02 partition).",
            }),
            configurationLimit: mkOption({
              type: types.nullOr(types.ints.positive),
              default: 10,
              description: "How many generations the boot menu lists (kernels on a small ESP or /boot fill it); null for all.",
            }),
          },
        },
      },
    },
    config: mkIf(
      cfg.enable,
      mkMerge([
        mkIf(loader === "systemd-boot", {
          boot: {
            loader: {
              "systemd-boot": { enable: true, configurationLimit: cfg.configurationLimit },
              efi: { canTouchEfiVariables: true },
            },
          },
        }),
        // GRUB's configurationLimit is an int (no null): "all" is GRUB's own default of 100.
        mkIf(grub, {
          boot: { loader: { grub: { enable: true, ...(cfg.configurationLimit === null ? {} : { configurationLimit: cfg.configurationLimit }) } } },
        }),
        // The same disk boots in BIOS and UEFI mode: GRUB goes to the EF02 partition and, as the
        // removable fallback (EFI/BOOT/BOOTX64.EFI), to the ESP, without touching NVRAM.
        mkIf(loader === "grub-hybrid", { boot: { loader: { grub: { efiSupport: true, efiInstallAsRemovable: true } } } }),
        mkIf(layout.esp !== undefined && layout.esp !== "/boot" && loader !== "grub-bios", {
          boot: { loader: { efi: { efiSysMountPoint: layout.esp ?? "/boot" } } },
        }),
        {
          assertions: [
            {
              // An ESP-only layout on BIOS firmware is the host checks' firmware-mismatch error, with the facts file.
              assertion: !grub || layout.biosBoot || (facts?.firmware === "bios" && layout.esp !== undefined),
              message:
                "panther.boot.loader: GRUB for BIOS installs to the disks disko lists from their EF02 partitions, and the disk layout has none: add `biosBoot()` to the boot disk's partitions.",
            },
          ],
        },
      ]),
    ),
  };
});
