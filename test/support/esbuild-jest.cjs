// Jest transform: TypeScript to CommonJS with esbuild (already the build's compiler). Type checking
// is tsc's job in `npm test`; the tests use no jest.mock hoisting, which this transform lacks.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
};
