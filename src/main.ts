import { runConsoleChat } from './channels/console/console-chat.js';

// With no channel configured, `npm start` is the console chat; later channels start beside it.
await runConsoleChat();
