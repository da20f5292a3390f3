import type { Aspect } from '../../content/nlu-data-schema.js';

/** What the dialog model knows of the conversation when a message arrives (from the dialog state). */
export interface DialogContext {
  /** The procedure under discussion. */
  readonly procedure: string;
  readonly aspect: Aspect;
  /** The last intent answered (a topic, a greeting… or the procedure itself). */
  readonly lastIntent?: string;
  /** Citizen messages since the procedure was last answered (1 = the previous message). */
  readonly turnsSince: number;
  /** Choices shown in the last reply. */
  readonly offeredChoices: number;
}
