import "./polyfill-promise-with-resolvers.js";
import nock from "nock";
import { afterEach, beforeAll } from "vitest";

// No test ever reaches the network; loopback stays open for local test servers.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});
