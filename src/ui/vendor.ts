// The one door to Ink and React for the UI. After tsc, scripts/bundle-ui.mjs replaces the
// compiled dist/ui/vendor.js with a single-file bundle of Ink + React (~160 ms to load instead of
// ~450 ms for Ink's hundreds of files on these machines); without the bundle this plain re-export
// works the same, only slower. Every UI module imports Ink/React from here so there is exactly
// one copy of React at run time. (No JSX in src/ui for the same reason: jsx-runtime would load
// a second React.)
export { render, Box, Text, useStdin, useStdout } from 'ink';
export { default as wrapAnsi } from 'wrap-ansi';
export { createElement as h, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
