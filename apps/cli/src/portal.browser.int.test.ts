// The portal in a real browser (Debian's Chromium via playwright-core), against `edgecv serve`
// on the test stack with S3 behind the fault proxy: a teacher creates with a prompt, the list
// shows it, a student sees the picture and submits answers (checked in MongoDB with the plain
// driver); an assignment without a picture shows the placeholder; an upload refused by S3 shows
// a plain message. Fails, never skips, when Chromium is missing.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { MongoClient } from 'mongodb';
import type { Page } from 'playwright-core';
import { Edgecv } from '@edgecv/container';
import { ACCESS_DENIED, launchChromium, startFaultProxy, uniqueName, type FaultProxy, type TestBrowser } from '@edgecv/test-harness';
import { startServe, type RunningApi } from './commands/serve';
import { createOutput } from './io/output';

jest.setTimeout(180_000);

const PORTAL = path.resolve(__dirname, '../../portal');
/** Set to a folder (e.g. docs/portal) to write a screenshot of each page there. */
const SHOTS = process.env.EDGECV_PORTAL_SCREENSHOTS;
/** Evaluated in the page (a string: this package is typed for node, not the DOM). */
const IMAGE_LOADED = "(() => { const i = document.getElementById('assignment-image'); return i !== null && i.complete && i.naturalWidth > 0; })()";

