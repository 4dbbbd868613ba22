export interface RateSource {
  latest(): Promise<Readonly<Record<string, number>>>;
}
