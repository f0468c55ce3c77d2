// Files from the picker or a drop: the valid ones join the upload queue, the rest become notices under the upload
// area, said aloud as well.

import type { UploadQueue } from "./uploads";
import { validateFile } from "./upload-validation";
import type { Announcer, FileNotices, Notice, Toast } from "./ui/notices";

export interface UploadIntakeView {
  toast: Toast;
  fileNotices: FileNotices;
  announcer: Announcer;
}

/** One sentence for screen readers: a single rejection in full, several as a pointer to the list. */
export function describeRejections(rejected: readonly Notice[]): string | null {
  const [first] = rejected;
  if (!first) return null;
  return rejected.length === 1
    ? `${first.fileName} was not uploaded: ${first.message}`
    : `${rejected.length} files were not uploaded; see the messages under the upload area.`;
}

export async function takeFiles(files: readonly File[], uploads: UploadQueue | null, view: UploadIntakeView): Promise<void> {
  if (!uploads) {
    view.toast.show("Still connecting to the server; try again in a moment.", "error");
    return;
  }
  const rejected: Notice[] = [];
  for (const file of files) {
    const result = await validateFile(file);
    if (!result.ok) {
      rejected.push({ fileName: file.name || "Unnamed file", message: result.message });
      continue;
    }
    uploads.add(file, file.name || "image", result.contentType, URL.createObjectURL(file));
  }
  const message = describeRejections(rejected);
  if (message) {
    view.fileNotices.add(rejected);
    view.announcer.say(message);
  }
}
