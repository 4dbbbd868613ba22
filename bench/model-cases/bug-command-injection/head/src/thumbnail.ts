import type { Shell } from "./shell.js";

export interface Upload {
  readonly originalName: string;
  readonly storedPath: string;
}

/** Makes a 200px thumbnail next to the stored upload. */
export async function makeThumbnail(shell: Shell, upload: Upload): Promise<boolean> {
  const result = await shell.run(`convert ${upload.storedPath} -resize 200x200 "thumbs/${upload.originalName}"`);
  return result.code === 0;
}
