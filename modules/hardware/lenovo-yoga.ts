// Lenovo Yoga 2-in-1 (AMD, e.g. Yoga 7 2-in-1 14AKP10): screen rotation from the accelerometer,
// touch and pen through libinput, and the ideapad_laptop battery conservation mode.
// Lenovo's consumer (IdeaPad/Yoga) firmware has no charge thresholds: ideapad_laptop exposes only
// conservation mode (a fixed limit of about 60 or 80 % depending on the model), so this module turns
// off panther.hardware.laptop.chargeThresholds, which would do nothing here.
import { defineModule, mkDefault, mkIf, mkOption, types } from "panther";
import laptopPower from "./laptop-power.ts";

const conservationMode = "/sys/bus/platform/drivers/ideapad_acpi/VPC2004:00/conservation_mode";

// A module of its own: the main one reads chargeThresholds (in an assertion), and a module may not
// read an option whose definition it guards with config.
const noChargeThresholds = defineModule(({ config }) => ({
  config: mkIf(config.panther.hardware.lenovoYoga.enable, { panther: { hardware: { laptop: { chargeThresholds: mkDefault(null) } } } }),
}));

export default defineModule(({ config, facts }) => {
  const cfg = config.panther.hardware.lenovoYoga;
  const lenovo = facts === undefined || facts.system.vendor === "LENOVO";
  return {
    imports: [laptopPower, noChargeThresholds],
    options: {
      panther: {
        hardware: {
          lenovoYoga: {
            enable: mkOption({ type: types.bool, default: false, description: "Support a Lenovo Yoga 2-in-1 (rotation, touch screen, pen, battery care)." }),
            rotation: mkOption({
              type: types.bool,
              default: true,
              description: "Rotate the screen with the accelerometer (iio-sensor-proxy; GNOME and KDE follow it).",
            }),
            batteryConservation: mkOption({
              type: types.bool,
              default: false,
              description: `Keep the battery at Lenovo's conservation limit, via ideapad_laptop's ${conservationMode}. Check the file exists on the machine before enabling.`,
            }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      assertions: [
        {
          assertion: lenovo,
          message: `panther.hardware.lenovoYoga is enabled but ${facts?.source} describes a ${facts?.system.vendor ?? "unknown"} ${facts?.system.product ?? ""} machine.`,
        },
        {
          assertion: !config.panther.hardware.laptop.enable || config.panther.hardware.laptop.chargeThresholds === null,
          message:
            "A Lenovo Yoga has no charge thresholds (ideapad_laptop offers only conservation mode): set panther.hardware.laptop.chargeThresholds = null and use panther.hardware.lenovoYoga.batteryConservation.",
        },
      ],
      hardware: { sensor: { iio: { enable: cfg.rotation } } },
      // The touch screen and the pen are I2C HID devices (ELAN, Wacom AES): the kernel's hid-multitouch
      // and libinput handle both. iptsd is for Intel's Precise Touch on Surface devices, not for these.
      services: { libinput: { enable: mkDefault(true) } },
      boot: { kernelModules: mkIf(cfg.batteryConservation, ["ideapad_laptop"]) },
      systemd: { tmpfiles: { rules: mkIf(cfg.batteryConservation, [`w ${conservationMode} - - - - 1`]) } },
    }),
  };
});
