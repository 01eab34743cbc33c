package scan

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Exposure is how reachable a file is and how much it looks like a
// leftover: who may read it, where it sits, how stale it is. It holds no
// content. Fields may be added; these are relied on by the report.
//
// Who may read it. On Unix, Mode, Owner and Group come from the walk's
// own stat (no extra system call per file; names are looked up once per
// id). WorldReadable means the other-read bit is set and every directory
// from the file system root down to the file's folder lets others through
// (other-execute), checked once per directory; when the bit is set but a
// folder shuts others out, ClosedDir says so instead. GroupReadable is the
// group-read bit alone (a folder's group may differ from the file's), and
// is not set for a user's private group (the group named as the owner).
// On Windows, WorldReadable is read from the file's DACL (see
// SDDL.ReadableByAll) and ACL holds it; Mode and Group stay empty.
//
// Where it sits. PathHints are words of the folders on the way from the
// file system root (so a root given as /srv/公開 counts) that suggest a
// shared or public place; Share is the Samba share whose path holds the
// file, from the smb.conf in Options.SMBConf, longest path winning.
//
// How stale and what it looks like: StaleDays counts from the last
// modification to the start of the scan; NameHints are leftover words in
// the file's own name (see exposure_hints.go for both word lists).
type Exposure struct {
	Mode          string   `json:"mode,omitempty"`           // POSIX permission bits, e.g. "0644"
	Owner         string   `json:"owner,omitempty"`          // user name (or uid / SID when it has none)
	Group         string   `json:"group,omitempty"`          // group name (or gid)
	WorldReadable bool     `json:"world_readable,omitempty"` // anyone may read: POSIX other-read, or a DACL granting read to Everyone, Authenticated Users, BUILTIN\Users or Domain Users
	GroupReadable bool     `json:"group_readable,omitempty"` // the group may read
	ACL           string   `json:"acl,omitempty"`            // the DACL in SDDL form (Windows)
	Share         string   `json:"share,omitempty"`          // the Samba share that exposes it (from smb.conf)
	GuestShare    bool     `json:"guest_share,omitempty"`    // that share admits guests without a password
	PathHints     []string `json:"path_hints,omitempty"`     // folder words that suggest a shared or public place: 公開, 共有, public, 生徒, ...
	NameHints     []string `json:"name_hints,omitempty"`     // words that suggest a leftover: export, backup, コピー, 移行, 旧, old, bak
	Accessed      string   `json:"accessed,omitempty"`       // last access, RFC 3339, where the file system keeps it
	StaleDays     int      `json:"stale_days,omitempty"`     // whole days since last modified, at scan time
	Reasons       []string `json:"reasons,omitempty"`        // exposure reason codes, for the report: world_readable, group_readable, guest_share, shared_path, leftover_name, stale

	ClosedDir     bool     `json:"closed_dir,omitempty"`     // others may read the file itself, but a folder on the way shuts them out (no o+x)
	ShareWritable bool     `json:"share_writable,omitempty"` // the share is not read only
	ShareUsers    []string `json:"share_users,omitempty"`    // the share's valid users (users and @groups); empty: any account
	ShareHidden   bool     `json:"share_hidden,omitempty"`   // browseable = no: not listed, still reachable by name
	Error         string   `json:"error,omitempty"`          // why who may read it is unknown (Windows: the security descriptor could not be read)
}

// Reason codes of Exposure.Reasons, in the order they are listed.
const (
	ReasonWorldReadable = "world_readable" // anyone with an account (or none) may read it
	ReasonGroupReadable = "group_readable" // the file's group may read it; not given with world_readable
	ReasonGuestShare    = "guest_share"    // a Samba share admits guests to it
	ReasonSharedPath    = "shared_path"    // a folder word says shared or public, or a Samba share open to every account holds it
	ReasonLeftoverName  = "leftover_name"  // its name says export, backup, copy, old, ...
	ReasonStale         = "stale"          // not modified for StaleAfterDays or more
)

// StaleAfterDays is when an unmodified file counts as a leftover: a year,
// the cycle of a school's records.
const StaleAfterDays = 365

// maxDirCache bounds the folders whose exposure is remembered. The walk
// lists one folder at a time per reader, so a small cache hits nearly
// always; when full it is emptied rather than evicted piecemeal, which
// costs one stat per folder re-learnt.
const maxDirCache = 1 << 14

// clock gives the scan's start; replaced in tests.
var clock = time.Now

// exposer measures the exposure of files for one scan. It is shared by
// the walk's readers, so its caches are guarded by mu.
type exposer struct {
	now time.Time
	smb *SMBConf

	mu     sync.Mutex
	users  map[uint32]string    // uid → name (Unix)
	groups map[uint32]string    // gid → name (Unix)
	sids   map[string]string    // SID → account name (Windows)
	dirs   map[string]*dirFacts // by the OS path of a file's folder, as walked
	open   map[string]bool      // by absolute folder path: others may pass through it and all above it
	abs    map[string]string    // root as given → absolute, cleaned
}

// dirFacts is what all the files of one folder share. Immutable once made.
type dirFacts struct {
	hints  []string  // PathHints; shared by the folder's files, never modified
	share  *SMBShare // nil when no share holds it
	closed bool      // some folder on the way lacks other-execute (Unix)
}

// newExposer prepares exposure for a scan with these options, reading the
// smb.conf they name.
func newExposer(opt *Options) (*exposer, error) {
	x := &exposer{
		now:    clock(),
		users:  map[uint32]string{},
		groups: map[uint32]string{},
		sids:   map[string]string{},
		dirs:   map[string]*dirFacts{},
		open:   map[string]bool{},
		abs:    map[string]string{},
	}
	if opt.SMBConf != "" {
		c, err := LoadSMBConf(opt.SMBConf)
		if err != nil {
			return nil, err
		}
		x.smb = c
	}
	return x, nil
}

