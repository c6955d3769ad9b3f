// The console end to end in headless Chromium against a suite started with `scripts/start --demo`
// (run by e2e-tests' WebConsoleEndToEndTest, which also checks that the events reached rsyslog).
// Environment: CE_URL (the gateway), CE_DEMO_TENANT_URL (the simulator), CE_SYSLOG_PORT (a TCP
// syslog receiver), CE_SCREENSHOTS (where the pages' screenshots go), CE_FAILURES, CHROMIUM.
import { base, check, launch, newPage, screenshot, step, timedLoad, until } from './harness.mjs';

const ADMIN_PASSWORD = 'Console!E2e-pass1';
const VIEWER_PASSWORD = 'Watch!E2e-pass2';
const tenantUrl = process.env.CE_DEMO_TENANT_URL ?? 'http://127.0.0.1:8091';
const syslogPort = process.env.CE_SYSLOG_PORT ?? '5514';
const figures = {};

const browser = await launch();
let exitCode = 0;
try {
  const page = await newPage(browser);

  await step(page, 'an address without a session leads to sign-in', async () => {
    await page.goto(base + '/settings/tenants');
    await page.getByRole('heading', { name: 'Sign in to Open Cloud Exchange' }).waitFor();
    check(page.url().includes('/login?next=%2Fsettings%2Ftenants'), `the sign-in page to remember the page asked for, got ${page.url()}`);
  });

  await step(page, 'the default password is refused after a wrong one and leads to the first sign-in', async () => {
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await page.getByLabel('Password').fill('admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome to Open Cloud Exchange' }).waitFor();
    await screenshot(page, 'first-login');
  });

  await step(page, 'first sign-in: licence and a new password, then back to the page asked for', async () => {
    await page.getByLabel(/^New password/).fill('admin');
    await page.getByText(/Still needs/).waitFor();
    await page.getByLabel(/^New password/).fill(ADMIN_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(ADMIN_PASSWORD);
    check(await page.getByRole('button', { name: 'Continue' }).isDisabled(), 'Continue disabled until the licence is accepted');
    await page.getByLabel('I accept the licence agreement').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/settings/tenants');
  });

  await step(page, 'home shows every service and loads quickly', async () => {
    figures.homeFirst = await timedLoad(page, '/', 'ce:home:ready');
    figures.homeAgain = await timedLoad(page, '/', 'ce:home:ready');
    await page.getByText('tenant-service').first().waitFor();
    await screenshot(page, 'home');
  });

  // ---- the rest of the scenario follows the pages ----
  const rest = await import('./scenario.mjs');
  await rest.run({ page, browser, figures, tenantUrl, syslogPort, adminPassword: ADMIN_PASSWORD, viewerPassword: VIEWER_PASSWORD });

  console.log(
    `FIGURES ui: home ready in ${figures.homeFirst} ms (first visit) and ${figures.homeAgain} ms (again);` +
      ` logging ready in ${figures.loggingFirst} ms (first) and ${figures.loggingAgain} ms (again),` +
      ` errors only ${figures.loggingErrors} ms` +
      (figures.logEntries ? `, with ${figures.logEntries} entries over 24 h in the platform log` : '') +
      `; events on the dashboard after ${figures.eventsAfterMs} ms`,
  );
} catch (e) {
  exitCode = 1;
  console.log(`console e2e failed: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
