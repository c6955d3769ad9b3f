import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, problem, reply, type ApiCall } from '../../test-utils';
import { ParkedPage } from './ParkedPage';
import type { ParkedSummary } from './types';

// the forms are large and the machine may be busy: give each test room
vi.setConfig({ testTimeout: 20000 });

function batch(id: string, over: Partial<ParkedSummary> = {}): ParkedSummary {
  return {
    id,
    mapping: 'all-alerts',
    destination: 'syslog-qradar',
    tenant: 'acme',
    kind: 'alerts',
    subtype: 'malware',
    records: 10,
    reason: 'refused by the receiver: message too long',
    attempts: 3,
    parkedAt: '2026-03-01T10:00:00Z',
    ...over,
  };
}

const quietLists = {
  'GET /api/cls/configurations': () => [
    { name: 'syslog-qradar', pluginId: 'syslog', enabled: true },
    { name: 'splunk-hec', pluginId: 'splunk-hec', enabled: true },
  ],
  'GET /api/cls/siem-mappings': () => [
    { name: 'all-alerts', source: { tenant: 'acme', alerts: ['malware'], events: [] }, mappingFile: 'default-cef', destinations: ['syslog-qradar'] },
  ],
};

const page = (items: ParkedSummary[], total = items.length, nextBefore: string | null = null) => ({ items, total, nextBefore });

