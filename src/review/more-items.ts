/** The list item that stands for `count` items left out ("- …and 3 more files."); none when nothing was left out. */
export function moreItems(count: number, noun: string): string[] {
  return count > 0 ? [`- …and ${count} more ${count === 1 ? noun : `${noun}s`}.`] : [];
}
