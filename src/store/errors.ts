/** The property store cannot take the write: nothing was written. */
export class StoreFullError extends Error {
  constructor(cause?: unknown) {
    super('The property store is full');
    this.name = 'StoreFullError';
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}
