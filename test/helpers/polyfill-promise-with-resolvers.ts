// nock 15 (through @mswjs/interceptors 0.44) wraps every socket, loopback ones too, and calls
// Promise.withResolvers, which Node 20 lacks: without this, fetch to a local test server fails
// with "fetch failed". Import it for its side effect in tests that talk to a loopback server.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= () => {
  let resolve: ((value: unknown) => void) | undefined;
  let reject: ((reason: unknown) => void) | undefined;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

export {};
