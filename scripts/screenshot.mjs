// Takes a screenshot of a page with Debian's Chromium: node scripts/screenshot.mjs URL OUT.png [width] [--full]
import { chromium } from 'playwright-core';
const [url, out, width = '1280'] = process.argv.slice(2);
const full = process.argv.includes('--full');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
await page.screenshot({ path: out, fullPage: full });
await browser.close();
