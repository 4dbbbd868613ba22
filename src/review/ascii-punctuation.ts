/** The characters a backslash escapes in CommonMark. */
export const ASCII_PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
