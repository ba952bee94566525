// Every host check panther runs. Each import registers its checks (see ./index.ts).
import "./values.ts";
import "./hardware.ts";
import "../../secrets/checks.ts";
import "./impermanence.ts";
import "./users.ts";
import "./disks.ts";
import "./boot.ts";
