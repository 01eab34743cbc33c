package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Walk tuning.
const (
	// dirBatch is how many entries one ReadDir call returns: enough to
	// amortise the call, few enough that a directory of a million entries is
	// held a few hundred DirEntry values at a time, never whole.
	dirBatch = 512

	// maxDirReaders bounds the goroutines listing directories. On NFS and
	// SMB every readdir and stat is a network round trip, so a few
	// concurrent listings hide that latency; beyond about four the file
	// server, not the client, is the limit, and the extract workers
	// cannot keep up with more files anyway.
	maxDirReaders = 4
)

// formatDirectory is the Format of a record that stands for a directory:
// one that was excluded, skipped or could not be listed.
const formatDirectory = "directory"

// Reasons given to records the walk decides on its own.
const (
	whyExcluded       = "excluded by pattern "
	whyTooLarge       = "larger than --max-size (%d bytes)"
	whyLinkSkipped    = "symbolic link not followed"
	whyReparse        = "junction or reparse point not followed" // Windows
	whyLinkLoop       = "symbolic link loop"
	whyDirLoop        = "directory loop" // a bind mount or junction back to an ancestor
	whyBrokenLink     = "broken symbolic link"
	whyOtherFS        = "on another file system"
	whyNotRegular     = "not a regular file: "
	whyListFailed     = "failed to read directory: "
	whyStatFailed     = "failed to stat file: "
	whyStatLinkFailed = "failed to stat symbolic link target: "
)

// dirReader is the part of *os.File the walk uses to list a directory.
type dirReader interface {
	ReadDir(n int) ([]fs.DirEntry, error)
	Close() error
}

// Seams for fault injection.
var (
	openDir    = openDirOS        // replaced in tests
	entryInfo  = fs.DirEntry.Info // replaced in tests; an lstat (free on Windows)
	followStat = os.Stat          // replaced in tests; follows links
	deviceOf   = fileDevice       // replaced in tests; per platform
	isLink     = isLinkMode       // per platform: walk_unix.go, walk_windows.go
	linkLoop   = isLinkLoopError  // per platform: walk_unix.go, walk_windows.go
)

// openDirOS opens a directory for listing.
func openDirOS(name string) (dirReader, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return f, nil
}

// walkRoot is one root as given on the command line, stat'ed before the walk.
type walkRoot struct {
	path   string
	info   fs.FileInfo
	dev    uint64
	hasDev bool
}

// statWalkRoots stats every root, following a symbolic link given as a root (as
// find -H does: the user named it). It fails on the first that cannot be.
func statWalkRoots(paths []string) ([]*walkRoot, error) {
	roots := make([]*walkRoot, 0, len(paths))
	for _, p := range paths {
		info, err := followStat(p)
		if err != nil {
			return nil, fmt.Errorf("failed to stat root %s: %w", p, err)
		}
		dev, ok := deviceOf(info)
		roots = append(roots, &walkRoot{path: p, info: info, dev: dev, hasDev: ok})
	}
	return roots, nil
}

// ancestor is one link of the chain of directories from a root down to the
// directory being listed, nearest first. It is only built when following
// links, and is immutable, so goroutines share it.
type ancestor struct {
	info   fs.FileInfo
	parent *ancestor
}

// contains reports whether fi is the same directory as one in the chain.
func (a *ancestor) contains(fi fs.FileInfo) bool {
	for ; a != nil; a = a.parent {
		if os.SameFile(a.info, fi) {
			return true
		}
	}
	return false
}

// dirTask is one directory to list.
type dirTask struct {
	root  *walkRoot
	path  string    // OS path
	rel   string    // slash path relative to the root
	chain *ancestor // this directory and its ancestors; nil unless following links
}

// walker lists directories and sends one *File per entry to out. A File
// with an empty Status is to be extracted; any other was decided here.
type walker struct {
	ctx     context.Context
	opt     *Options
	ex      excluder
	out     chan<- *File
	exp     *exposer       // measures each regular file's Exposure; nil for none
	handoff chan dirTask   // unbuffered: a send succeeds only into an idle reader
	pending sync.WaitGroup // directories handed off and not yet listed
}

