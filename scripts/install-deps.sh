#!/usr/bin/env bash
# Installs the Debian packages DigitalDivide needs (OpenBLAS, LAPACKE, pkg-config), only when missing.
set -euo pipefail
need=()
for pkg in libopenblas-dev liblapacke-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  echo "installed: ${need[*]}"
else
  echo "already installed: libopenblas-dev liblapacke-dev pkg-config"
fi
