/** A mistake the person in the chat can fix: the message says what to do next. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