func newWalker(ctx context.Context, opt *Options, ex excluder, out chan<- *File) *walker {
	return &walker{ctx: ctx, opt: opt, ex: ex, out: out, handoff: make(chan dirTask)}
}

// run walks all roots with the given number of directory readers and
// closes out when every reader has finished.
func (w *walker) run(roots []*walkRoot, readers int) {
	defer close(w.out)
	var rd sync.WaitGroup
	for range readers {
		rd.Go(w.reader)
	}
	w.feed(roots)
	w.pending.Wait()
	close(w.handoff)
	rd.Wait()
}

// feed hands each root directory to a reader (waiting for one to be free)
// and emits a root that is a file.
func (w *walker) feed(roots []*walkRoot) {
	for _, r := range roots {
		if w.ctx.Err() != nil {
			return
		}
		if !r.info.IsDir() {
			w.emit(w.rootFile(r))
			continue
		}
		w.pending.Add(1)
		select {
		case w.handoff <- w.rootTask(r):
		case <-w.ctx.Done():
			w.pending.Done()
			return
		}
	}
}

func (w *walker) rootTask(r *walkRoot) dirTask {
	t := dirTask{root: r, path: r.path, rel: "."}
	if w.opt.FollowSymlinks {
		t.chain = &ancestor{info: r.info}
	}
	return t
}

// rootFile is the record of a root that is not a directory. Its Rel is the
// base name rather than ".", so that a report line names the file.
func (w *walker) rootFile(r *walkRoot) *File {
	base := filepath.Base(r.path)
	f := &File{Root: r.path, Rel: filepath.ToSlash(base), Path: r.path}
	setStat(f, r.info)
	if pat, ok := w.ex.match(f.Rel, base); ok {
		return markSkipped(f, whyExcluded+pat)
	}
	return w.classify(f, r.info)
}

// reader lists the directories handed to it until the walk ends.
func (w *walker) reader() {
	for t := range w.handoff {
		w.walkDir(t)
		w.pending.Done()
	}
}

// dispatch gives t to an idle reader, or lists it in this goroutine when
// all are busy. Listing inline keeps memory bounded by the depth of the
// tree instead of by the number of directories waiting.
func (w *walker) dispatch(t dirTask) {
	if !w.tryHandoff(t) {
		w.walkDir(t)
	}
}

func (w *walker) tryHandoff(t dirTask) bool {
	w.pending.Add(1)
	select {
	case w.handoff <- t:
		return true
	default:
		w.pending.Done()
		return false
	}
}

// walkDir lists one directory, emitting its files, then descends into the
// subdirectories no idle reader took. The directory is closed before
// descending, so a reader holds one open directory at a time.
func (w *walker) walkDir(t dirTask) {
	d, err := openDir(t.path)
	if err != nil {
		w.emit(dirFailed(t, err))
		return
	}
	later := w.readEntries(t, d)
	d.Close()
	for _, sub := range later {
		if w.ctx.Err() != nil {
			return
		}
		w.dispatch(sub)
	}
}

// readEntries reads d in batches. Subdirectories go to idle readers at
// once; the others are returned. A read error emits a record for the
// directory and keeps what was read before it.
func (w *walker) readEntries(t dirTask, d dirReader) []dirTask {
	var later []dirTask
	for w.ctx.Err() == nil {
		ents, err := d.ReadDir(dirBatch)
		for _, e := range ents {
			if sub, ok := w.entry(t, e); ok && !w.tryHandoff(sub) {
				later = append(later, sub)
			}
		}
		if err == io.EOF || (err == nil && len(ents) == 0) {
			break
		}
		if err != nil {
			w.emit(dirFailed(t, err))
			break
		}
	}
	return later
}

