// Builds build/Code.js (one classic script for Apps Script) and copies the manifest beside it.
// Apps Script discovers only top-level `function` declarations, so gas-webpack-plugin turns every
// export of src/index.ts into one; see test/bundle for the guard.
//
// STORE=firestore (npm run build:firestore) builds the same add-on on Cloud Firestore: the platform's
// store backend (src/platform/store-backend.ts) is replaced by store-backend-firestore.ts, and the
// owner's store commands (migration-backend.ts, which refuses) by migration-backend-firestore.ts, so
// the default bundle holds no Firestore module, no migration and no UrlFetchApp, and the manifest gains
// script.external_request and a urlFetchWhitelist of the two endpoints it calls (FIRESTORE_MANIFEST).
// Both builds write build/, which clasp pushes (.clasp.json rootDir); --output-path writes elsewhere.
const path = require('node:path');
const fs = require('node:fs');
const GasPlugin = require('gas-webpack-plugin');
const webpack = require('webpack');

const STORES = ['properties', 'firestore'];
const STORE = process.env.STORE || 'properties';
if (!STORES.includes(STORE)) throw new Error(`STORE=${STORE}: expected one of ${STORES.join(', ')}`);

/**
 * What the Firestore build adds to appsscript.json. Allowlist prefixes need https, a full domain
 * and a non-empty path, and match the URL itself or anything beneath it
 * (developers.google.com/apps-script/manifest/allowlist-url).
 */
const FIRESTORE_MANIFEST = {
  oauthScopes: ['https://www.googleapis.com/auth/script.external_request'],
  urlFetchWhitelist: ['https://oauth2.googleapis.com/token', 'https://firestore.googleapis.com/'],
};

function manifestFor(store, manifest) {
  if (store !== 'firestore') return manifest;
  return {
    ...manifest,
    oauthScopes: [...manifest.oauthScopes, ...FIRESTORE_MANIFEST.oauthScopes],
    urlFetchWhitelist: FIRESTORE_MANIFEST.urlFetchWhitelist,
  };
}

class CopyManifestPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyManifestPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const manifest = path.resolve(__dirname, 'appsscript.json');
          compilation.fileDependencies.add(manifest);
          const parsed = manifestFor(STORE, JSON.parse(fs.readFileSync(manifest, 'utf8')));
          const text = JSON.stringify(parsed, null, 2) + '\n';
          compilation.emitAsset('appsscript.json', new compiler.webpack.sources.RawSource(text));
        },
      );
    });
  }
}

const storePlugins =
  STORE === 'firestore'
    ? [
        // The store, and the owner's store commands (configureFirestore, the migrations).
        new webpack.NormalModuleReplacementPlugin(/^\.\/(store|migration)-backend$/, (resource) => {
          if (/[\\/]src[\\/]platform$/.test(resource.context)) resource.request += '-firestore';
        }),
      ]
    : [];

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
  plugins: [
    ...storePlugins,
    new GasPlugin({ autoGlobalExportsFiles: ['src/index.ts'] }),
    new CopyManifestPlugin(),
  ],
};
