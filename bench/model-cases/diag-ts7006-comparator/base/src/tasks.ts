export interface Task {
  readonly title: string;
  readonly priority: number;
}
