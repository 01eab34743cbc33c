//go:build unix

package scan

import (
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"syscall"
	"time"
)

// checkTraversal: on Unix a folder without other-execute shuts others out
// of everything below it.
const checkTraversal = true

// Permission bits read from the mode.
const (
	permOtherRead = 0o004
	permOtherExec = 0o001
	permGroupRead = 0o040
)

// platform fills who may read f from the walk's stat: mode bits, owner and
// group (names looked up once per id), and the access time.
func (x *exposer) platform(e *Exposure, f *File, info fs.FileInfo, d *dirFacts) {
	perm := info.Mode().Perm()
	e.Mode = modeString(perm)
	if perm&permOtherRead != 0 {
		e.WorldReadable, e.ClosedDir = !d.closed, d.closed
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		e.GroupReadable = perm&permGroupRead != 0
		return
	}
	e.Owner, e.Group = x.userName(st.Uid), x.groupName(st.Gid)
	e.GroupReadable = perm&permGroupRead != 0 && e.Group != e.Owner
	if at := accessTime(st); !at.IsZero() {
		e.Accessed = at.Format(time.RFC3339)
	}
}

// userName returns the name of uid, or the number when it has none.
func (x *exposer) userName(uid uint32) string {
	return x.idName(x.users, uid, func(id string) string {
		if u, err := user.LookupId(id); err == nil {
			return u.Username
		}
		return ""
	})
}

// groupName returns the name of gid, or the number when it has none.
func (x *exposer) groupName(gid uint32) string {
	return x.idName(x.groups, gid, func(id string) string {
		if g, err := user.LookupGroupId(id); err == nil {
			return g.Name
		}
		return ""
	})
}

// idName looks id up in cache, or with lookup (outside the lock: with
// LDAP or winbind behind NSS a lookup is a network call) and remembers it.
func (x *exposer) idName(cache map[uint32]string, id uint32, lookup func(string) string) string {
	x.mu.Lock()
	n, ok := cache[id]
	x.mu.Unlock()
	if ok {
		return n
	}
	num := strconv.FormatUint(uint64(id), 10)
	if n = lookup(num); n == "" {
		n = num
	}
	x.mu.Lock()
	cache[id] = n
	x.mu.Unlock()
	return n
}

// dirOpenToOthers reports whether others may pass through dir. A folder
// that cannot be stat'ed is taken as open: unknown is not closed.
func dirOpenToOthers(dir string) bool {
	info, err := os.Stat(dir)
	if err != nil {
		return true
	}
	return info.Mode().Perm()&permOtherExec != 0
}
