// What an operator does after the first sign-in, page by page (called by console.e2e.mjs).
import { base, check, newPage, screenshot, step, timedLoad, until } from './harness.mjs';

async function signIn(page, username, password) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function number(text) {
  return Number((text ?? '').replace(/[^0-9]/g, '') || '0');
}

export async function run({ page, browser, figures, tenantUrl, syslogPort, adminPassword, viewerPassword }) {
  await step(page, 'add a tenant, with a connection test that passes first', async () => {
    await page.goto(base + '/settings/tenants');
    await page.getByRole('heading', { name: 'Netskope tenants', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add tenant' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('lab');
    await dialog.getByRole('textbox', { name: 'Tenant', exact: true }).fill(tenantUrl);
    await dialog.getByLabel('REST API v2 token').fill('demo-v2-token');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText('The connection works').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Add tenant' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Edit lab' }).waitFor();
    await page.getByRole('button', { name: 'Edit demo' }).waitFor();
    await screenshot(page, 'tenants');
  });

  await step(page, 'configure a syslog destination', async () => {
    await page.goto(base + '/cls/configurations');
    await page.getByRole('heading', { name: 'Log Shipper destinations', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add destination' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add destination' });
    await dialog.getByLabel('Plugin').selectOption('syslog');
    await dialog.getByLabel('Destination name').fill('siem');
    await dialog.getByRole('textbox', { name: 'Syslog server', exact: true }).fill('127.0.0.1');
    await dialog.getByRole('spinbutton', { name: 'Port' }).fill(String(syslogPort));
    await dialog.getByLabel('Protocol').selectOption('TCP');
    await dialog.getByLabel('Syslog format').selectOption('RFC5424');
    await dialog.getByLabel('Framing (TCP and TLS)').selectOption('octet-counting');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Destination "siem" created.').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Edit siem' }).waitFor();
    await screenshot(page, 'destinations');
  });

  let mappingCreatedAt;
  await step(page, 'create a SIEM mapping from the demo tenant to the destination', async () => {
    await page.goto(base + '/cls/siem-mappings');
    await page.getByRole('heading', { name: 'SIEM mappings', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create SIEM mapping' }).first().click();
    await page.getByRole('heading', { name: 'New SIEM mapping', level: 1 }).waitFor();
    const form = page.locator('main');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('demo-to-siem');
    await form.getByLabel('Source tenant').selectOption('demo');
    await form.getByLabel('malware', { exact: true }).check();
    await form.getByLabel('page', { exact: true }).check();
    await form.getByLabel('siem', { exact: true }).check();
    check((await form.getByLabel('Mapping file').inputValue()) === 'default-cef', 'the CEF mapping file preselected');
    await form.getByRole('button', { name: 'Create SIEM mapping' }).last().click();
    await page.getByText(/SIEM mapping demo-to-siem created/).waitFor({ timeout: 30_000 });
    mappingCreatedAt = Date.now();
    await screenshot(page, 'siem-mappings');
  });

  await step(page, 'see the events counted on the delivery dashboard', async () => {
    await page.goto(base + '/cls/delivery');
    const sent = page.getByTestId('sent-siem');
    await until('events sent to siem on the dashboard', async () => number(await sent.textContent()) > 0, 180_000, 1_000);
    figures.eventsAfterMs = Date.now() - mappingCreatedAt;
    // a few samples for the charts
    await page.waitForTimeout(12_000);
    await screenshot(page, 'delivery');
  });

  await step(page, 'the platform log loads quickly and filters', async () => {
    figures.loggingFirst = await timedLoad(page, '/logging', 'ce:logging:ready');
    figures.loggingAgain = await timedLoad(page, '/logging', 'ce:logging:ready');
    const rows = page.getByRole('table', { name: 'Log entries' }).getByRole('row');
    check((await rows.count()) > 10, 'entries in the Logging table');
    figures.logEntries = process.env.CE_SEEDED_LOG_ENTRIES;
    await screenshot(page, 'logging');
    figures.loggingErrors = await timedLoad(page, '/logging?level=error', 'ce:logging:ready');
    await page.getByText('CLS-PUSH-FAILED').first().waitFor();
    check((await page.getByRole('table', { name: 'Log entries' }).getByText('info', { exact: true }).count()) === 0, 'only errors listed');
  });

  await step(page, 'screenshots of the other main pages', async () => {
    for (const [path, name, heading] of [
      ['/audit', 'audit', 'Audit trail'],
      ['/settings/general', 'settings-general', 'General'],
      ['/settings/plugins', 'plugins', 'Plugins'],
      ['/cls/mapping-files', 'mapping-files', 'Mapping files'],
      ['/cls/parked', 'parked', 'Parked batches'],
      ['/settings/users', 'users', 'Users and API tokens'],
    ]) {
      await page.goto(base + path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await screenshot(page, name);
    }
  });

  await step(page, 'create a read-only user, whose temporary password is shown once', async () => {
    await page.goto(base + '/settings/users');
    await page.getByRole('button', { name: 'Create user' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Username').fill('viewer');
    await dialog.getByLabel('Role').selectOption('read-only');
    await dialog.getByLabel('Temporary password').fill('Temp!orary-pass3');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('dialog', { name: 'User viewer created' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Edit viewer' }).waitFor();
  });

  await step(page, 'an expired access token is renewed without the user noticing', async () => {
    const context = page.context();
    const kept = (await context.cookies()).filter((c) => c.name !== 'ce_access');
    await context.clearCookies();
    await context.addCookies(kept);
    await page.goto(base + '/settings/tenants');
    await page.getByRole('button', { name: 'Edit lab' }).waitFor();
    check(!page.url().includes('/login'), 'to stay signed in');
  });

  await step(page, 'an ended session leads to sign-in and back to the same page', async () => {
    await page.goto(base + '/cls/siem-mappings');
    await page.getByRole('heading', { name: 'SIEM mappings', level: 1 }).waitFor();
    const context = page.context();
    const kept = (await context.cookies()).filter((c) => c.name === 'ce_csrf');
    await context.clearCookies();
    await context.addCookies(kept);
    await page.getByRole('link', { name: 'Parked batches' }).click();
    await page.getByText('Your session ended. Sign in again to go back to where you were.').waitFor();
    await signIn(page, 'admin', adminPassword);
    await page.waitForURL('**/cls/parked');
    await page.getByRole('heading', { name: 'Parked batches', level: 1 }).waitFor();
  });

  await step(page, 'sign out', async () => {
    await page.getByRole('button', { name: /admin \(super-admin\)/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Open Cloud Exchange' }).waitFor();
    await page.goto(base + '/settings/tenants');
    await page.getByRole('heading', { name: 'Sign in to Open Cloud Exchange' }).waitFor();
  });

  const viewer = await newPage(browser);
  await step(viewer, 'the read-only user chooses a password and sees no edit controls', async () => {
    await viewer.goto(base + '/');
    // with the keyboard only: the username field has the focus, Tab to the password, Enter
    await viewer.getByRole('heading', { name: 'Sign in to Open Cloud Exchange' }).waitFor();
    await viewer.keyboard.type('viewer');
    await viewer.keyboard.press('Tab');
    await viewer.keyboard.type('Temp!orary-pass3');
    await viewer.keyboard.press('Enter');
    await viewer.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await viewer.getByLabel(/^New password/).fill(viewerPassword);
    await viewer.getByLabel('Repeat the new password').fill(viewerPassword);
    await viewer.getByRole('button', { name: 'Continue' }).click();
    await viewer.getByText('viewer (read-only)').waitFor();

    const nav = viewer.getByRole('navigation', { name: 'Main navigation' });
    check((await nav.getByRole('link', { name: 'Users and API tokens' }).count()) === 0, 'no Users page offered');
    check((await nav.getByRole('link', { name: 'Audit trail' }).count()) === 0, 'no Audit page offered');

    const pages = [
      ['/settings/tenants', 'Netskope tenants', 'lab', ['Add tenant', 'Edit lab', 'Delete lab', 'Test connection of lab']],
      ['/cls/configurations', 'Log Shipper destinations', 'siem', ['Add destination', 'Edit siem', 'Delete siem', 'Test siem']],
      ['/cls/siem-mappings', 'SIEM mappings', 'demo-to-siem', ['Create SIEM mapping', 'Edit demo-to-siem', 'Delete demo-to-siem']],
      ['/cls/mapping-files', 'Mapping files', 'default-cef', ['New mapping file', 'Upload mapping file', 'Copy default-cef']],
      ['/settings/plugins', 'Plugins', 'Syslog', ['Upload plugin', 'Disable Syslog', 'Enable Syslog']],
    ];
    for (const [path, heading, row, forbidden] of pages) {
      await viewer.goto(base + path);
      await viewer.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await viewer.getByText(row).first().waitFor();
      for (const name of forbidden) {
        check((await viewer.getByRole('button', { name, exact: true }).count()) === 0, `no "${name}" button for read-only on ${path}`);
      }
    }
    await viewer.goto(base + '/settings/tenants');
    await viewer.getByText('lab', { exact: true }).first().waitFor();
    await screenshot(viewer, 'read-only-tenants');
    await viewer.goto(base + '/settings/users');
    await viewer.getByRole('heading', { name: 'Not available to your role' }).waitFor();
  });
}
