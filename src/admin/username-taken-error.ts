/** Creating an account whose username already exists. */
export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`Username "${username}" already exists`);
    this.name = 'UsernameTakenError';
  }
}
