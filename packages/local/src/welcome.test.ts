import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { welcomePage } from './welcome.ts';

const info = {
  apiUrl: 'http://127.0.0.1:3000',
  apiKey: 'sello_demo',
  tenantId: 'ten_demo',
  staffEmail: 'owner@demo.sello.local',
  staffPassword: 'demo-password',
  portalUrl: 'http://127.0.0.1:3000/',
  mailUrl: 'http://127.0.0.1:3001',
  connectors: {
    insurerPlatform: {
      url: 'http://127.0.0.1:4100',
      username: 'taller.demo',
      password: 'demo-insurer-platform',
      taxId: 'B12345674',
    },
  },
};

/** The page's HTML as the API server would send it for GET /local. */
function render(localJson: string): string {
  let body = '';
  const res = { writeHead: () => res, end: (html: string) => (body = html) };
  const handled = welcomePage(info, localJson)(
    { method: 'GET', url: '/local' } as IncomingMessage,
    res as unknown as ServerResponse,
  );
  expect(handled).toBe(true);
  return body;
}

describe('the local platform page', () => {
  it('names the local.json that was written, wherever SELLO_DATA_DIR put it', () => {
    const html = render('/srv/sello data/local.json');
    expect(html).toContain('/srv/sello data/local.json');
    expect(html).not.toContain('.sello/local.json');
  });

  it('shows the fake insurer platform and the owner’s account there', () => {
    const html = render('/tmp/local.json');
    expect(html).toContain('http://127.0.0.1:4100');
    expect(html).toContain('<code>taller.demo</code> · <code>demo-insurer-platform</code>');
  });

  it('escapes the path like every other value', () => {
    expect(render('/tmp/<x>/local.json')).toContain('/tmp/&#60;x&#62;/local.json');
  });
});
