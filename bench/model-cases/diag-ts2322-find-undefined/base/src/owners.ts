export interface Owner {
  readonly id: string;
  readonly name: string;
}
