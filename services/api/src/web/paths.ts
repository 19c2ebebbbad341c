/**
 * Where the pages' files are: the HTML and CSS as written (static/), and the
 * scripts as esbuild bundles them from browser/ (dist/, built by build.ts,
 * not committed). A module of its own so that serving them (routes.ts) does
 * not load the bundler.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));

export const STATIC_DIR = path.join(WEB_DIR, 'static');
export const SOURCE_DIR = path.join(WEB_DIR, 'browser');
export const BUNDLE_DIR = path.join(WEB_DIR, 'dist');
