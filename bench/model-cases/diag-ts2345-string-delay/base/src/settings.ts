/** Settings as read from the environment: every value is text. */
export interface Settings {
  readonly retryDelay: string;
  readonly queueName: string;
}
