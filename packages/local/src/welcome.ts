import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalInfo } from './seed.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The local platform's page at `/local` (the portal has `/`): where everything runs and how to
 * call the API. It shows the demo key because it only ever listens on loopback. `localJson` is
 * the file the platform wrote these values to (under SELLO_DATA_DIR, not always `.sello/`).
 */
export function welcomePage(info: LocalInfo, localJson: string) {
  const html = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Sello · local</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem;margin-bottom:.2rem}code,pre{background:#f2f4f8;border-radius:4px;padding:.1rem .3rem}
pre{padding:.8rem;overflow:auto}dt{font-weight:600;margin-top:.6rem}small{color:#5b6475}
</style></head><body>
<h1>Sello — plataforma local</h1>
<small>Facturación electrónica · Spain, the EU and Mexico</small>
<dl>
<dt>Portal</dt><dd><a href="${escapeHtml(info.portalUrl)}">${escapeHtml(info.portalUrl)}</a> · until staff can sign in, give it the API key below on its <a href="/developer">developer page</a></dd>
<dt>API</dt><dd><a href="${escapeHtml(info.apiUrl)}/v1/health">${escapeHtml(info.apiUrl)}</a> · <a href="${escapeHtml(info.apiUrl)}/v1/openapi.json">OpenAPI</a></dd>
<dt>Demo tenant</dt><dd><code>${escapeHtml(info.tenantId)}</code></dd>
<dt>API key</dt><dd><code>${escapeHtml(info.apiKey)}</code></dd>
<dt>Staff sign-in (owner)</dt><dd><code>${escapeHtml(info.staffEmail)}</code> · <code>${escapeHtml(info.staffPassword)}</code></dd>
${info.customer ? `<dt>Customer sign-in (prepaid deposits)</dt><dd><code>${escapeHtml(info.customer.email)}</code> · <code>${escapeHtml(info.customer.password)}</code></dd>\n` : ''}<dt>Sent mail</dt><dd><a href="${escapeHtml(info.mailUrl)}">${escapeHtml(info.mailUrl)}</a></dd>
${info.pacUrl ? `<dt>Sandbox PAC (CFDI stamps)</dt><dd><a href="${escapeHtml(info.pacUrl)}">${escapeHtml(info.pacUrl)}</a> · SW Sapien's protocol</dd>\n` : ''}${info.connectors ? `<dt>Fake insurer platform (connector <code>insurer-platform</code>)</dt><dd><a href="${escapeHtml(info.connectors.insurerPlatform.url)}">${escapeHtml(info.connectors.insurerPlatform.url)}</a> · the owner's credentials, already set: <code>${escapeHtml(info.connectors.insurerPlatform.username)}</code> · <code>${escapeHtml(info.connectors.insurerPlatform.password)}</code> · <code>${escapeHtml(info.connectors.insurerPlatform.taxId)}</code></dd>\n` : ''}</dl>
<pre>curl -H "Authorization: Bearer ${escapeHtml(info.apiKey)}" ${escapeHtml(info.apiUrl)}/v1/customers</pre>
<p><small>All of this is also in <code>${escapeHtml(localJson)}</code>.</small></p>
</body></html>`;
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || (path !== '/local' && path !== '/local/')) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
    return true;
  };
}
