// A serial console for cloud servers: the provider's web console is a serial port, so the
// kernel and GRUB talk to ttyS0 as well as the screen.
import { defineModule, mkIf, mkOption, types } from "panther";

export default defineModule(({ config }) => {
  const cfg = config.panther.boot.serialConsole;
  return {
    options: {
      panther: {
        boot: {
          serialConsole: {
            enable: mkOption({ type: types.bool, default: false, description: "Put the console on a serial port too (cloud servers)." }),
            port: mkOption({ type: types.strMatching("ttyS[0-9]+"), default: "ttyS0", description: "The serial device." }),
            baud: mkOption({ type: types.enum([9600, 38400, 115200]), default: 115200, description: "Line speed." }),
          },
        },
      },
    },
    config: mkIf(cfg.enable, {
      // The last console= is /dev/console: the serial port, where the provider's console listens.
      boot: { kernelParams: ["console=tty0", `console=${cfg.port},${cfg.baud}`] },
    }),
  };
});
