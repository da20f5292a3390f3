import { runConsoleChat } from './channels/console/console-chat.js';

await runConsoleChat();
