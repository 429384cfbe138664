import { mkdir } from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'

import type { Role } from '../../../rules/vocabulary.js'
import { CHROMIUM_FLAGS, resolveChromium } from '../../../scripts/chromium.mjs'

/** The app under test, started by scripts/e2e.mjs. */
export const BASE_URL = process.env.E2E_BASE_URL ?? ''
if (!BASE_URL) throw new Error('E2E_BASE_URL is not set: run the browser tests with `npm run test:e2e`')

/** Where screenshots go (git-ignored). */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../artifacts/e2e')

/** The password of every user the tests create. */
export const PASSWORD = 'e2e correct horse battery staple'

/** A running Chromium with its own empty profile folder; `close` removes both. */
export interface BrowserSession {
  browser: Browser
  close: () => Promise<void>
}

/**
 * Starts the tests' Chromium (scripts/chromium.mjs: the one bundled in @sparticuz/chromium, or
 * CHROMIUM_PATH) through playwright-core. playwright gives each launch a new empty profile; the
 * temporary folder here holds its downloads and artifacts.
 */
export const launchChromium = async (): Promise<BrowserSession> => {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'cancer-content-e2e-'))
  const { env, executablePath } = await resolveChromium()
  const browser = await chromium.launch({
    args: CHROMIUM_FLAGS,
    downloadsPath: scratch,
    env,
    executablePath,
    headless: true,
  })
  return {
    browser,
    close: async () => {
      await browser.close()
      await rm(scratch, { force: true, recursive: true })
    },
  }
}

/** A REST call to the app; throws with the answer's text when the status is not the expected one. */
export const api = async <T = Record<string, unknown>>(
  method: 'DELETE' | 'GET' | 'PATCH' | 'POST',
  route: string,
  { body, expect = 200, token }: { body?: unknown; expect?: number; token?: string } = {},
): Promise<T> => {
  const response = await fetch(`${BASE_URL}/api${route}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `JWT ${token}` } : {}),
    },
    method,
  })
  const text = await response.text()
  if (response.status !== expect) {
    throw new Error(`${method} ${route}: expected ${expect}, got ${response.status}: ${text.slice(0, 500)}`)
  }
  return (text ? JSON.parse(text) : null) as T
}

/** A user of the app, with the token of a REST login. */
export interface TestUser {
  email: string
  id: number
  role: Role
  token: string
}

const login = async (email: string): Promise<string> => {
  const { token } = await api<{ token: string }>('POST', '/users/login', { body: { email, password: PASSWORD } })
  return token
}

/** The admin every e2e file shares: registered as on the admin's first screen, by whichever file comes first. */
const ADMIN_EMAIL = 'admin@e2e.test'

let adminPromise: Promise<TestUser> | null = null

/**
 * The first user, registered as on the admin's first screen (the plugin makes them admin); when
 * an earlier test file of the run registered them already, signed in instead.
 */
export const firstAdmin = (): Promise<TestUser> =>
  (adminPromise ??= (async () => {
    const response = await fetch(`${BASE_URL}/api/users/first-register`, {
      body: JSON.stringify({ email: ADMIN_EMAIL, password: PASSWORD }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const token = await login(ADMIN_EMAIL)
    const { user } = await api<{ user: { id: number; role: Role } }>('GET', '/users/me', { token })
    if (response.ok && user.role !== 'admin') throw new Error(`the first user became ${user.role}, not admin`)
    return { email: ADMIN_EMAIL, id: user.id, role: user.role, token }
  })())

let userCounter = 0

/** A new user with a role, created by the admin, signed in over REST. */
export const createUser = async (role: Role, label: string = role): Promise<TestUser> => {
  const admin = await firstAdmin()
  userCounter += 1
  const email = `${label}-${process.pid}-${userCounter}-${Math.random().toString(36).slice(2, 7)}@e2e.test`
  const { doc } = await api<{ doc: { id: number; role: Role } }>('POST', '/users', {
    body: { email, name: `E2E ${label} ${userCounter}`, password: PASSWORD, role },
    expect: 201,
    token: admin.token,
  })
  return { email, id: doc.id, role: doc.role, token: await login(email) }
}

/** The admin, and a new editor and reviewer (two people, for the four-eyes rule). */
export const createTeam = async (): Promise<{ admin: TestUser; editor: TestUser; reviewer: TestUser }> => ({
  admin: await firstAdmin(),
  editor: await createUser('editor'),
  reviewer: await createUser('reviewer'),
})

/**
 * A signed-in browser tab of one user, in a context of its own (own cookies). `navigationTimeoutMs`
 * is for the development server, whose pages load client code compiled on their first visit.
 */
export const signIn = async (
  browser: Browser,
  user: TestUser,
  { navigationTimeoutMs }: { navigationTimeoutMs?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { height: 1000, width: 1440 } })
  if (navigationTimeoutMs !== undefined) context.setDefaultNavigationTimeout(navigationTimeoutMs)
  const page = await context.newPage()
  await page.goto('/admin/login')
  // The login form appears once the admin's client code runs: on the development server that
  // code loads and hydrates for a minute or more on a busy machine, past the 30 s action default.
  await page.locator('#field-email').waitFor({ state: 'visible', timeout: Math.max(navigationTimeoutMs ?? 0, 30_000) })
  await page.locator('#field-email').fill(user.email)
  await page.locator('#field-password').fill(PASSWORD)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: Math.max(navigationTimeoutMs ?? 0, 60_000) })
  return { context, page }
}

let shot = 0

/** Saves a full-page screenshot as tests/artifacts/e2e/NN-name.png and returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  await mkdir(ARTIFACTS, { recursive: true })
  shot += 1
  const file = path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`)
  // Let toasts and late client renders settle into the picture without a fixed sleep.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await page.screenshot({ fullPage: true, path: file })
  return file
}

/** Waits until the locator shows the text (playwright-core has no auto-retrying expect). */
export const waitForText = async (locator: Locator, text: RegExp | string, timeout = 30_000): Promise<void> => {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout })
}

/** The workflow panel of the open article. */
export const workflowPanel = (page: Page): Locator => page.getByTestId('workflow-panel')

/** The panel's button for a workflow action. */
export const actionButton = (page: Page, action: string): Locator =>
  workflowPanel(page).locator(`button[data-action="${action}"]`)

/** The id of the article open in the edit view. */
export const articleIdFromUrl = (page: Page): number => {
  const match = /\/collections\/articles\/(\d+)/.exec(new URL(page.url()).pathname)
  if (!match?.[1]) throw new Error(`not on an article edit view: ${page.url()}`)
  return Number(match[1])
}

/** Runs a scenario; when it fails, saves a screenshot of each page as it was, then fails. */
export const withFailureScreenshots = async (
  pages: Record<string, Page>,
  scenario: () => Promise<void>,
): Promise<void> => {
  try {
    await scenario()
  } catch (error) {
    for (const [name, page] of Object.entries(pages)) {
      await screenshot(page, `FAILED-${name}`).catch(() => undefined)
    }
    throw error
  }
}
