/** Makes identifiers; ids sort by creation time so lists come out in creation order. */
export interface IdGenerator {
  next(prefix: string): string;
}