// measure returns the exposure of f, whose stat (after following a link)
// is info. It returns nil for anything but a regular file, and when x is nil.
func (x *exposer) measure(f *File, info fs.FileInfo) *Exposure {
	if x == nil || !info.Mode().IsRegular() {
		return nil
	}
	e := &Exposure{}
	d := x.dir(f)
	x.platform(e, f, info, d)
	e.PathHints = d.hints
	if s := d.share; s != nil {
		e.Share, e.ShareWritable, e.ShareUsers, e.ShareHidden = s.Name, s.Writable, s.ValidUsers, s.Hidden
		e.GuestShare = s.Guest && len(s.ValidUsers) == 0
	}
	e.NameHints = nameHints(baseName(f.Rel))
	e.StaleDays = staleDays(x.now, f.ModTime)
	e.Reasons = reasonsOf(e)
	return e
}

// staleDays counts whole days from mod to now; 0 for an unknown or future time.
func staleDays(now, mod time.Time) int {
	if mod.IsZero() || !now.After(mod) {
		return 0
	}
	return int(now.Sub(mod) / (24 * time.Hour))
}

// Reason bits, in the order of the Reason constants.
const (
	bitWorld = 1 << iota
	bitGroup
	bitGuest
	bitShared
	bitLeftover
	bitStale
	reasonCombos = 1 << iota
)

// reasonLists holds every combination of reasons, so that no file
// allocates its own list.
var reasonLists = func() (t [reasonCombos][]string) {
	codes := []string{ReasonWorldReadable, ReasonGroupReadable, ReasonGuestShare, ReasonSharedPath, ReasonLeftoverName, ReasonStale}
	for m := 1; m < reasonCombos; m++ {
		for i, c := range codes {
			if m&(1<<i) != 0 {
				t[m] = append(t[m], c)
			}
		}
	}
	return t
}()

// reasonsOf derives the reason codes from the measured fields. The list
// is shared: never modify it.
func reasonsOf(e *Exposure) []string {
	m := 0
	if e.WorldReadable {
		m |= bitWorld
	} else if e.GroupReadable {
		m |= bitGroup
	}
	if e.GuestShare {
		m |= bitGuest
	}
	openShare := e.Share != "" && len(e.ShareUsers) == 0
	if len(e.PathHints) > 0 || openShare {
		m |= bitShared
	}
	if len(e.NameHints) > 0 {
		m |= bitLeftover
	}
	if e.StaleDays >= StaleAfterDays {
		m |= bitStale
	}
	return reasonLists[m]
}

// dir returns the facts of f's folder, learning them on first sight. The
// lock is not held while a folder is stat'ed: on a network share that is
// a round trip, and the other readers need not wait for it. Two readers
// may learn the same folder at once; both get the same answer.
func (x *exposer) dir(f *File) *dirFacts {
	key := parentPath(f.Path)
	x.mu.Lock()
	d, ok := x.dirs[key]
	var abs string
	if !ok {
		abs = x.absDirLocked(f)
	}
	x.mu.Unlock()
	if ok {
		return d
	}
	d = &dirFacts{hints: pathHints(abs), share: x.smb.shareOf(abs), closed: x.closed(abs)}
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.dirs) >= maxDirCache {
		clear(x.dirs)
		clear(x.open)
	}
	x.dirs[key] = d
	return d
}

// absDirLocked is the absolute path of f's folder, built from its root
// (made absolute once per root) and Rel, without asking the OS per folder.
func (x *exposer) absDirLocked(f *File) string {
	if f.Path == f.Root { // a root that is a file
		return x.absLocked(filepath.Dir(f.Root))
	}
	root := x.absLocked(f.Root)
	rel, _ := splitRel(f.Rel)
	if rel == "" {
		return root
	}
	return filepath.Join(root, filepath.FromSlash(rel))
}

// absLocked makes p absolute and clean, remembering the answer.
func (x *exposer) absLocked(p string) string {
	if a, ok := x.abs[p]; ok {
		return a
	}
	a, err := filepath.Abs(p)
	if err != nil {
		a = filepath.Clean(p)
	}
	x.abs[p] = a
	return a
}

// closed reports whether some folder from the root of the file system
// down to dir (absolute, clean) denies others passage. Each folder is
// stat'ed once, outside the lock.
func (x *exposer) closed(dir string) bool {
	if !checkTraversal {
		return false
	}
	x.mu.Lock()
	open, ok := x.open[dir]
	x.mu.Unlock()
	if ok {
		return !open
	}
	open = dirOpenToOthers(dir)
	if parent := filepath.Dir(dir); open && parent != dir {
		open = !x.closed(parent)
	}
	x.mu.Lock()
	x.open[dir] = open
	x.mu.Unlock()
	return !open
}

// parentPath is the folder part of an OS path, without copying: "" for a
// bare name.
func parentPath(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if os.IsPathSeparator(p[i]) {
			return p[:i]
		}
	}
	return ""
}

// splitRel splits a slash path into folder and name; folder is "" at the top.
func splitRel(rel string) (dir, name string) {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i], rel[i+1:]
	}
	return "", rel
}

// baseName is the last element of a slash path.
func baseName(rel string) string {
	_, name := splitRel(rel)
	return name
}

// modeStrings holds "0000" to "0777", so that no file formats its own.
var modeStrings = func() (t [512]string) {
	const digits = "01234567"
	for p := range t {
		t[p] = string([]byte{'0', digits[p>>6&7], digits[p>>3&7], digits[p&7]})
	}
	return t
}()

// modeString formats the permission bits of m as four octal digits.
func modeString(m fs.FileMode) string { return modeStrings[m.Perm()] }
