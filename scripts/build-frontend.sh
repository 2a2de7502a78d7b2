#!/usr/bin/env bash
# Installs the front-end packages when package-lock.json has changed, compiles the stylesheet and
# copies GOV.UK Frontend's script into build/static/, which Django serves as static files. GOV.UK's
# images and fonts are not copied: the crest, crown icons and GDS Transport font are for gov.uk only.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.firstperson-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

mkdir -p build/static/ui build/static/govuk
npm run --silent build
dist=node_modules/govuk-frontend/dist/govuk
cp "$dist/govuk-frontend.min.js" build/static/govuk/govuk-frontend.min.js
rm -rf build/static/govuk/assets
