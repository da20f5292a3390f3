/**
 * The schemas today's stores had before the Kysely storage layer, exactly as the migration runner
 * of that time created them (its SQL, its version tables), to build databases of that version
 * and check that the new code takes them over in place. Fixture data: never edited.
 */
export interface LegacySchema {
  /** Where that runner recorded the applied version (1 for every store). */
  readonly versionTable: string;
  readonly sqlite?: string;
  readonly postgres: string;
}

export const LEGACY_SCHEMAS: Readonly<Record<string, LegacySchema>> = {
  conversations: {
    versionTable: 'schema_migrations',
    sqlite: `
      CREATE TABLE events (
        conversation_key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL, -- epoch milliseconds
        user_id TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (conversation_key, seq)
      ) STRICT;
      CREATE INDEX events_at ON events (at);

      CREATE TABLE handovers (
        conversation_key TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('requested', 'unresolved')),
        opened_at INTEGER NOT NULL,
        released_at INTEGER
      ) STRICT;
      CREATE INDEX handovers_open ON handovers (opened_at) WHERE released_at IS NULL;

      CREATE TABLE ratings (
        conversation_key TEXT NOT NULL,
        answer_seq INTEGER NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        question TEXT,
        intent TEXT,
        at INTEGER NOT NULL,
        PRIMARY KEY (conversation_key, answer_seq)
      ) STRICT;
      CREATE INDEX ratings_at ON ratings (at);
    `,
    postgres: `
      CREATE TABLE events (
        conversation_key text NOT NULL,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        user_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (conversation_key, seq)
      );
      CREATE INDEX events_at ON events (at);

      CREATE TABLE handovers (
        conversation_key text PRIMARY KEY,
        channel text NOT NULL,
        conversation_id text NOT NULL,
        user_id text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('requested', 'unresolved')),
        opened_at timestamptz NOT NULL,
        released_at timestamptz
      );
      CREATE INDEX handovers_open ON handovers (opened_at) WHERE released_at IS NULL;

      CREATE TABLE ratings (
        conversation_key text NOT NULL,
        answer_seq integer NOT NULL,
        helpful boolean NOT NULL,
        question text,
        intent text,
        at timestamptz NOT NULL,
        PRIMARY KEY (conversation_key, answer_seq)
      );
      CREATE INDEX ratings_at ON ratings (at);
    `,
  },
  queue: {
    versionTable: 'queue_migrations',
    sqlite: `
      CREATE TABLE inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        platform_message_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        text TEXT,
        payload TEXT,
        received_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done')),
        lease_until INTEGER CHECK ((lease_until IS NOT NULL) = (status = 'claimed')),
        not_before INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        UNIQUE (channel, platform_message_id)
      ) STRICT;
      CREATE INDEX inbox_unfinished ON inbox (channel, conversation_id, id) WHERE status <> 'done';

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        replies TEXT NOT NULL CHECK (json_valid(replies)),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        lease_until INTEGER CHECK (lease_until IS NULL OR status = 'pending'),
        not_before INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (channel, conversation_id, id) WHERE status = 'pending';
      CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
    `,
    postgres: `
      CREATE TABLE inbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL,
        platform_message_id text NOT NULL,
        conversation_id text NOT NULL,
        user_id text NOT NULL,
        text text,
        payload text,
        received_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done')),
        lease_until timestamptz CHECK ((lease_until IS NOT NULL) = (status = 'claimed')),
        not_before timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        UNIQUE (channel, platform_message_id)
      );
      CREATE INDEX inbox_unfinished ON inbox (channel, conversation_id, id) WHERE status <> 'done';

      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL,
        conversation_id text NOT NULL,
        replies jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        lease_until timestamptz CHECK (lease_until IS NULL OR status = 'pending'),
        not_before timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        done_at timestamptz
      );
      CREATE INDEX outbox_pending ON outbox (channel, conversation_id, id) WHERE status = 'pending';
      CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
    `,
  },
  staff: {
    versionTable: 'admin_migrations',
    sqlite: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
      ) STRICT;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY, -- SHA-256 of the session id in the cookie, hex
        user_id INTEGER NOT NULL REFERENCES users (id),
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        "user" TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        "before" TEXT CHECK ("before" IS NULL OR json_valid("before")),
        "after" TEXT CHECK ("after" IS NULL OR json_valid("after"))
      ) STRICT;

      CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL,
        address TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX login_attempts_username ON login_attempts (username, at);
      CREATE INDEX login_attempts_address ON login_attempts (address, at);
      CREATE INDEX login_attempts_at ON login_attempts (at);
    `,
    postgres: `
      CREATE TABLE users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled boolean NOT NULL DEFAULT false
      );

      CREATE TABLE sessions (
        id text PRIMARY KEY, -- SHA-256 of the session id in the cookie, hex
        user_id integer NOT NULL REFERENCES users (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);

      CREATE TABLE audit_log (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        "user" text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        before jsonb,
        after jsonb
      );

      CREATE TABLE login_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username text NOT NULL,
        address text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX login_attempts_username ON login_attempts (username, at);
      CREATE INDEX login_attempts_address ON login_attempts (address, at);
      CREATE INDEX login_attempts_at ON login_attempts (at);
    `,
  },
  turnLog: {
    versionTable: 'turn_log_migrations',
    sqlite: `
      CREATE TABLE turn_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        channel TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        text TEXT, -- masked
        folded TEXT,
        outcome TEXT NOT NULL,
        intent TEXT,
        aspect TEXT,
        top_intents TEXT NOT NULL CHECK (json_valid(top_intents)),
        top_score REAL,
        latency_ms REAL NOT NULL,
        helpful INTEGER CHECK (helpful IN (0, 1))
      ) STRICT;
      CREATE INDEX turn_log_at ON turn_log (at);
      CREATE INDEX turn_log_conversation ON turn_log (conversation_key, at);

      CREATE TABLE review_status (
        folded TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('new', 'done', 'ignored')),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE turn_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        channel text NOT NULL,
        conversation_key text NOT NULL,
        text text, -- masked
        folded text,
        outcome text NOT NULL,
        intent text,
        aspect text,
        top_intents jsonb NOT NULL,
        top_score double precision,
        latency_ms double precision NOT NULL,
        helpful boolean
      );
      CREATE INDEX turn_log_at ON turn_log (at);
      CREATE INDEX turn_log_conversation ON turn_log (conversation_key, at);

      CREATE TABLE review_status (
        folded text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('new', 'done', 'ignored')),
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      );
    `,
  },
  contentVersions: {
    versionTable: 'content_migrations',
    sqlite: `
      CREATE TABLE content_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        files TEXT NOT NULL CHECK (json_valid(files)),
        status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        published_at INTEGER CHECK ((published_at IS NULL) = (status = 'draft')),
        published_by TEXT,
        note TEXT,
        base_version INTEGER REFERENCES content_versions (id)
      ) STRICT;
      CREATE UNIQUE INDEX content_versions_one_published ON content_versions (status) WHERE status = 'published';
    `,
    postgres: `
      CREATE TABLE content_versions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        files jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
        author text NOT NULL,
        created_at timestamptz NOT NULL,
        published_at timestamptz CHECK ((published_at IS NULL) = (status = 'draft')),
        published_by text,
        note text,
        base_version bigint REFERENCES content_versions (id)
      );
      CREATE UNIQUE INDEX content_versions_one_published ON content_versions (status) WHERE status = 'published';
    `,
  },
  zaloTokens: {
    versionTable: 'zalo_token_migrations',
    postgres: `CREATE TABLE zalo_tokens (
      oa text PRIMARY KEY,
      access_token text,
      refresh_token text NOT NULL,
      access_token_expires_at bigint,
      updated_at timestamptz NOT NULL
    )`,
  },
};
