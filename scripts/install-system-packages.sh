#!/usr/bin/env bash
# Installs from Debian's packages what the service and its tests need and the machine lacks.
#   scripts/install-system-packages.sh runtime   what `make run` needs: Pango and a font with Arial's
#                                               metrics (WeasyPrint draws letters as PDFs with them)
#   scripts/install-system-packages.sh           also what `make test` needs: PostgreSQL for the second
#                                               database run, Chromium for the browser journeys, and
#                                               poppler-utils (pdftotext) to read the letters back
# Installs nothing already present, so an installed machine gets no unplanned upgrade.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation)
if [ "${1:-all}" != runtime ]; then
  packages+=(postgresql chromium poppler-utils)
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "These packages are missing: ${missing[*]}. Install them (as root: apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing from Debian's packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
