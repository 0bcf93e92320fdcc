#!/usr/bin/env bash
# Developer rebuild of the addon (when native/ changed) and the TypeScript, serialised by a
# lock so parallel work on one tree does not interleave two builds.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>"${TMPDIR:-/tmp}/vdev-shell-dev-build.lock"
flock 9
if [ -n "$(find native -maxdepth 1 -newer native/build/Release/vdev.node \( -name '*.cc' -o -name '*.h' -o -name '*.gyp' \) -print -quit 2>/dev/null)" ] || [ ! -f native/build/Release/vdev.node ]; then
  (cd native && ../node_modules/.bin/node-gyp build --nodedir=/usr >/tmp/vdev-shell-gyp.log 2>&1) || { grep -E 'error' /tmp/vdev-shell-gyp.log | head -20; exit 1; }
fi
node_modules/.bin/tsc -p tsconfig.json
node scripts/bundle-ui.mjs   # Ink + React in one file: the UI loads ~3x faster
node scripts/bundle-app.mjs  # the shell and the inferior as bundles: start-up loads a few files
touch dist/.built
