/**
 * Saves bytes as a file the browser downloads: an object URL clicked through a temporary
 * `<a download>`. The URL is revoked a little later (revoking at once can cancel the download).
 */
export function downloadFile(data: Uint8Array | Blob | string, fileName: string, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
