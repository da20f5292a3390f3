/** The uploaded file cannot be read as a spreadsheet at all; the message (in Vietnamese) says why. Nothing is applied. */
export class SpreadsheetFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpreadsheetFileError';
  }
}
