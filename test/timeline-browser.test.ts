// Runs the timeline fixture suite into Cucumber's HTML report, opens it in headless Chromium and checks the timeline and its value track show.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { TIMELINE_COLORS, TIMELINE_WIDTH } from '../support/timeline/index.js';
import { TRACK_INK } from '../support/timeline/layout.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = join(ROOT, 'reports');
const HTML_REPORT = join(REPORTS, 'timeline-report.html');
const SCREENSHOT = join(REPORTS, 'timeline.png');
const DENSE_SCREENSHOT = join(REPORTS, 'timeline-dense.png');
const TRACK_SCREENSHOT = join(REPORTS, 'timeline-track.png');
const FIXTURE_CONFIG = 'test/fixtures/timeline/cucumber.json';
const RUN_LIMIT_MS = 120_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's chromium on PATH (or CHROMIUM_PATH); a clear failure, never a skip, when it is missing. */
function chromiumExecutable(): string {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((folder) => join(folder, 'chromium'));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(
    `Chromium is not installed: no executable ${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : '"chromium" on PATH'}. ` +
      "Install Debian's package (apt-get install -y --no-install-recommends chromium; .ci/run does it) or set CHROMIUM_PATH.",
  );
}

/** Runs the fixture suite with the HTML formatter; resolves with its exit code and output, killing it past the limit. */
function runFixtureSuite(): Promise<{ code: number | null; output: string }> {
  const cucumberBin = join(dirname(createRequire(import.meta.url).resolve('@cucumber/cucumber/package.json')), 'bin', 'cucumber.js');
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cucumberBin, '--config', FIXTURE_CONFIG, '--format', `html:${HTML_REPORT}`], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`the fixture suite was killed (${signal}) after ${RUN_LIMIT_MS} ms:\n${output}`));
      else resolvePromise({ code, output });
    });
  });
}

/** What the page knows of one displayed timeline image. */
interface ShownImage {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly shownWidth: number;
  readonly svg: string;
  /** How many pixels of each timeline colour the image paints, read back through a canvas. */
  readonly painted: Record<string, number>;
}

// The few page-side DOM members `inspect` uses: the project's type check runs without the DOM library.
interface PageImage {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly src: string;
  decode(): Promise<void>;
  getBoundingClientRect(): { readonly width: number };
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    drawImage(image: PageImage, x: number, y: number): void;
    getImageData(x: number, y: number, width: number, height: number): { readonly data: Uint8ClampedArray };
  } | null;
}

async function inspect(image: Locator): Promise<ShownImage> {
  await image.evaluate((element: PageImage) => element.decode());
  return image.evaluate(
    (element: PageImage, colors: Record<string, string>): ShownImage => {
      const { document } = globalThis as unknown as { document: { createElement(tag: 'canvas'): PageCanvas } };
      const canvas = document.createElement('canvas');
      canvas.width = element.naturalWidth;
      canvas.height = element.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(element, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const painted: Record<string, number> = {};
      for (const [name, hex] of Object.entries(colors)) {
        const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
        let count = 0;
        for (let index = 0; index < pixels.length; index += 4) {
          if (pixels[index] === r && pixels[index + 1] === g && pixels[index + 2] === b) count += 1;
        }
        painted[name] = count;
      }
      const base64 = element.src.slice(element.src.indexOf(',') + 1);
      const svg = new TextDecoder().decode(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)));
      return {
        naturalWidth: element.naturalWidth,
        naturalHeight: element.naturalHeight,
        shownWidth: element.getBoundingClientRect().width,
        svg,
        painted,
      };
    },
    { ...TIMELINE_COLORS, trackLine: TRACK_INK.line, trackBound: TRACK_INK.bound },
  );
}

