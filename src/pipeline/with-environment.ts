import type { ReviewChange } from "./review-types.js";
import type { EnvironmentProvider } from "../environment/acquire-environment.js";

/** The engine with the process's environment provider given to every review that brings none of its own. */
export function withEnvironment(reviewChange: ReviewChange, environment: EnvironmentProvider | undefined): ReviewChange {
  if (environment === undefined) return reviewChange;
  return (params) => reviewChange({ environment, ...params });
}
