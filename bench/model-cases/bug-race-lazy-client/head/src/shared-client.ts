import type { Client, Connect } from "./client.js";

let client: Client | undefined;

/** One connection for the whole process, opened on first use. */
export async function sharedClient(connect: Connect): Promise<Client> {
  if (client === undefined) {
    client = await connect();
  }
  return client;
}
