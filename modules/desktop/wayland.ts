// A Wayland desktop: a compositor (niri by default, Hyprland as the alternative) started from a
// greetd login, PipeWire audio, portals for screen sharing and file pickers, fonts, Bluetooth.
import { defineModule, mkDefault, mkIf, mkOption, nixRaw, pkgs, types } from "panther";
import impermanence from "../core/impermanence.ts";

const sessions = { niri: "niri-session", hyprland: "Hyprland" } as const;

export default defineModule(({ config }) => {
  const cfg = config.panther.desktop;
  const compositor = cfg.compositor as keyof typeof sessions;
  return {
    // Declares panther.impermanence, where this module's state is persisted.
    imports: [impermanence],
    options: {
      panther: {
        desktop: {
          enable: mkOption({ type: types.bool, default: false, description: "Run a Wayland desktop." }),
          compositor: mkOption({ type: types.enum(["niri", "hyprland"]), default: "niri", description: "The Wayland compositor." }),
          bluetooth: mkOption({ type: types.bool, default: true, description: "Enable Bluetooth." }),
        },
      },
    },
    config: mkIf(cfg.enable, {
      panther: { impermanence: { directories: [...(cfg.bluetooth ? ["/var/lib/bluetooth"] : []), "/var/cache/tuigreet"] } },
      programs: {
        niri: { enable: compositor === "niri" },
        hyprland: { enable: compositor === "hyprland" },
      },
      services: {
        greetd: {
          enable: true,
          settings: {
            default_session: {
              // tuigreet's path comes from the package set on the host; only the session name is ours.
              command: nixRaw(`"\${lib.getExe pkgs.greetd.tuigreet} --time --remember --cmd ${sessions[compositor]}"`),
              user: "greeter",
            },
          },
        },
        pipewire: { enable: true, alsa: { enable: true, support32Bit: true }, pulse: { enable: true }, wireplumber: { enable: true } },
        libinput: { enable: true },
        blueman: { enable: cfg.bluetooth },
        gnome: { "gnome-keyring": { enable: true } },
      },
      hardware: { bluetooth: { enable: cfg.bluetooth, powerOnBoot: mkDefault(false) } },
      security: { rtkit: { enable: true }, polkit: { enable: true } },
      xdg: { portal: { enable: true, extraPortals: [pkgs["xdg-desktop-portal-gtk"]] } },
      fonts: {
        enableDefaultPackages: true,
        packages: [pkgs["noto-fonts"], pkgs["noto-fonts-emoji"], pkgs["nerd-fonts"]!["jetbrains-mono"]],
      },
      environment: { sessionVariables: { NIXOS_OZONE_WL: "1" } },
    }),
  };
});
