// Delete with undo: the card hides at once, and the DELETE is sent only after a few seconds unless undone.

export class PendingDeletes {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly send: (imageId: string) => Promise<void>,
    private readonly onChange: () => void,
    private readonly delayMs = 5000,
  ) {}

  has(imageId: string): boolean {
    return this.timers.has(imageId);
  }

  get size(): number {
    return this.timers.size;
  }

  schedule(imageId: string, onFailure: (error: unknown) => void): void {
    if (this.timers.has(imageId)) return;
    this.timers.set(
      imageId,
      setTimeout(() => {
        this.timers.delete(imageId);
        this.send(imageId).catch((error: unknown) => {
          onFailure(error);
          this.onChange();
        });
      }, this.delayMs),
    );
    this.onChange();
  }

  /** True when the delete had not been sent yet and now will not be. */
  undo(imageId: string): boolean {
    const timer = this.timers.get(imageId);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.timers.delete(imageId);
    this.onChange();
    return true;
  }
}
