export interface ServerConfig {
  readonly server?: { readonly port: number; readonly host: string };
  readonly name: string;
}
