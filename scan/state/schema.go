package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// Deliberately no index on files.run_id: Records and Gone read a root's
// rows in primary-key order once per run anyway, and an index on run_id
// would be rewritten for every file a rescan carries forward.
//
// migrations bring a state file from version i to i+1, in order; the
// schema version of a file is the number applied. Append, never edit: a
// released file may be at any version. Plain SQL types and explicit keys
// only, so that the tables move to PostgreSQL unchanged.
var migrations = []string{ // replaced in tests
	// 1: files and runs.
	`CREATE TABLE files (
		root          TEXT    NOT NULL,
		path          TEXT    NOT NULL,
		size          BIGINT  NOT NULL,
		mtime_ns      BIGINT  NOT NULL,
		file_id       TEXT    NOT NULL,
		fingerprint   TEXT    NOT NULL,
		rules_version TEXT    NOT NULL,
		status        TEXT    NOT NULL,
		categories    TEXT    NOT NULL,
		subjects      INTEGER NOT NULL,
		risk          TEXT    NOT NULL,
		record        TEXT    NOT NULL,
		scanned_at    BIGINT  NOT NULL,
		run_id        TEXT    NOT NULL,
		PRIMARY KEY (root, path)
	);
	CREATE TABLE runs (
		run_id        TEXT    NOT NULL PRIMARY KEY,
		roots         TEXT    NOT NULL,
		started       BIGINT  NOT NULL,
		finished      BIGINT  NOT NULL,
		state         TEXT    NOT NULL,
		options_hash  TEXT    NOT NULL,
		rules_version TEXT    NOT NULL,
		host          TEXT    NOT NULL,
		pid           INTEGER NOT NULL
	);`,
	// 2: the report lines move to a table of their own, so that carrying an
	// unchanged file (run_id updated on every rescan) rewrites a narrow row
	// and not its ~1 KB record: a rescan of a million unchanged files wrote
	// about 2.5 GB through the WAL.
	`CREATE TABLE records (
		root   TEXT NOT NULL,
		path   TEXT NOT NULL,
		record TEXT NOT NULL,
		PRIMARY KEY (root, path)
	);
	INSERT INTO records (root, path, record) SELECT root, path, record FROM files;
	UPDATE files SET record = '';`,
}

// SchemaVersion is the schema this build writes.
func SchemaVersion() int { return len(migrations) }

const createMeta = `CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)`

// migrate applies the migrations the file lacks, each in its own
// transaction together with the version it reaches.
func migrate(ctx context.Context, db *sql.DB, path string) error {
	if _, err := db.ExecContext(ctx, createMeta); err != nil {
		return classify(path, fmt.Errorf("failed to create meta table in %s: %w", path, err))
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return classify(path, fmt.Errorf("failed to read schema version of %s: %w", path, err))
	}
	if v > len(migrations) {
		return &Error{Path: path, Kind: ErrNewerSchema, Err: fmt.Errorf("schema version %d, this mamori knows up to %d", v, len(migrations))}
	}
	for ; v < len(migrations); v++ {
		if err := applyMigration(ctx, db, v+1); err != nil {
			return fmt.Errorf("failed to migrate %s to schema version %d: %w", path, v+1, err)
		}
	}
	return nil
}

// schemaVersion reads meta.schema_version; a file without one is version 0.
func schemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var s string
	err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("schema_version %q is not a number", s)
	}
	return v, nil
}

// applyMigration runs migration n (1-based) and records it, atomically.
func applyMigration(ctx context.Context, db *sql.DB, n int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, migrations[n-1]); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = 'schema_version'`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('schema_version', ?)`, strconv.Itoa(n)); err != nil {
		return err
	}
	return tx.Commit()
}
