/** A postal address; `country` is ISO 3166-1 alpha-2. */
export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  province?: string;
  country: string;
}

export type Language = 'es' | 'ca' | 'en';
