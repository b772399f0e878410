#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine for Emulens and builds it.
#  - Java 17+ and Maven 3.8+ must already be there (the build checks the versions).
#  - Debian packages: PoCL, an OpenCL driver for the CPU, so the GPU kernels run and are tested
#    on any machine; the NetCDF C library for NetCDF-4 output (and ncdump, netCDF4/xarray for
#    the tests that open our outputs independently); fonts for the quick-look maps; PyTorch and ONNX for the system Python (/usr/bin/python3). They retrain the
#    demo emulators and give the tests an independent implementation to compare against; without
#    them those tests are skipped and say why. Chromium and its chromedriver drive the page of
#    'emulens serve' in a headless browser in its integration test (skipped without them).
# Safe to run again: it installs only what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(python3-numpy python3-yaml python3-torch python3-onnx python3-sklearn python3-xgboost pocl-opencl-icd ocl-icd-opencl-dev clinfo
          libnetcdf19 netcdf-bin python3-netcdf4 python3-xarray fontconfig fonts-dejavu-core
          chromium chromium-driver)
missing=()
if command -v dpkg >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    sudo="unavailable"
  fi
  if [ "$sudo" = unavailable ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: cannot install ${missing[*]} here (needs apt-get as root); the tests that need them will be skipped" >&2
  else
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

command -v java >/dev/null 2>&1 || { echo "setup: Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
command -v mvn >/dev/null 2>&1 || { echo "setup: Maven 3.8 or newer is needed (apt-get install maven)" >&2; exit 1; }

echo "setup: building Emulens (tests are run separately by scripts/test.sh)" >&2
(cd "$root" && mvn -q -B -DskipTests install)
