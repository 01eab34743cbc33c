// Package state is the per-user store a scan keeps between runs, so that a
// rescan reads only what changed and an interrupted scan resumes where it
// stopped. It is one SQLite file (modernc.org/sqlite, pure Go).
//
// # What it holds
//
// For every file met: its root and path, size, modification time, identity
// (inode and device where the platform has them), an optional content
// fingerprint, the version of the rules that examined it, and an opaque
// summary of the result: status, category keys, a subject count, a risk
// level, and the report writer's previous file record as JSON. The package
// gives these no meaning (scan knows nothing of personal data); callers must
// hand it records that are already masked, as the JSON Lines report is. A
// found value is never stored (CONTRACT.md section 5).
//
// # Shape
//
// Three tables, files, records (each file's report line, apart so that
// carrying an unchanged file rewrites a narrow row) and runs, and a meta
// table holding schema_version. Only
// plain types (TEXT, BIGINT, INTEGER) and explicit primary keys, and no
// SQLite-only syntax beyond the pragmas set at open, so that the same tables
// can move to PostgreSQL unchanged. Times are BIGINT nanoseconds since the
// Unix epoch (UTC); categories are a JSON array of strings. The schema is
// versioned: migrations run in order, each in a transaction, and a file
// written by a newer mamori is refused rather than misread.
//
// # One scan at a time
//
// The file is opened in SQLite's exclusive locking mode on one connection:
// the operating system lock is held from Open to Close and released when the
// process dies, however it dies, so a second scan on the same state gets
// ErrLocked at once instead of interleaving its results, and a crashed scan
// leaves no stale lock behind. A run still marked running when the file is
// next opened therefore belongs to a dead process and is marked interrupted.
// Exclusive mode set before WAL also means the WAL index is not shared
// with other processes through memory mapping, so a state file in a home
// directory on NFS or SMB works; a small -shm file may still appear while
// a scan runs, and like the -wal file it is made 0600.
//
// # Writes
//
// Put and Carry hand rows to one writer goroutine, which commits a
// transaction per 1,000 rows or per 200 ms, whichever comes first, so
// memory is bounded by two batches (one committing, one queued) whatever
// the size of the share, and a
// power loss costs at most the last batch (those files are scanned again).
// The database is in WAL mode with synchronous=NORMAL: a commit is durable
// once the WAL is synced at a checkpoint, never corrupt.
package state
