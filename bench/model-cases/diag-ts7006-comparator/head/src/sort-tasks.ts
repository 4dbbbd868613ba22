import type { Task } from "./tasks.js";

export function byPriority(a, b): number {
  return b.priority - a.priority;
}

export function sortTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort(byPriority);
}