describe('the portal in Chromium', () => {
  let proxy: FaultProxy;
  let api: RunningApi;
  let browser: TestBrowser;
  let mongo: MongoClient;
  let database: string;

  beforeAll(async () => {
    // The pages as a user gets them: the built bundle.
    execFileSync(process.execPath, [path.join(PORTAL, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 ?? '');
    database = uniqueName('portal');
    const env = { ...process.env, AWS_ENDPOINT_URL_S3: proxy.url, EDGECV_ARTIFACT_BUCKET: uniqueName('portal'), EDGECV_TABLE_PREFIX: `${uniqueName('portal')}-`, EDGECV_MONGODB_DATABASE: database };
    const provisioning = Edgecv.fromEnv(env);
    await provisioning.provision({ versioned: true });
    await provisioning.close();
    const streams = { stdout: new PassThrough(), stderr: new PassThrough() };
    api = await startServe({ port: 0, logLevel: 'SILENT', mlServices: 'simulated', imageGenerator: 'local' }, { out: createOutput(streams), streams, env, cwd: process.cwd() });
    mongo = await MongoClient.connect(process.env.MONGODB_URI ?? '');
    browser = await launchChromium();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await mongo?.db(database).dropDatabase().catch(() => undefined);
    await mongo?.close();
    await api?.close();
    await proxy?.close();
  });
  afterEach(() => proxy.setRule(undefined));

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  async function createWithPrompt(page: Page, prompt: string, questions: string[], preview = false): Promise<string> {
    await page.goto(`${api.portalUrl}assignments/new`);
    await page.getByLabel('Your teacher id').fill('ms-rivera');
    await page.getByLabel('Describe the picture').fill(prompt);
    if (preview) {
      await page.getByRole('button', { name: 'Show the picture' }).click();
      const img = page.locator('#preview-image');
      await img.waitFor();
      expect(await img.getAttribute('alt')).toBe(prompt);
      await page.waitForFunction("document.getElementById('preview-image')?.naturalWidth === 1024");
      await expect(page.locator('#preview-caption').textContent()).resolves.toMatch(/^1024x1024 WEBP, \d+ KB \(from [\d.]+ MB, \d+% smaller\)/);
    }
    await page.getByLabel('Question 1').fill(questions[0] ?? '');
    for (const [i, q] of questions.slice(1).entries()) {
      await page.getByRole('button', { name: 'Add a question' }).click();
      await page.getByLabel(`Question ${i + 2}`).fill(q);
    }
    if (preview) await shot(page, 'new-assignment');
    await page.getByRole('button', { name: 'Create assignment' }).click();
    await page.waitForURL(/\/portal\/assignments\/[^/]+\?created=1$/);
    return decodeURIComponent(/assignments\/([^/?]+)/.exec(page.url())?.[1] ?? '');
  }

  it('a teacher creates with a prompt, the list shows it, a student sees the picture and the answers are stored in MongoDB', async () => {
    const page = await browser.context.newPage();
    const prompt = 'A serene mountain landscape at sunset';
    const id = await createWithPrompt(page, prompt, ['What time of day is it?', 'Name two things you see.'], true);

    // The student page loads the picture from its S3 URL (presigned here), not through the API.
    const img = page.locator('#assignment-image');
    expect(await img.getAttribute('alt')).toBe(prompt);
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^${proxy.url}/.*generated_images/${id}\\.webp\\?X-Amz-`));
    await page.waitForFunction(IMAGE_LOADED);
    expect(await page.evaluate("[document.getElementById('assignment-image').naturalWidth, document.getElementById('assignment-image').naturalHeight]")).toEqual([1024, 1024]);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('The assignment was created.');

    await page.goto(api.portalUrl ?? '');
    const entry = page.locator(`li[data-assignment-id="${id}"]`);
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain(prompt);
    await expect(entry.textContent()).resolves.toContain('picture ready');
    await shot(page, 'assignments-list');

    await entry.getByRole('link', { name: prompt }).click();
    await page.waitForURL(new RegExp(`/portal/assignments/${id}$`));
    await page.getByLabel('Your student id').fill('student-7');
    await page.getByLabel('1. What time of day is it?').fill('Sunset');
    // Keyboard only: tab into the second answer and type.
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mountains and a sun');
    await page.waitForFunction(IMAGE_LOADED);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Your answers were saved.').waitFor();
    await shot(page, 'student-assignment');

    const stored = await mongo.db(database).collection('assignment_submissions').findOne({ assignment_id: id, student_id: 'student-7' }, { projection: { _id: 0 } });
    expect(stored).toMatchObject({
      answers: [
        { question: 'What time of day is it?', answer: 'Sunset' },
        { question: 'Name two things you see.', answer: 'Mountains and a sun' },
      ],
    });
    expect(await mongo.db(database).collection('assignments').findOne({ assignment_id: id })).toMatchObject({ prompt, s3_upload_status: 'success', s3_image_key: `generated_images/${id}.webp` });
    await page.close();
  });

  it('an assignment created without a picture shows the placeholder', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${api.portalUrl}assignments/new`);
    await page.getByLabel('Your teacher id').fill('ms-rivera');
    await page.getByLabel('No picture').check();
    await expect(page.getByLabel('Describe the picture').isVisible()).resolves.toBe(false);
    await page.getByLabel('Question 1').fill('Write a haiku about autumn.');
    await page.getByRole('button', { name: 'Create assignment' }).click();
    await page.waitForURL(/\?created=1$/);
    const placeholder = page.locator('[data-placeholder]');
    await placeholder.waitFor();
    await expect(placeholder.textContent()).resolves.toContain('Image not available');
    await expect(placeholder.textContent()).resolves.toContain('This assignment has no picture.');
    expect(await page.locator('img').count()).toBe(0);
    await shot(page, 'no-picture-placeholder');
    await page.close();
  });

  it('an upload refused by S3 (through the fault proxy) leaves the assignment with a plain message and a reference', async () => {
    proxy.setRule({ action: ACCESS_DENIED, match: (r) => r.method === 'PUT' && /generated_images\/[^/]+\.webp/.test(r.url) });
    const page = await browser.context.newPage();
    await createWithPrompt(page, 'A lighthouse in a storm', ['What is the lighthouse for?']);
    const placeholder = page.locator('[data-placeholder]');
    await placeholder.waitFor();
    const text = (await placeholder.textContent()) ?? '';
    expect(text).toContain('Upload failed: storage is not configured correctly. An administrator has been alerted.');
    expect(text).toMatch(/Reference: [0-9a-f-]{36}/);
    expect(text).not.toMatch(/S3|403|AccessDenied|bucket/i);
    // The assignment stays usable: its questions are there to answer.
    await expect(page.getByLabel('1. What is the lighthouse for?').isVisible()).resolves.toBe(true);
    await shot(page, 'upload-failed');
    await page.close();
  });

  it('tells a teacher in plain words what is wrong with the form, with the request reference', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${api.portalUrl}assignments/new`);
    await page.getByLabel('Your teacher id').fill('ms-rivera');
    await page.getByRole('button', { name: 'Create assignment' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Please check: The questions must hold at least one question.');
    expect(text).toMatch(/Reference: \S+/);
    await page.close();
  });
});
