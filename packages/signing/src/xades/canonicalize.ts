import { DOMParser } from '@xmldom/xmldom';
import { C14nCanonicalization } from 'xml-crypto';

/**
 * Slow path for foreign input (imported files): the root element's inclusive C14N 1.0 form via
 * xml-crypto. A module of its own so that signing our own canonical output never bundles it.
 */
export async function canonicalizeRoot(root: string): Promise<string> {
  const errors: string[] = [];
  let element: ReturnType<InstanceType<typeof DOMParser>['parseFromString']>['documentElement'] =
    null;
  try {
    element = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(root, 'text/xml').documentElement;
  } catch (error) {
    if (!errors.length) errors.push((error as Error).message);
  }
  if (errors.length || !element) {
    throw new Error(`The document is not well-formed XML: ${errors.join('; ')}`);
  }
  return new C14nCanonicalization().process(element, {});
}
