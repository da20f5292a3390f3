import { z } from 'zod';

// Validation messages are read by staff, so zod speaks Vietnamese.
z.config(z.locales.vi());

export { z };
