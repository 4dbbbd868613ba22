export interface Client {
  send(message: string): Promise<void>;
  close(): Promise<void>;
}

export type Connect = () => Promise<Client>;