describe('ParkedPage', () => {
  it('reads the destination from the address, lists with the total and pages with the cursor', async () => {
    const { api } = renderPage(<ParkedPage />, {
      path: '/cls/parked?destination=syslog-qradar',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': (call: ApiCall) =>
          call.query.get('before') === '2026-03-01T09:00:00Z'
            ? page([batch('b3', { parkedAt: '2026-03-01T08:00:00Z' })], 3)
            : page([batch('b1'), batch('b2', { parkedAt: '2026-03-01T09:00:00Z', subtype: 'dlp' })], 3, '2026-03-01T09:00:00Z'),
      },
    });
    const table = await screen.findByRole('grid', { name: 'Parked batches' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('parked-range').textContent).toBe('1–2 of 3 parked batches (destination syslog-qradar)');
    const first = api.callsTo('GET', '/api/cls/parked')[0];
    expect(first.query.get('destination')).toBe('syslog-qradar');
    expect(first.query.get('limit')).toBe('50');
    expect(first.query.get('before')).toBeNull();
    expect((screen.getByLabelText('Destination') as HTMLSelectElement).value).toBe('syslog-qradar');

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(screen.getByTestId('parked-range').textContent).toContain('3–3 of 3'));
    const second = api.callsTo('GET', '/api/cls/parked').at(-1)!;
    expect(second.query.get('before')).toBe('2026-03-01T09:00:00Z');
    expect(second.query.get('destination')).toBe('syslog-qradar');
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getByTestId('parked-range').textContent).toContain('1–2 of 3'));
    expect(api.callsTo('GET', '/api/cls/parked').at(-1)!.query.get('before')).toBeNull();
  });

  it('filters by SIEM mapping on the server and searches the page by reason', async () => {
    const { api } = renderPage(<ParkedPage />, {
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page([batch('b1'), batch('b2', { reason: 'gave up after 20 failed deliveries: timeout' })]),
      },
    });
    await screen.findByRole('grid', { name: 'Parked batches' });
    const user = userEvent.setup({ delay: null });
    await user.selectOptions(screen.getByLabelText('SIEM mapping'), 'all-alerts');
    await waitFor(() => expect(api.callsTo('GET', '/api/cls/parked').at(-1)!.query.get('mapping')).toBe('all-alerts'));
    await user.selectOptions(screen.getByLabelText('Batches per page'), '100');
    await waitFor(() => expect(api.callsTo('GET', '/api/cls/parked').at(-1)!.query.get('limit')).toBe('100'));

    await user.type(screen.getByRole('textbox', { name: 'Search this page' }), 'gave up');
    const rows = within(screen.getByRole('grid', { name: 'Parked batches' })).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1].textContent).toContain('gave up after 20 failed deliveries');
  });

  it('shows a batch with its records and the API refusal of a replay', async () => {
    const { api } = renderPage(<ParkedPage />, {
      role: 'admin',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page([batch('b1')]),
        'GET /api/cls/parked/:id': (_c, p) => ({ summary: batch(p.id), records: [{ _id: 'r1', user: 'alice@acme.com' }, { _id: 'r2' }] }),
        'POST /api/cls/parked/:id/replay': () =>
          problem(409, 'Conflict', "The SIEM mapping 'all-alerts' no longer sends to 'syslog-qradar'; add it back to replay, or discard."),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Details of batch b1' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByTestId('parked-records').textContent).toContain('alice@acme.com'));
    expect(dialog.textContent).toContain('refused by the receiver: message too long');
    expect(api.callsTo('GET', '/api/cls/parked/b1')).toHaveLength(1);

    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));
    expect(await within(dialog).findByText(/no longer sends to 'syslog-qradar'/)).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/parked/b1/replay')).toHaveLength(1);
    expect(screen.getByRole('dialog')).toBeTruthy(); // stays open on a refusal
  });

  it('says an unreadable message can only be discarded', async () => {
    renderPage(<ParkedPage />, {
      role: 'admin',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page([batch('raw1', { kind: null, subtype: null, tenant: null })]),
        'GET /api/cls/parked/:id': (_c, p) => ({ summary: batch(p.id, { kind: null }), records: 'garbage bytes' }),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Details of batch raw1' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('garbage bytes')).toBeTruthy();
    expect(dialog.textContent).toContain('it can only be discarded');
    expect((within(dialog).getByRole('button', { name: 'Replay' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('replays the selected batches one by one and reports each refusal', async () => {
    const { api } = renderPage(<ParkedPage />, {
      role: 'admin',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page([batch('b1'), batch('b2', { records: 5 }), batch('b3')]),
        'POST /api/cls/parked/:id/replay': (_c, p) =>
          p.id === 'b2' ? problem(409, 'Conflict', "The SIEM mapping 'all-alerts' no longer exists") : { records: 10, batches: 1 },
      },
    });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('grid', { name: 'Parked batches' });
    expect((screen.getByRole('button', { name: 'Replay selected (0)' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByLabelText('Select batch b1'));
    await user.click(screen.getByLabelText('Select batch b2'));
    await user.click(screen.getByRole('button', { name: 'Replay selected (2)' }));
    const outcome = await screen.findByTestId('parked-outcome');
    expect(outcome.textContent).toContain('Replayed 1 batch; 1 batch could not be replayed.');
    expect(outcome.textContent).toContain("b2: The SIEM mapping 'all-alerts' no longer exists");
    expect(api.callsTo('POST', '/api/cls/parked/b1/replay')).toHaveLength(1);
    expect(api.callsTo('POST', '/api/cls/parked/b2/replay')).toHaveLength(1);
    expect(api.callsTo('POST', '/api/cls/parked/b3/replay')).toHaveLength(0);
    // the refused one stays selected for another try or a discard
    expect(screen.getByRole('button', { name: 'Discard selected (1)' })).toBeTruthy();
  });

  it('discards one batch after confirmation, and the selected ones together', async () => {
    let items = [batch('b1'), batch('b2'), batch('b3')];
    const { api } = renderPage(<ParkedPage />, {
      role: 'admin',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page(items),
        'DELETE /api/cls/parked/:id': (_c, p) => {
          items = items.filter((b) => b.id !== p.id);
          return { records: 10, batches: 1 };
        },
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Discard batch b1' }));
    const confirm = await screen.findByRole('dialog');
    expect(confirm.textContent).toContain('deleted for good');
    expect(api.callsTo('DELETE', '/api/cls/parked/b1')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('DELETE', '/api/cls/parked/b1')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByLabelText('Select batch b1')).toBeNull());

    await user.click(screen.getByLabelText('Select all batches on this page'));
    await user.click(screen.getByRole('button', { name: 'Discard selected (2)' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard' }));
    expect((await screen.findByTestId('parked-outcome')).textContent).toContain('Discarded 2 batches (20 records).');
    expect(api.callsTo('DELETE', '/api/cls/parked/b2')).toHaveLength(1);
    expect(api.callsTo('DELETE', '/api/cls/parked/b3')).toHaveLength(1);
  });

  it('replays everything matching the filter with the bulk call', async () => {
    const { api } = renderPage(<ParkedPage />, {
      role: 'admin',
      path: '/cls/parked?destination=splunk-hec&mapping=all-alerts',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page([batch('b1', { destination: 'splunk-hec' })], 1),
        'POST /api/cls/parked/replay': () => reply(200, { records: 10, batches: 1 }),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Replay all matching' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('destination splunk-hec and SIEM mapping all-alerts');
    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));
    expect((await screen.findByTestId('parked-outcome')).textContent).toContain('Replayed 1 batch (10 records) of destination splunk-hec');
    const call = api.callsTo('POST', '/api/cls/parked/replay')[0];
    expect(call.query.get('destination')).toBe('splunk-hec');
    expect(call.query.get('mapping')).toBe('all-alerts');
  });

  it('shows a 403 from a replay where it happened', async () => {
    renderPage(<ParkedPage />, {
      role: 'admin',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page([batch('b1')]),
        'POST /api/cls/parked/:id/replay': () => problem(403, 'Forbidden', 'This needs the admin role.'),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Replay batch b1' }));
    const outcome = await screen.findByTestId('parked-outcome');
    expect(outcome.textContent).toContain('was not replayed');
    expect(outcome.textContent).toContain('This needs the admin role.');
  });

  it('gives a read-only user the list and the details but no action', async () => {
    renderPage(<ParkedPage />, {
      role: 'read-only',
      routes: {
        ...quietLists,
        'GET /api/cls/parked': () => page([batch('b1')]),
        'GET /api/cls/parked/:id': (_c, p) => ({ summary: batch(p.id), records: [] }),
      },
    });
    await screen.findByRole('grid', { name: 'Parked batches' });
    expect(screen.queryByLabelText('Select batch b1')).toBeNull();
    expect(screen.queryByRole('button', { name: /Replay/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Discard/ })).toBeNull();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Details of batch b1' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('button', { name: 'Replay' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Discard' })).toBeNull();
  });

  it('says when nothing is parked', async () => {
    renderPage(<ParkedPage />, {
      path: '/cls/parked?destination=splunk-hec',
      routes: { ...quietLists, 'GET /api/cls/parked': () => page([], 0) },
    });
    expect(await screen.findByRole('heading', { name: 'No parked batches' })).toBeTruthy();
    expect(screen.getByText('Nothing is parked for destination splunk-hec.')).toBeTruthy();
  });
});
