/** The comment a command was written in: in the PR conversation, or in a line thread. */
export type CommandComment =
  | { readonly kind: "issue"; readonly id: number }
  | {
      readonly kind: "review";
      readonly id: number;
      /** The thread's first comment: replies go to it, and its lines are the thread's lines. */
      readonly threadId: number;
      /** True when the comment answers an earlier one (its thread has earlier comments to read). */
      readonly isReply: boolean;
      readonly path: string;
      /** The thread's last line on the current diff; null when the thread is outdated. */
      readonly line: number | null;
      readonly startLine: number | null;
      readonly side: "LEFT" | "RIGHT";
      readonly startSide: "LEFT" | "RIGHT" | null;
    };
