/** Audit-log names of the system's own changes; "@" cannot start a username. */
export const SYSTEM_ACTORS = {
  /** `npm run -s cli -- user add …` */
  cli: '@cli',
  /** The first administrator created from ADMIN_USERNAME/ADMIN_PASSWORD on start. */
  startup: '@startup',
} as const;
