// The browser of the browser tests: @sparticuz/chromium, a headless Chromium shipped inside an npm
// package, so the tests need nothing but Node and npm. CHROMIUM_PATH overrides it with a browser
// of your own (e.g. Debian's /usr/bin/chromium); nothing else on the system is looked at.
//
// Used by tests/e2e/helpers/app.ts (launchChromium) and by scripts/e2e.mjs's pre-flight check.
// Plain Node ESM with JSDoc types, so both the launcher script and the TypeScript tests import it.

import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The flags the browser tests launch Chromium with. Without the background-networking ones
 * Chromium floods the closed network with refused connections (RECIPE.md).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * @typedef {object} ResolvedChromium
 * @property {string} executablePath the Chromium binary
 * @property {Record<string, string>} env the browser process's whole environment
 * @property {'CHROMIUM_PATH' | '@sparticuz/chromium'} source where the binary came from
 * @property {number} unpackMs time spent unpacking the bundled browser (0 when it was unpacked already)
 */

/** The version-stamped folder the bundled browser is unpacked into, inside the project. */
const cacheDirFor = (version) => path.join(ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`)

// Its own fonts.conf: the one in the package names /tmp/fonts, where nothing of ours lies, and a
// Chromium without fonts renders every text blank.
const fontsConf = (fontsDir, cacheDir) => `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${fontsDir}</dir>
  <cachedir>${cacheDir}</cachedir>
</fontconfig>
`

/**
 * Unpacks the browser, its fonts and the libraries it needs (libnss3, libnspr4, libexpat…, from
 * `bin/al2023.tar.br`) once into node_modules/.cache. The package unpacks into `os.tmpdir()`,
 * where another project's copy of another version would be taken as ours: it gets a staging
 * folder of ours as TMPDIR, renamed into place when complete, so a run killed halfway never
 * leaves a truncated binary that a later run would trust.
 */
const unpackBundled = async () => {
  const { default: chromium, inflate } = await import('@sparticuz/chromium')
  const { version } = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8'),
  )
  const dir = cacheDirFor(version)
  const complete = path.join(dir, '.complete')
  if (fs.existsSync(complete) && fs.existsSync(path.join(dir, 'chromium'))) return { dir, unpackMs: 0 }
  // A folder marked complete without its browser (left by an unpack inside jest, see below): redo it.
  if (fs.existsSync(dir)) fs.rmSync(dir, { force: true, recursive: true })

  const started = Date.now()
  const staging = `${dir}.staging-${process.pid}-${randomBytes(3).toString('hex')}`
  fs.mkdirSync(staging, { recursive: true })
  const savedTmpdir = process.env.TMPDIR
  // os.tmpdir() reads TMPDIR at each call; the package has no other way to be told where to unpack.
  process.env.TMPDIR = staging
  try {
    chromium.setGraphicsMode = false
    await chromium.executablePath()
    const binDir = path.join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'bin')
    await Promise.all([inflate(path.join(binDir, 'fonts.tar.br')), inflate(path.join(binDir, 'al2023.tar.br'))])
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = savedTmpdir
  }
  // Inside a jest test, process.env is the sandbox's copy: TMPDIR does not reach os.tmpdir(), and
  // the package unpacks into the system's temporary folder instead. Never mark that complete.
  if (!fs.existsSync(path.join(staging, 'chromium'))) {
    fs.rmSync(staging, { force: true, recursive: true })
    throw new Error(
      'the bundled Chromium did not unpack into node_modules/.cache (TMPDIR was not honoured: inside jest, unpack it first ' +
        'outside the sandbox, as scripts/e2e.mjs and scripts/devtest.mjs do)',
    )
  }
  fs.writeFileSync(path.join(staging, '.complete'), `${new Date().toISOString()}\n`)
  try {
    fs.renameSync(staging, dir)
  } catch (error) {
    // Another process finished first (the folder exists now): keep theirs.
    fs.rmSync(staging, { force: true, recursive: true })
    if (!fs.existsSync(complete)) throw error
  }
  return { dir, unpackMs: Date.now() - started }
}

/**
 * Finds the browser for the tests: `CHROMIUM_PATH` when set, otherwise the Chromium bundled in
 * @sparticuz/chromium, unpacked on first use (1–4 s) into node_modules/.cache. Returns the binary
 * and the environment to launch it with (the bundled libraries on LD_LIBRARY_PATH, its fonts
 * through FONTCONFIG_PATH).
 *
 * @returns {Promise<ResolvedChromium>}
 * @throws {Error} when CHROMIUM_PATH names no file, or the bundled browser cannot be unpacked
 */
export const resolveChromium = async () => {
  /** @type {Record<string, string>} */
  const base = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) base[key] = value

  const override = process.env.CHROMIUM_PATH
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`CHROMIUM_PATH=${override}: no such file`)
    return { env: base, executablePath: override, source: 'CHROMIUM_PATH', unpackMs: 0 }
  }

  const { dir, unpackMs } = await unpackBundled()
  const fontsConfDir = path.join(dir, 'fontconfig')
  const conf = path.join(fontsConfDir, 'fonts.conf')
  if (!fs.existsSync(conf)) {
    fs.mkdirSync(fontsConfDir, { recursive: true })
    fs.writeFileSync(conf, fontsConf(path.join(dir, 'fonts'), path.join(dir, 'fonts-cache')))
  }
  const libDir = path.join(dir, 'al2023', 'lib')
  return {
    env: {
      ...base,
      FONTCONFIG_PATH: fontsConfDir,
      LD_LIBRARY_PATH: [libDir, base.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    },
    executablePath: path.join(dir, 'chromium'),
    source: '@sparticuz/chromium',
    unpackMs,
  }
}
