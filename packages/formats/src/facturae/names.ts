/**
 * Splits a person's full name into Facturae's Name / FirstSurname / SecondSurname.
 *
 * Spanish names are "given names + first surname + second surname"; surnames may carry particles
 * ("de la Fuente", "del Río"), which stay with the word they introduce. "Surnames, Given names"
 * (the order of official lists) is honoured when a comma is present. Foreign names have one
 * surname: the last word group. A compound given name ("José Luis") cannot be told from a
 * given name plus surname in general, so the rule takes the last two groups as surnames for
 * Spanish residents and the last one otherwise.
 */
export interface PersonName {
  name: string;
  firstSurname: string;
  secondSurname?: string;
}

const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'i', 'da', 'das', 'do', 'dos']);

/** Words with their leading particles attached: "Juan de la Fuente" -> [Juan, de la Fuente]. */
function groups(words: string[]): string[] {
  const out: string[] = [];
  let pending: string[] = [];
  for (const word of words) {
    if (PARTICLES.has(word.toLowerCase())) {
      pending.push(word);
      continue;
    }
    out.push([...pending, word].join(' '));
    pending = [];
  }
  // A trailing particle ("... y") has nothing to attach to; keep it on the last group.
  if (pending.length > 0) {
    if (out.length > 0) out[out.length - 1] = [out[out.length - 1], ...pending].join(' ');
    else out.push(pending.join(' '));
  }
  return out;
}

const words = (text: string): string[] => text.trim().split(/\s+/).filter(Boolean);

export function splitPersonName(fullName: string, spanish: boolean): PersonName {
  const comma = fullName.indexOf(',');
  if (comma > 0) {
    const surnames = groups(words(fullName.slice(0, comma)));
    const given = fullName.slice(comma + 1).trim();
    if (surnames.length > 0 && given !== '') {
      const [first = '', ...rest] = surnames;
      return withSecond({ name: given, firstSurname: first }, rest.join(' '));
    }
  }
  const parts = groups(words(fullName.replace(',', ' ')));
  if (parts.length <= 1) return { name: parts[0] ?? '', firstSurname: '' };
  if (parts.length === 2 || !spanish) {
    return { name: parts.slice(0, -1).join(' '), firstSurname: parts.at(-1)! };
  }
  return withSecond(
    { name: parts.slice(0, -2).join(' '), firstSurname: parts.at(-2)! },
    parts.at(-1)!,
  );
}

function withSecond(name: PersonName, second: string): PersonName {
  return second === '' ? name : { ...name, secondSurname: second };
}
