#!/usr/bin/env bash
# Installs the Debian 12 packages saxsd builds and tests against. Safe to run again: it only calls apt when
# something is missing.
#   libcfitsio-dev  FITS frames          libsystemd-dev  sd_notify and the journal
#   libtiff-dev     TIFF frames (Pilatus, Eiger, lab detectors)
#   zlib1g-dev      gzip and zlib compressed EDF frames
#   libbz2-dev      bzip2 compressed EDF frames
#   libhdf5-dev     HDF5 / NeXus frames (Eiger data and master files)
#   hdf5-filter-plugin  HDF5 filter plugins for LZ4 and bzip2 compressed data sets
#   bitshuffle      the HDF5 bitshuffle filter plugin (filter 32008) every Eiger file needs
#   liblz4-dev      LZ4, for decoding bitshuffle-LZ4 Eiger frames without the plugin
#   libfftw3-dev    FFTW, for the cellulose cross-section simulator
#   systemd         systemd-analyze for the unit tests
#   python3-jsonschema  validates sidecars against docs/sidecar.schema.json in the tests
set -euo pipefail
packages=(libcfitsio-dev libtiff-dev zlib1g-dev libbz2-dev libhdf5-dev hdf5-filter-plugin bitshuffle liblz4-dev libfftw3-dev libsystemd-dev systemd pkg-config python3 python3-jsonschema)
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
