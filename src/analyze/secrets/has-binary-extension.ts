/** Extensions of files that are not text: images, fonts, media, archives, documents, compiled code, databases. */
const BINARY_EXTENSIONS = new Set([
  ...["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "icns", "tif", "tiff", "heic", "psd"],
  ...["woff", "woff2", "ttf", "otf", "eot"],
  ...["mp3", "mp4", "m4a", "wav", "ogg", "oga", "flac", "webm", "mov", "avi", "mkv"],
  ...["zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "jar", "war", "whl", "nupkg"],
  ...["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"],
  ...["exe", "dll", "so", "dylib", "a", "o", "obj", "lib", "class", "pyc", "wasm", "node", "bin"],
  ...["sqlite", "sqlite3", "db", "parquet", "npy", "onnx", "gguf", "safetensors", "pt"],
]);

/**
 * Whether a path names a file that is binary by its extension, so GitHub
 * shows no diff for it and there is no text to read: reading it would only
 * spend API requests and the review's read budget.
 */
export function hasBinaryExtension(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
