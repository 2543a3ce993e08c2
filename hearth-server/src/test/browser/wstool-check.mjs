// Drives the /wstool page in a real Chromium and prints one JSON line with what the page showed.
//
//   node wstool-check.mjs --page http://127.0.0.1:8080/wstool --url ws://127.0.0.1:8083/mqtt \
//        [--user U --client C --token T] [--timeout 10] [--trust-spki BASE64] [--auto]
//   node wstool-check.mjs --page http://127.0.0.1:8080/wstool --auto      (the address the page finds itself)
//   node wstool-check.mjs --serve [--trust-spki BASE64]                   (many checks, one browser)
//
// --trust-spki: Chromium accepts a certificate whose leaf public key has this base64 SHA-256 (how the test trusts
//   its test CA); without it, a wss:// address with a test certificate must fail. It is a launch flag, so it holds
//   for every check of one browser.
// --auto: open the page with ?url=…&auto=1 instead of filling in the form and clicking; without --url, the page
//   finds this node's address itself (/api/version, /api/nodes).
// --serve: launch Chromium once, print {"ready":true}, then read one check per stdin line, as JSON
//   {"page":…,"url":…,"user":…,"client":…,"token":…,"timeout":"10","auto":false} (only page is required), and
//   answer each with one JSON line; every check gets a fresh browser context (no cookies, cache or storage from
//   the check before). End of stdin closes the browser and exits 0.
// Prints {"state":"ok"|"fail"|…,"result":"OK: …","log":[…],"consoleErrors":[…]}; exit 0 when the page showed a
// result, 2 when the check itself could not run ({"error":"…"}; with --serve, a check that could not run answers
// {"error":"…"} and the next one is read, unless the browser itself is gone). The browser is Debian's chromium
// ($CHROMIUM or /usr/bin/chromium); playwright-core never downloads one.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opt } = parseArgs({
  options: {
    page: { type: 'string' },
    url: { type: 'string' },
    user: { type: 'string', default: '' },
    client: { type: 'string', default: '' },
    token: { type: 'string', default: '' },
    timeout: { type: 'string', default: '10' },
    'trust-spki': { type: 'string' },
    auto: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
  },
});

function quit(error) {
  console.log(JSON.stringify({ error }));
  process.exit(2);
}

if (!opt.serve && (!opt.page || (opt.url === undefined && !opt.auto))) {
  quit('usage: --page PAGE_URL --url WS_URL [--user --client --token --timeout --trust-spki --auto]'
    + ' | --serve [--trust-spki]');
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) quit(`${executablePath} not found: install Debian's chromium (apt-get install chromium)`);

const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--no-first-run', '--disable-extensions'];
if (opt['trust-spki']) args.push(`--ignore-certificate-errors-spki-list=${opt['trust-spki']}`);

/** One check in a fresh context of {@code browser}: what the page showed. */
async function check(browser, c) {
  const user = c.user ?? '';
  const client = c.client ?? '';
  const token = c.token ?? '';
  const timeout = String(c.timeout ?? '10');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', e => consoleErrors.push(String(e)));

    if (c.auto) {
      const q = new URLSearchParams({ user, client, timeout, auto: '1' });
      if (c.url !== undefined && c.url !== null) q.set('url', c.url);
      await page.goto(`${c.page}?${q}`);
    } else {
      await page.goto(c.page);
      // the page fills in a default address once it knows it: fill the form after that, not during it
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      await page.fill('#url', c.url);
      await page.fill('#user', user);
      await page.fill('#client', client);
      await page.fill('#token', token);
      await page.fill('#timeout', timeout);
      await page.click('#run');
    }
    const result = page.locator('#result');
    try {
      await page.waitForSelector('#result[data-state=ok], #result[data-state=fail]',
        { timeout: (Number(timeout) + 10) * 1000 });
    } catch (e) {
      // report what the page shows instead
    }
    return {
      state: await result.getAttribute('data-state'),
      result: await result.textContent(),
      log: await page.locator('#log li').allTextContents(),
      consoleErrors,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

let browser;
try {
  browser = await chromium.launch({ executablePath, headless: true, args, timeout: 30_000 });
} catch (e) {
  quit(`browser check failed: ${e.message}`);
}

if (!opt.serve) {
  try {
    console.log(JSON.stringify(await check(browser, opt)));
  } catch (e) {
    await browser.close().catch(() => {});
    quit(`browser check failed: ${e.message}`);
  }
  await browser.close();
} else {
  console.log(JSON.stringify({ ready: true }));
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let answer;
    try {
      const c = JSON.parse(line);
      if (!c.page || ((c.url === undefined || c.url === null) && !c.auto)) {
        throw new Error('a check needs page, and url unless auto');
      }
      answer = await check(browser, c);
    } catch (e) {
      answer = { error: `browser check failed: ${e.message}` };
    }
    console.log(JSON.stringify(answer));
    if (!browser.isConnected()) quit('the browser is gone');
  }
  await browser.close();
}
