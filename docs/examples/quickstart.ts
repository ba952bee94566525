// Quick start: three modules merged the NixOS way, then the evaluated config and the provenance
// of one option (what `panther option` will print). Run with `npm run example`.

import { defineModule, evalModules, mkDefault, mkForce, mkIf, mkOption, types } from "panther";

// A module that declares options and reads the final config lazily (mkIf on its own enable switch).
const web = defineModule(({ config }) => ({
  options: {
    panther: {
      web: {
        enable: mkOption({ type: types.bool, default: false, description: "Whether to run the web server." }),
        port: mkOption({ type: types.port, default: 80, description: "TCP port of the web server." }),
      },
    },
    networking: {
      firewall: {
        allowedTCPPorts: mkOption({ type: types.listOf(types.port), default: [], description: "Open TCP ports." }),
      },
    },
  },
  config: mkIf(config.panther.web.enable, {
    networking: { firewall: { allowedTCPPorts: [config.panther.web.port] } },
  }),
}));

// A profile suggests a port at mkDefault priority; the host forces another one.
const profile = defineModule({ panther: { web: { enable: true, port: mkDefault(8080) } } });
const host = defineModule({ panther: { web: { port: mkForce(8443) } }, networking: { firewall: { allowedTCPPorts: [22] } } });

const { config, options } = evalModules({ modules: [web, profile, host] });

console.log(JSON.stringify(config, null, 2));
console.log(`\npanther.web.port = ${config.panther.web.port} (${options.panther.web.port.type.description})`);
for (const d of options.panther.web.port.allDefinitions) {
  const where = `${d.source.file.replace(`${process.cwd()}/`, "")}:${d.source.line}`;
  console.log(`  ${d.winning ? "★" : " "} priority ${String(d.priority).padStart(4)}  ${JSON.stringify(d.value).padEnd(6)} ${where}`);
}
