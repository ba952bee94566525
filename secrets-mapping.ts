// The fleet's secrets: 1Password references and where each lands, never a value (docs/secrets.md).
// Modules take a runtime path with `secret("<name>")`; the names below are the only ones it accepts.
//
// Two vaults: `pantherOS` holds what hosts fetch at boot through OpNix; `pantherOS-bootstrap`
// holds what `panther secrets materialize` writes at install (the OpNix service-account token,
// SSH host keys, LUKS passphrases), so the hosts' service account can never read its own token.

import { defineSecrets } from "panther";

const servers = ["hetzner-vps", "ovh-cloud"];
const laptops = ["yoga", "zephyrus"];
const everyHost = [...servers, ...laptops];

export const secrets = defineSecrets({
  // ------------------------------------------------ fetched at boot by OpNix (vault pantherOS)
  "tailscale-auth-key": {
    description: "Tailscale pre-auth key; tailscaled-autoconnect joins the tailnet with it.",
    reference: "op://pantherOS/tailscale/authKey",
    hosts: everyHost,
    services: ["tailscaled-autoconnect"],
  },
  "root-authorized-keys": {
    description: "Extra public keys for root, next to the keys in the configuration (which keep the host reachable without 1Password).",
    reference: "op://pantherOS/SSH/public key",
    hosts: everyHost,
    path: "/root/.ssh/authorized_keys",
  },
  "attic-credentials": {
    description: "Environment file for atticd: Backblaze B2 keys of the binary cache and the JWT secret.",
    reference: "op://pantherOS/backblaze-b2/attic-credentials",
    hosts: ["hetzner-vps"],
    services: ["atticd"],
  },
  "restic-password": {
    description: "Password of the restic repository the hosts back up to.",
    reference: "op://pantherOS/restic/password",
    hosts: everyHost,
    services: ["restic-backups-b2"],
  },
  "restic-b2-credentials": {
    description: "Environment file with B2_ACCOUNT_ID and B2_ACCOUNT_KEY for the backup bucket.",
    reference: "op://pantherOS/backblaze-b2/backup-credentials",
    hosts: everyHost,
    services: ["restic-backups-b2"],
  },
  "datadog-api-key": {
    description: "Datadog API key of the servers' agents.",
    reference: "op://pantherOS/datadog/hetzner-vps/API_KEY",
    hosts: ["hetzner-vps"],
    owner: "datadog",
    services: ["datadog-agent"],
  },

  // ------------------------------------------------ written at install (vault pantherOS-bootstrap)
  "opnix-token": {
    description: "The hosts' 1Password service-account token, read by OpNix; kept out of the vault it unlocks.",
    reference: "op://pantherOS-bootstrap/opnix-service-account/credential",
    hosts: everyHost,
    delivery: "extra-files",
    path: "/etc/opnix-token",
  },
  "ssh-host-key-hetzner-vps": {
    reference: "op://pantherOS-bootstrap/hetzner-vps ssh host key/private key?ssh-format=openssh",
    hosts: ["hetzner-vps"],
    delivery: "extra-files",
    path: "/etc/ssh/ssh_host_ed25519_key",
  },
  "ssh-host-key-ovh-cloud": {
    reference: "op://pantherOS-bootstrap/ovh-cloud ssh host key/private key?ssh-format=openssh",
    hosts: ["ovh-cloud"],
    delivery: "extra-files",
    path: "/etc/ssh/ssh_host_ed25519_key",
  },
  "ssh-host-key-yoga": {
    reference: "op://pantherOS-bootstrap/yoga ssh host key/private key?ssh-format=openssh",
    hosts: ["yoga"],
    delivery: "extra-files",
    path: "/etc/ssh/ssh_host_ed25519_key",
  },
  "ssh-host-key-zephyrus": {
    reference: "op://pantherOS-bootstrap/zephyrus ssh host key/private key?ssh-format=openssh",
    hosts: ["zephyrus"],
    delivery: "extra-files",
    path: "/etc/ssh/ssh_host_ed25519_key",
  },
  "luks-passphrase-yoga": {
    description: "LUKS passphrase; disko reads it from /tmp/disk.key (the layout's passwordFile) while formatting.",
    reference: "op://pantherOS-bootstrap/yoga luks/password",
    hosts: ["yoga"],
    delivery: "disk-encryption-key",
    path: "/tmp/disk.key",
  },
  "luks-passphrase-zephyrus": {
    description: "LUKS passphrase; disko reads it from /tmp/disk.key (the layout's passwordFile) while formatting.",
    reference: "op://pantherOS-bootstrap/zephyrus luks/password",
    hosts: ["zephyrus"],
    delivery: "disk-encryption-key",
    path: "/tmp/disk.key",
  },
});

export const secret = secrets.secret;
export default secrets;
