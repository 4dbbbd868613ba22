import { describe, expect, it } from "vitest";
import { declarationSurface } from "../../src/analyze/declaration-surface.js";

describe("declarationSurface", () => {
  it("takes private members out, keeping one marker for a class that has any", () => {
    const before = "export declare class A {\n    private _x;\n    private readonly _y?;\n    #private;\n    flush(): Promise<void>;\n}\n";
    const after = "export declare class A {\n    private _x;\n    private _z;\n    flush(): Promise<void>;\n}\n";
    expect(declarationSurface(before)).toBe(declarationSurface(after));
    expect(declarationSurface(before)).not.toContain("_x");
    expect(declarationSurface(before)).toContain("has private members");
  });

  it("tells a public member's change, a class that gains its first private member, and a private constructor", () => {
    const base = "export declare class A {\n    flush(): Promise<void>;\n}\n";
    expect(declarationSurface(base)).not.toBe(declarationSurface(base.replace("Promise<void>", "Promise<number>")));
    expect(declarationSurface(base)).not.toBe(declarationSurface(base.replace("{\n", "{\n    private _x;\n")));
    expect(declarationSurface(base)).not.toBe(declarationSurface(base.replace("{\n", "{\n    private constructor();\n")));
  });
});
