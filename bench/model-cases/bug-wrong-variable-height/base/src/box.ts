export interface Box {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
}
