/** A bill as entered in a form: the amount is the text the user typed. */
export interface Bill {
  readonly amount: string;
  readonly currency: string;
}
