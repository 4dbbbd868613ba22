export interface Request {
  readonly path: string;
  readonly userId?: string;
}
