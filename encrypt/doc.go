// Package encrypt replaces files with their age form (filippo.io/age) without
// ever losing a byte, and restores them. It knows nothing of why a file is
// encrypted: the caller hands it paths.
//
// # The safety sequence
//
// For each file NAME, [Run] does, in this order:
//
//  1. open NAME and fstat it (a regular file, its size and mtime);
//  2. create .NAME.mamori-tmp-XXXX in the same directory and narrow its
//     mode to NAME's permission bits (ownership copied where permitted);
//  3. stream NAME through the age writer into the temporary file, hashing
//     the plaintext and the ciphertext, then Close the age writer;
//  4. check the bytes read equal the size fstat gave and the bytes written
//     equal the temporary file's size; Sync and Close it; set its mtime to
//     NAME's;
//  5. rename it to NAME.age without replacing anything (renameat2
//     RENAME_NOREPLACE, or link + unlink), then sync the directory;
//  6. verify NAME.age: its header parses, holds one stanza of the expected
//     type per recipient, and its size is exactly what NAME's size implies;
//     with identities, decrypt it whole and compare the plaintext's SHA-256;
//  7. re-check NAME: the same file, the same size and mtime. If it changed,
//     the .age holds an older version: remove the .age, keep NAME, report a
//     conflict;
//  8. only then remove NAME (unless KeepOriginal) and sync the directory.
//
// A crash or kill at any point leaves NAME intact, or a complete .age beside
// it, or both; never neither. A temporary file left by a crash is removed by
// the next run in every directory it touches, before any work starts there.
// When NAME and NAME.age both exist, the next run checks that NAME.age
// belongs to NAME (header, size, mtime; with identities, the plaintext) and
// finishes the job; otherwise it reports a conflict and touches neither.
//
// # Concurrency
//
// One feeder hands files to a pool of Workers goroutines (errgroup with a
// limit); each sends its result to the single goroutine of Run, which writes
// the manifest and calls the progress callback, so the manifest needs no
// lock. Cancelling the context stops handing out files and aborts files still
// being written (their temporaries are removed); a file past its rename is
// finished, because the steps left are quick and leave a cleaner state.
package encrypt
