import { describe, expect, it } from "vitest";
import { chooseApiUrl } from "../../src/cli/choose-api-url.js";

const choose = (apiUrl: string | undefined, refHost: string | undefined) => chooseApiUrl({ apiUrl, refHost, flag: "--api-url" });

describe("chooseApiUrl", () => {
  it("uses api.github.com for github.com URLs and the short form", () => {
    expect(choose(undefined, "github.com")).toBe("https://api.github.com");
    expect(choose(undefined, undefined)).toBe("https://api.github.com");
    expect(choose("https://api.github.com/", "github.com")).toBe("https://api.github.com");
  });

  it("uses the GitHub Enterprise Server API of the URL's host", () => {
    expect(choose("https://ghe.example.com/api/v3/", "ghe.example.com")).toBe("https://ghe.example.com/api/v3");
    expect(choose("https://api.acme.ghe.com", "acme.ghe.com")).toBe("https://api.acme.ghe.com");
    expect(choose("https://ghe.example.com/api/v3", undefined)).toBe("https://ghe.example.com/api/v3");
  });

  it("never sends the token to a host other than the pull request's, nor unencrypted", () => {
    expect(() => choose(undefined, "ghe.example.com")).toThrow("ghe.example.com is not github.com: for GitHub Enterprise Server pass --api-url https://ghe.example.com/api/v3.");
    expect(() => choose("https://evil.example.net/api/v3", "ghe.example.com")).toThrow(/The pull request is on ghe\.example\.com but --api-url points at evil\.example\.net/);
    expect(() => choose("https://ghe.example.com/api/v3", "github.com")).toThrow(/The pull request is on github\.com/);
    expect(() => choose("http://ghe.example.com/api/v3", undefined)).toThrow(/sent unencrypted; use an https:\/\/ URL/);
    expect(choose("http://127.0.0.1:8080/api/v3", undefined)).toBe("http://127.0.0.1:8080/api/v3");
    expect(() => choose("not a url", undefined)).toThrow(/not a URL/);
  });
});
