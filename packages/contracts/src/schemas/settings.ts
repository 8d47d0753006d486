// Schemas of the settings area.
export {};