describe('the observation timeline in the Cucumber HTML report', { timeout: 4 * RUN_LIMIT_MS }, () => {
  let run: { code: number | null; output: string };
  let profile: string | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;

  before(async () => {
    const executablePath = chromiumExecutable();
    mkdirSync(REPORTS, { recursive: true });
    rmSync(HTML_REPORT, { force: true });
    run = await runFixtureSuite();
    profile = mkdtempSync(join(tmpdir(), 'timeline-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 1000 },
      timeout: 60_000,
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  });

  after(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('the fixture suite ran its three scenarios, one failing by design', () => {
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /3 scenarios \(1 failed, 2 passed\)/, run.output);
    assert.match(run.output, /timed out after 300 ms waiting for "downCount" to be 0/);
  });

  test('each reported scenario shows its timeline as an image; the one with report=never has none', async () => {
    await page.goto(pathToFileURL(HTML_REPORT).href);
    await page.getByText('a scenario whose report is turned off').waitFor({ timeout: 30_000 });
    // The report folds each scenario's hooks, and each image attachment sits in a closed <details>.
    const hookToggles = page.getByRole('button', { name: /^\d+ hooks?$/ });
    while ((await hookToggles.count()) > 0) await hookToggles.first().click();
    const summaries = page.locator('summary', { hasText: 'observation-timeline.svg' });
    assert.equal(await summaries.count(), 2, 'the failing and the busy scenario attach a timeline; report=never attaches none');
    for (const summary of await summaries.all()) await summary.click();

    const images = page.locator('details[open] img');
    assert.equal(await images.count(), 2);
    const [failing, busy] = [images.nth(0), images.nth(1)];

    for (const image of [failing, busy]) {
      await image.scrollIntoViewIfNeeded();
      assert.ok(await image.isVisible(), 'the timeline image is visible once its attachment is opened');
    }
    const shown = await inspect(failing);
    assert.equal(shown.naturalWidth, TIMELINE_WIDTH);
    assert.ok(shown.naturalHeight > 200 && shown.shownWidth > 600, `${shown.naturalWidth}x${shown.naturalHeight}, shown ${shown.shownWidth} px wide`);
    for (const expected of [
      '>cycles</text>',
      '>events</text>',
      '>steps</text>',
      '>source b</text>',
      '>Legend</text>',
      'interval 25 ms',
      'within 300ms the observed &quot;downCount&quot; should be 0',
      'timed out · ',
      'b &lt;did not answer&gt; &amp; &#39;timed out&#39;',
      'poll failure ×',
      'poll &lt;crashed&gt; &amp; &quot;burned&quot;',
      'source refresh failure ×',
      'registry unreachable',
    ]) {
      assert.ok(shown.svg.includes(expected), `the failing scenario's timeline has ${expected}`);
    }
    for (const color of ['ok', 'poll', 'source-refresh', 'events', 'sourceTrouble', 'passed', 'timedOut']) {
      assert.ok((shown.painted[color] ?? 0) > 20, `${color} is painted (${shown.painted[color]} px)`);
    }
    await failing.screenshot({ path: SCREENSHOT });

    const dense = await inspect(busy);
    assert.equal(dense.naturalWidth, TIMELINE_WIDTH);
    assert.match(dense.svg, /Dense rows: one column = [\d.]+ ms/);
    assert.match(dense.svg, /interval 4 ms · [\d,]+ cycles/);
    assert.ok(dense.svg.includes('within 10s the observed cycle should be at least 300'));
    assert.ok(dense.svg.includes('>source worker</text>'));
    for (const color of ['ok', 'poll', 'events', 'sourceTrouble', 'passed']) {
      assert.ok((dense.painted[color] ?? 0) > 20, `${color} is painted in the dense timeline (${dense.painted[color]} px)`);
    }
    await busy.screenshot({ path: DENSE_SCREENSHOT });
    assert.ok(readFileSync(SCREENSHOT).subarray(1, 4).toString() === 'PNG');

    // The failing wait's value track: its elements and labels in the image, then its region of a real screenshot.
    for (const expected of [
      'class="value-track"',
      'class="track-line" data-path="downCount"',
      'class="track-bound"',
      '>bound 0</text>',
      /value track 1 · &quot;downCount&quot; to be 0( after cycle \d+)? · timed out after 300 ms · expected: be 0/,
      'text-anchor="end">',
    ]) {
      const found = typeof expected === 'string' ? shown.svg.includes(expected) : expected.test(shown.svg);
      assert.ok(found, `the failing scenario's timeline has ${expected}`);
    }
    assert.match(shown.svg, /<tspan[^>]*>[\d.-]+–[\d.-]+ <\/tspan>downCount<\/text>/, 'the track row is labelled with its path and scale');
    assert.ok((shown.painted.trackLine ?? 0) > 20, `the track line is painted (${shown.painted.trackLine} px)`);
    assert.ok((shown.painted.trackBound ?? 0) > 10, `the bound is painted (${shown.painted.trackBound} px)`);
    const region = /class="value-track" data-track="1" data-top="([\d.]+)" data-height="([\d.]+)"/.exec(shown.svg);
    assert.ok(region, 'the track says where it is drawn');
    const [top, height] = [Number(region[1]), Number(region[2])];
    await failing.scrollIntoViewIfNeeded();
    const box = await failing.boundingBox();
    assert.ok(box, 'the timeline image has a box on the page');
    const scale = box.width / shown.naturalWidth;
    const clip = { x: box.x, y: box.y + top * scale, width: box.width, height: Math.max(1, height * scale) };
    const trackShot = await page.screenshot({ clip, path: TRACK_SCREENSHOT });
    const ink = await screenshotInk(page, trackShot.toString('base64'), TRACK_INK.line);
    assert.ok(ink.nonBlank > 0.02 * ink.total, `the track's region of the screenshot is not blank (${ink.nonBlank} of ${ink.total} px)`);
    assert.ok(ink.lineColoured > 10, `the screenshot shows the track's line (${ink.lineColoured} px near ${TRACK_INK.line})`);
  });
});

/** Pixels of a PNG screenshot that are not white, and those near `hex`, counted in the page through a canvas. */
async function screenshotInk(page: Page, pngBase64: string, hex: string): Promise<{ total: number; nonBlank: number; lineColoured: number }> {
  return page.evaluate(
    async ({ png, color }) => {
      const { document, Image } = globalThis as unknown as {
        document: { createElement(tag: 'canvas'): PageCanvas };
        Image: new () => PageImage & { src: string };
      };
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16)) as [number, number, number];
      let nonBlank = 0;
      let lineColoured = 0;
      for (let index = 0; index < pixels.length; index += 4) {
        const [pr, pg, pb] = [pixels[index]!, pixels[index + 1]!, pixels[index + 2]!];
        if (pr < 245 || pg < 245 || pb < 245) nonBlank += 1;
        if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) < 40) lineColoured += 1;
      }
      return { total: pixels.length / 4, nonBlank, lineColoured };
    },
    { png: pngBase64, color: hex },
  );
}
