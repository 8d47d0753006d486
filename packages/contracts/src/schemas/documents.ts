// Schemas of the documents area.
export {};
