/** A chat prompt: the instruction, and the data to apply it to. */
export interface Prompt {
  readonly system: string;
  readonly user: string;
}
