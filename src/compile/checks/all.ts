// Every host check panther runs. Each import registers its checks (see ./index.ts).
import "./disks.ts";
import "./boot.ts";
