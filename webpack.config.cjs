// Builds build/Code.js (one classic script for Apps Script) and copies the manifest beside it.
// Apps Script discovers only top-level `function` declarations, so gas-webpack-plugin turns every
// export of src/index.ts into one; see test/bundle for the guard.
const path = require('node:path');
const fs = require('node:fs');
const GasPlugin = require('gas-webpack-plugin');

class CopyManifestPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyManifestPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const manifest = path.resolve(__dirname, 'appsscript.json');
          compilation.fileDependencies.add(manifest);
          const text = JSON.stringify(JSON.parse(fs.readFileSync(manifest, 'utf8')), null, 2) + '\n';
          compilation.emitAsset('appsscript.json', new compiler.webpack.sources.RawSource(text));
        },
      );
    });
  }
}

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/index.ts',
  devtool: false,
  target: ['web', 'es2020'],
  output: {
    path: path.resolve(__dirname, 'build'),
    filename: 'Code.js',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { loader: 'ts', target: 'es2020' } }],
  },
  // Readable stack traces in Apps Script, and no unused-export pruning: production mode would
  // otherwise drop the entry exports and emit a bundle that throws on load.
  optimization: { minimize: false, usedExports: false, concatenateModules: true },
  performance: { hints: false },
  plugins: [new GasPlugin({ autoGlobalExportsFiles: ['src/index.ts'] }), new CopyManifestPlugin()],
};
