// Every hardware module, for hosts that want them all available (each stays off until enabled,
// except panther.hardware.cpu, which is on when the host has facts).
import { defineModule } from "panther";
import amdGpu from "./amd-gpu.ts";
import asusZephyrus from "./asus-zephyrus.ts";
import cpu from "./cpu.ts";
import intelGpu from "./intel-gpu.ts";
import laptopPower from "./laptop-power.ts";
import lenovoYoga from "./lenovo-yoga.ts";
import nvidia from "./nvidia.ts";
import wifi from "./wifi.ts";

export default defineModule({ imports: [cpu, amdGpu, intelGpu, nvidia, laptopPower, lenovoYoga, asusZephyrus, wifi] });
