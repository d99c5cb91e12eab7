#!/usr/bin/env bash
# Installs the Debian 12 packages saxsd builds and tests against. Safe to run again: it only calls apt when
# something is missing.
#   libcfitsio-dev  FITS frames          libsystemd-dev  sd_notify and the journal
#   libtiff-dev     TIFF frames (Pilatus, Eiger, lab detectors)
#   systemd         systemd-analyze for the unit tests
#   python3-jsonschema  validates sidecars against docs/sidecar.schema.json in the tests
set -euo pipefail
packages=(libcfitsio-dev libtiff-dev libsystemd-dev systemd pkg-config python3 python3-jsonschema)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
