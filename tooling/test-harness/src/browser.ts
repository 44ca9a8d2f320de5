// Debian's Chromium, driven by playwright-core for the browser tests. Nothing here downloads a
// browser: the executable is the system one (scripts/bootstrap.sh installs it), and a missing
// browser fails the test that asked for it instead of skipping it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.EDGECV_CHROMIUM ?? '/usr/bin/chromium';

/** No network beyond the page's own requests, no first-run work, nothing a sandboxed CI lacks. */
export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile (its own --user-data-dir) in the system Chromium. */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run scripts/bootstrap.sh (apt-get install chromium) or set EDGECV_CHROMIUM. Browser tests fail rather than skip.`);
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'edgecv-chromium-'));
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: options.viewport ?? { width: 960, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
