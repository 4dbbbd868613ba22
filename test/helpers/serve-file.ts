import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedRequest {
  readonly method: string;
  /** Start of the requested byte range; undefined for a request without Range. */
  readonly rangeStart?: number;
}

export interface FileServer {
  readonly url: string;
  readonly requests: ServedRequest[];
  /** When true, range requests that do not start at byte 0 get no answer (a stalled connection). */
  stallAfterFirstChunk: boolean;
  close(): Promise<void>;
}

/** A loopback HTTP server for one file, with Range support, that can simulate a stalled download. */
export async function serveFile(data: Buffer, fileName: string): Promise<FileServer> {
  const stalled: ServerResponse[] = [];
  const state: FileServer = {
    url: "",
    requests: [],
    stallAfterFirstChunk: false,
    close: () =>
      new Promise((resolve) => {
        for (const response of stalled) response.destroy();
        server.closeAllConnections();
        server.close(() => { resolve(); });
      }),
  };
  const server = createServer((req, res) => {
    if (req.url !== `/${fileName}`) {
      res.writeHead(404).end("not found");
      return;
    }
    const match = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? "");
    const start = match === null ? 0 : Number(match[1]);
    const end = match?.[2] ? Number(match[2]) : data.length - 1;
    state.requests.push({ method: req.method ?? "GET", ...(match === null ? {} : { rangeStart: start }) });
    if (state.stallAfterFirstChunk && match !== null && start !== 0) {
      stalled.push(res);
      return;
    }
    const headers: Record<string, string | number> = { "accept-ranges": "bytes", "content-type": "application/octet-stream", "content-length": end - start + 1 };
    if (match !== null) headers["content-range"] = `bytes ${start}-${end}/${data.length}`;
    res.writeHead(match === null ? 200 : 206, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    res.end(data.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${fileName}` });
}
