// Package scan turns paths into decoded text with positions. It knows
// nothing of personal data: a Handler receives each file's text through a
// Sink and each file's record through Done.
//
// # Pipeline
//
// Run is one bounded pipeline of three stages joined by bounded channels.
// Each stage closes its output when it ends, in order. Every send of the
// walk and every receive of a worker also watches ctx.Done(); a worker's
// send to the writer does not, because the writer drains its input to the
// end and a finished record must not be lost:
//
//	roots ──► walk ──jobs──► N workers ──results──► writer (Handler.Done)
//	          (≤4 readers)    (ExtractFile)          (the caller's goroutine)
//
// Walk. Every root is stat'ed first; one that cannot be is an error before
// anything is walked. Directories are listed by at most min(4, workers)
// reader goroutines, because on NFS and SMB the latency of readdir and stat
// dominates and a few concurrent listings hide it. A reader reads a
// directory in batches of entries (ReadDir(512)), so a directory of a
// million entries is never held whole: files go out one by one as they are
// read; a subdirectory goes at once to an idle reader, if there is one, or
// is remembered (as a path) and listed by the same reader after the
// directory is closed, depth first. Memory is therefore bounded by the
// depth of the tree times the subdirectories per level, and one open
// directory per reader. The walk decides on its own, and sends as finished
// records: excluded entries, files over MaxSize, symbolic links not
// followed, link loops, broken links, special files (never opened: opening
// a FIFO blocks), directories on another file system and directories that
// could not be listed. The records of directories have Format "directory".
//
// Workers. N workers (Options.Workers, default runtime.NumCPU) take files
// from the walk, ask the Handler for a Sink, and call ExtractFile, which
// streams the text into it. A panic in extraction or in the Sink is
// recovered and costs that one file (status error, "internal error: …").
// Records the walk already decided pass through without a Sink.
//
// Writer. The goroutine that called Run hands every record to
// Handler.Done, one at a time, so handlers need no locks there.
//
// # Records
//
// Every file met gets exactly one record, in completion order (not
// sorted). File.Rel is the slash path relative to File.Root, or the base
// name when the root is itself a file, so that a report line names it.
// Paths are the strings the OS returned, invalid UTF-8 included.
//
// # Cancellation
//
// When ctx is cancelled the walk stops, the workers finish or abandon
// (ExtractFile watches ctx) the file in hand and take no other, the files
// the walk had queued are dropped, and every record a worker finished is
// still handed to Done before Run returns ctx.Err(). No goroutine
// outlives Run.
package scan
