// picomatch, required on first call: an ES module's `import` would load it at start-up, and most
// commits find every glob compiled already (diff/stats.ts's glob cache). In dist/ bundles esbuild
// turns this require into a call into the bundle, so picomatch stays inside it.
'use strict';
module.exports = function loadPicomatch() {
  return require('picomatch');
};