// entry handles one directory entry: it emits the entry's record, or
// returns the subdirectory to descend into.
func (w *walker) entry(t dirTask, e fs.DirEntry) (dirTask, bool) {
	name := e.Name()
	f := &File{Root: t.root.path, Rel: joinRel(t.rel, name), Path: joinPath(t.path, name)}
	if pat, ok := w.ex.match(f.Rel, name); ok {
		// Not stat'ed: an exclusion exists to save the round trips.
		if e.IsDir() {
			f.Format = formatDirectory
		}
		w.emit(markSkipped(f, whyExcluded+pat))
		return dirTask{}, false
	}
	if e.IsDir() && !w.opt.FollowSymlinks && !w.opt.OneFileSystem {
		return t.child(f, nil), true // nothing to check: save the stat
	}
	info, err := entryInfo(e)
	if err != nil {
		w.emit(markError(f, whyStatFailed, err)) // vanished since the listing, most often
		return dirTask{}, false
	}
	return w.node(t, f, info)
}

// node decides what to do with an entry whose Lstat is info.
func (w *walker) node(t dirTask, f *File, info fs.FileInfo) (dirTask, bool) {
	setStat(f, info)
	linked := isLink(info.Mode())
	if linked {
		target, ok := w.resolve(f, info)
		if !ok {
			return dirTask{}, false
		}
		info = target
	}
	if info.IsDir() {
		return w.subdir(t, f, info, linked)
	}
	w.emit(w.classify(f, info))
	return dirTask{}, false
}

// resolve follows the link f when the options allow it, emitting a record
// for it when it is not followed or cannot be.
func (w *walker) resolve(f *File, info fs.FileInfo) (fs.FileInfo, bool) {
	if !w.opt.FollowSymlinks {
		reason := whyLinkSkipped
		if info.Mode()&fs.ModeSymlink == 0 {
			reason = whyReparse
		}
		w.emit(markSkipped(f, reason))
		return nil, false
	}
	target, err := followStat(f.Path)
	switch {
	case err == nil:
		setStat(f, target)
		return target, true
	case linkLoop(err):
		w.emit(markSkipped(f, whyLinkLoop))
	case errors.Is(err, fs.ErrNotExist):
		w.emit(markError(f, whyBrokenLink, nil))
	default:
		w.emit(markError(f, whyStatLinkFailed, err))
	}
	return nil, false
}

// subdir checks a directory entry before descending into it.
func (w *walker) subdir(t dirTask, f *File, info fs.FileInfo, linked bool) (dirTask, bool) {
	f.Format = formatDirectory
	switch {
	case w.opt.FollowSymlinks && t.chain.contains(info):
		reason := whyDirLoop
		if linked {
			reason = whyLinkLoop
		}
		w.emit(markSkipped(f, reason))
	case w.opt.OneFileSystem && onOtherDevice(t.root, info):
		w.emit(markSkipped(f, whyOtherFS))
	default:
		return t.child(f, info), true
	}
	return dirTask{}, false
}

// onOtherDevice reports whether info is on another device than root. When
// either device is unknown (Windows) it says no.
func onOtherDevice(r *walkRoot, info fs.FileInfo) bool {
	dev, ok := deviceOf(info)
	return ok && r.hasDev && dev != r.dev
}

// child is the task for subdirectory f of t.
func (t dirTask) child(f *File, info fs.FileInfo) dirTask {
	c := dirTask{root: t.root, path: f.Path, rel: f.Rel}
	if t.chain != nil && info != nil {
		c.chain = &ancestor{info: info, parent: t.chain}
	}
	return c
}

// classify decides a non-directory: a regular file within the size limit
// is left undecided (to be extracted); anything else is skipped. Special
// files are never opened: opening a FIFO blocks.
func (w *walker) classify(f *File, info fs.FileInfo) *File {
	f.Exposure = w.exp.measure(f, info) // from this stat: no other system call on Unix
	m := info.Mode()
	switch {
	case !m.IsRegular():
		return markSkipped(f, whyNotRegular+specialKind(m))
	case w.opt.MaxSize > 0 && f.Size > w.opt.MaxSize:
		return markSkipped(f, fmt.Sprintf(whyTooLarge, w.opt.MaxSize))
	}
	return f
}

// specialKind names the type of a file that is not regular.
func specialKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsDir():
		return "directory"
	default:
		return "irregular file"
	}
}

// emit sends f to the workers; it gives up when ctx is cancelled.
func (w *walker) emit(f *File) bool {
	select {
	case w.out <- f:
		return true
	case <-w.ctx.Done():
		return false
	}
}

