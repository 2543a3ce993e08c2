// Drives the /wstool page in a real Chromium and prints one JSON line with what the page showed.
//
//   node wstool-check.mjs --page http://127.0.0.1:8080/wstool --url ws://127.0.0.1:8083/mqtt \
//        [--user U --client C --token T] [--timeout 10] [--trust-spki BASE64] [--auto]
//   node wstool-check.mjs --page http://127.0.0.1:8080/wstool --auto      (the address the page finds itself)
//
// --trust-spki: Chromium accepts a certificate whose leaf public key has this base64 SHA-256 (how the test trusts
//   its test CA); without it, a wss:// address with a test certificate must fail.
// --auto: open the page with ?url=…&auto=1 instead of filling in the form and clicking; without --url, the page
//   finds this node's address itself (/api/version, /api/nodes).
// Prints {"state":"ok"|"fail"|…,"result":"OK: …","log":[…],"consoleErrors":[…]}; exit 0 when the page showed a
// result, 2 when the check itself could not run ({"error":"…"}). The browser is Debian's chromium
// ($CHROMIUM or /usr/bin/chromium); playwright-core never downloads one.
import { existsSync } from 'node:fs';
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
  },
});

function quit(error) {
  console.log(JSON.stringify({ error }));
  process.exit(2);
}

if (!opt.page || (opt.url === undefined && !opt.auto)) quit('usage: --page PAGE_URL --url WS_URL [--user --client --token --timeout --trust-spki --auto]');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) quit(`${executablePath} not found: install Debian's chromium (apt-get install chromium)`);

const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--no-first-run', '--disable-extensions'];
if (opt['trust-spki']) args.push(`--ignore-certificate-errors-spki-list=${opt['trust-spki']}`);

const timeoutSeconds = Number(opt.timeout);
let browser;
try {
  browser = await chromium.launch({ executablePath, headless: true, args, timeout: 30_000 });
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));

  if (opt.auto) {
    const q = new URLSearchParams({ user: opt.user, client: opt.client, timeout: opt.timeout, auto: '1' });
    if (opt.url !== undefined) q.set('url', opt.url);
    await page.goto(`${opt.page}?${q}`);
  } else {
    await page.goto(opt.page);
    await page.fill('#url', opt.url);
    await page.fill('#user', opt.user);
    await page.fill('#client', opt.client);
    await page.fill('#token', opt.token);
    await page.fill('#timeout', opt.timeout);
    await page.click('#run');
  }
  const result = page.locator('#result');
  try {
    await page.waitForSelector('#result[data-state=ok], #result[data-state=fail]',
      { timeout: (timeoutSeconds + 10) * 1000 });
  } catch (e) {
    // report what the page shows instead
  }
  console.log(JSON.stringify({
    state: await result.getAttribute('data-state'),
    result: await result.textContent(),
    log: await page.locator('#log li').allTextContents(),
    consoleErrors,
  }));
} catch (e) {
  quit(`browser check failed: ${e.message}`);
} finally {
  await browser?.close();
}
