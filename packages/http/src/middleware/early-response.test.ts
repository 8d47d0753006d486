import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { aContext } from '../../testing/fakes.ts';
import { alsoOnEarlyResponse, respondEarly } from './early-response.ts';

type Trace = string[];

const outer = (name: string, trace: Trace): middy.MiddlewareObj => {
  const after = () => {
    trace.push(`${name}.after`);
  };
  return {
    before: (request) => {
      trace.push(`${name}.before`);
      alsoOnEarlyResponse(request, after);
    },
    after,
  };
};

describe('early responses', () => {
  it('middy itself skips the handler and the whole after stack when a before returns', async () => {
    // The middy behaviour this module exists for; if an upgrade changes it, revisit the module.
    const trace: Trace = [];
    const handler = middy()
      .use({ after: () => void trace.push('outer.after') })
      .use({ before: () => 'early' })
      .handler(async () => {
        trace.push('handler');
        return 'normal';
      });
    expect(await handler({}, aContext())).toBe('early');
    expect(trace).toEqual([]);
  });

  it('runs the after steps of the middlewares whose before ran, innermost first', async () => {
    const trace: Trace = [];
    const handler = middy<unknown, { n: number }>()
      .use(outer('a', trace))
      .use(outer('b', trace))
      .use({
        before: (request) => {
          trace.push('early');
          return respondEarly(request, { n: 1 });
        },
      })
      .use(outer('c', trace))
      .handler(async () => {
        trace.push('handler');
        return { n: 2 };
      });
    expect(await handler({}, aContext())).toEqual({ n: 1 });
    expect(trace).toEqual(['a.before', 'b.before', 'early', 'b.after', 'a.after']);
  });

  it('answers with what the after steps made of the response', async () => {
    const handler = middy<unknown, { headers: Record<string, string> }>()
      .use({
        before: (request) => {
          alsoOnEarlyResponse(request, (r: { response: { headers: object } }) => {
            r.response.headers = { added: 'yes', ...r.response.headers };
          });
        },
      })
      .use({ before: (request) => respondEarly(request, { headers: { own: '1' } }) })
      .handler(async () => ({ headers: {} }));
    const response = await handler({}, aContext());
    expect(Object.entries(response.headers)).toEqual([
      ['added', 'yes'],
      ['own', '1'],
    ]);
  });

  it('leaves the normal path alone: after steps run once, by middy', async () => {
    const trace: Trace = [];
    const handler = middy()
      .use(outer('a', trace))
      .handler(async () => {
        trace.push('handler');
        return 'ok';
      });
    expect(await handler({}, aContext())).toBe('ok');
    expect(trace).toEqual(['a.before', 'handler', 'a.after']);
  });
});