// setStat copies size and time from info.
func setStat(f *File, info fs.FileInfo) {
	f.Size = info.Size()
	f.ModTime = info.ModTime()
	f.ID = FileID(info)
}

// markSkipped records why the walk skipped f.
func markSkipped(f *File, reason string) *File {
	f.Status = StatusSkipped
	f.Reason = reason
	return f
}

// markError records an error. The Reason carries the cause without the path,
// which the record already holds.
func markError(f *File, reason string, err error) *File {
	f.Status = StatusError
	f.Reason = reason
	if err != nil {
		f.Reason += pathlessError(err).Error()
	}
	return f
}

// dirFailed is the record of a directory that could not be listed.
func dirFailed(t dirTask, err error) *File {
	f := &File{Root: t.root.path, Rel: t.rel, Path: t.path, Format: formatDirectory}
	return markError(f, whyListFailed, err)
}

// pathlessError strips the *fs.PathError wrapping, whose path repeats the record's.
func pathlessError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// joinRel joins slash paths relative to a root, where "." is the root.
func joinRel(rel, name string) string {
	if rel == "." {
		return name
	}
	return rel + "/" + name
}

// joinPath appends name to an OS directory path. Unlike filepath.Join it
// does not clean, so every Path starts with its root as given.
func joinPath(dir, name string) string {
	if dir != "" && os.IsPathSeparator(dir[len(dir)-1]) {
		return dir + name
	}
	if dir != "" && filepath.VolumeName(dir) == dir && !os.IsPathSeparator(dir[0]) {
		return dir + name // "C:" is the current directory of drive C, not its root
	}
	return dir + string(os.PathSeparator) + name
}

// excluder matches entries against the --exclude patterns.
type excluder []excludeGlob

// excludeGlob is one pattern split at slashes; a "**" segment matches any number
// of directories, including none.
type excludeGlob struct {
	raw  string
	segs []string
}

// newExcluder parses patterns, rejecting malformed ones before any walking.
// A leading "/" or "./" anchors nothing more than a pattern without it: a
// pattern with a slash is always matched against the whole relative path.
func newExcluder(patterns []string) (excluder, error) {
	ex := make(excluder, 0, len(patterns))
	for _, p := range patterns {
		clean := strings.TrimPrefix(strings.TrimPrefix(p, "./"), "/")
		g := excludeGlob{raw: p, segs: strings.Split(clean, "/")}
		for _, s := range g.segs {
			if _, err := path.Match(s, ""); err != nil {
				return nil, fmt.Errorf("failed to parse exclude pattern %q: %w", p, err)
			}
		}
		ex = append(ex, g)
	}
	return ex, nil
}

// MatchGlob reports whether rel (a slash path relative to a root) matches
// pattern as --exclude reads it: a pattern without a slash matches the base
// name at any depth, "**" matches any number of directories, and a
// malformed pattern matches nothing.
func MatchGlob(pattern, rel string) bool {
	ex, err := newExcluder([]string{pattern})
	if err != nil {
		return false
	}
	_, ok := ex.match(rel, path.Base(rel))
	return ok
}

// ExcludeMatcher returns the test --exclude patterns make of an entry (its
// slash path relative to the root, and its base name), for a caller that
// walks the same tree beside a scan (the progress line's counting pass).
func ExcludeMatcher(patterns []string) (func(rel, base string) bool, error) {
	ex, err := newExcluder(patterns)
	if err != nil {
		return nil, err
	}
	return func(rel, base string) bool { _, ok := ex.match(rel, base); return ok }, nil
}

// match returns the first pattern matching the relative path rel or the
// base name.
func (ex excluder) match(rel, base string) (string, bool) {
	var relSegs []string
	for _, g := range ex {
		if matchSegs(g.segs, []string{base}) {
			return g.raw, true
		}
		if len(g.segs) == 1 && g.segs[0] != "**" {
			continue // a one-segment pattern cannot match more than the base name
		}
		if relSegs == nil {
			relSegs = strings.Split(rel, "/")
		}
		if matchSegs(g.segs, relSegs) {
			return g.raw, true
		}
	}
	return "", false
}

// matchSegs matches pattern segments against name segments.
func matchSegs(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegs(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
