/** A small TypeScript change: `perimeter` added to src/shape.ts, with a `let` that ESLint flags (prefer-const). */
export const SHAPE_BASE = "export function area(w: number, h: number): number {\n  return w * h;\n}\n";
export const SHAPE_HEAD = [
  "export function area(w: number, h: number): number {",
  "  return w * h;",
  "}",
  "",
  "export function perimeter(w: number, h: number): number {",
  "  let sum = w + h;",
  "  return sum + sum;",
  "}",
  "",
].join("\n");
export const SHAPE_DIFF = `diff --git a/src/shape.ts b/src/shape.ts
--- a/src/shape.ts
+++ b/src/shape.ts
@@ -1,3 +1,8 @@
 export function area(w: number, h: number): number {
   return w * h;
 }
+
+export function perimeter(w: number, h: number): number {
+  let sum = w + h;
+  return sum + sum;
+}
`;
