import { describe, expect, it } from "vitest";
import { declarationSurface } from "../../src/analyze/declaration-surface.js";

const PRIVATES = new Set(["A\u0000_x", "A\u0000_y"]);

describe("declarationSurface", () => {
  it("takes the source's private members out with their emitted declarations, keeping one marker for a class that has any", () => {
    const dts = "export declare class A {\n    _x: number;\n    readonly _y?: string;\n    #private;\n    flush(): Promise<void>;\n}\n";
    const split = declarationSurface(dts, PRIVATES);
    expect(split.surface).toBe("export declare class A { /*has private members*/\n    flush(): Promise<void>;\n}\n");
    expect([...split.privates]).toEqual([
      ["A\u0000_x", "\n_x: number;"],
      ["A\u0000_y", "\nreadonly _y?: string;"],
      ["A\u0000#private", "\n#private;"],
    ]);
  });

  it("tells a public member's change, and a class that gains its first private member", () => {
    const dts = "export declare class A {\n    flush(): Promise<void>;\n}\n";
    const surface = declarationSurface(dts, PRIVATES).surface;
    expect(declarationSurface(dts.replace("Promise<void>", "Promise<number>"), PRIVATES).surface).not.toBe(surface);
    expect(declarationSurface(dts.replace("{\n", "{\n    _x: number;\n"), PRIVATES).surface).not.toBe(surface);
    // A member public in the source is part of the surface, whatever its name.
    expect(declarationSurface(dts.replace("{\n", "{\n    _x: number;\n"), new Set()).surface).toContain("_x: number");
  });
});
