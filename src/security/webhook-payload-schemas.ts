import { z } from "zod";

const login = z.looseObject({ login: z.string(), type: z.string().optional() });
const common = {
  action: z.string(),
  repository: z.looseObject({ name: z.string(), owner: z.looseObject({ login: z.string() }) }),
  installation: z.looseObject({ id: z.number().int() }).optional(),
};

/**
 * The fields each handled event's handler reads, as loose schemas (anything
 * else may be there). An event not listed here is only checked to be an object.
 */
export const WEBHOOK_PAYLOAD_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  pull_request: z.looseObject({
    ...common,
    number: z.number().int(),
    pull_request: z.looseObject({ state: z.string(), head: z.looseObject({ sha: z.string() }), user: login.nullable() }),
  }),
  check_run: z.looseObject({
    ...common,
    check_run: z.looseObject({ name: z.string(), head_sha: z.string(), pull_requests: z.array(z.looseObject({ number: z.number().int() })) }),
  }),
  installation: z.looseObject({ action: z.string(), installation: z.looseObject({ id: z.number().int(), account: z.looseObject({}).nullable() }) }),
  installation_repositories: z.looseObject({ action: z.string(), installation: z.looseObject({ id: z.number().int(), account: z.looseObject({}).nullable() }) }),
  issue_comment: z.looseObject({
    ...common,
    issue: z.looseObject({ number: z.number().int() }),
    comment: z.looseObject({ id: z.number().int(), body: z.string(), user: login.nullable() }),
  }),
  pull_request_review_comment: z.looseObject({
    ...common,
    pull_request: z.looseObject({ number: z.number().int() }),
    comment: z.looseObject({
      id: z.number().int(),
      body: z.string(),
      user: login.nullable(),
      path: z.string(),
      line: z.number().int().nullable(),
    }),
  }),
};
