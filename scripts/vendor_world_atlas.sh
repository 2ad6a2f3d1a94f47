#!/usr/bin/env bash
# Rebuild pipeline/data/countries-110m.json, the country shapes of the report's flow map:
# Natural Earth 1:110m (public domain) as TopoJSON, from the `world-atlas` npm package
# (ISC licence, kept beside it). presse never fetches it at run time; run this to update it.
set -euo pipefail
version="${1:-2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "world-atlas@${version}" >/dev/null
tar xzf world-atlas-*.tgz
cp package/countries-110m.json "$here/pipeline/data/countries-110m.json"
cp package/LICENSE "$here/pipeline/data/world-atlas.LICENSE"
node -e 'console.log("world-atlas " + require("./package/package.json").version)' > "$here/pipeline/data/world-atlas.VERSION"
echo "pipeline/data/countries-110m.json <- $(cat "$here/pipeline/data/world-atlas.VERSION")"
