//go:build windows

package scan

import (
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/windows"
)

// checkTraversal: Windows grants every account "bypass traverse
// checking", so a folder's DACL does not keep anyone from a file below it.
const checkTraversal = false

// platform reads who may read f from its security descriptor (owner and
// DACL; one system call, as the walk's stat does not carry it) and the
// last access time from the walk's stat.
func (x *exposer) platform(e *Exposure, f *File, info fs.FileInfo, _ *dirFacts) {
	if d, ok := info.Sys().(*syscall.Win32FileAttributeData); ok {
		if at := d.LastAccessTime.Nanoseconds(); at > 0 {
			e.Accessed = time.Unix(0, at).Format(time.RFC3339)
		}
	}
	sd, err := windows.GetNamedSecurityInfo(longPath(f.Path), windows.SE_FILE_OBJECT,
		windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil || sd == nil {
		e.Error = "failed to read security descriptor"
		if err != nil {
			e.Error += ": " + err.Error()
		}
		return
	}
	if owner, _, err := sd.Owner(); err == nil && owner != nil {
		e.Owner = x.accountName(owner)
	}
	parsed, err := ParseSDDL(sd.String())
	if err != nil {
		e.Error = "failed to parse security descriptor: " + err.Error()
		return
	}
	e.ACL = parsed.DACL
	e.WorldReadable = parsed.ReadableByAll()
}

// accountName returns DOMAIN\name for sid, or the SID string when it
// cannot be looked up (a deleted account, an unreachable domain).
// Lookups of domain accounts go to a domain controller, so each SID is
// looked up once.
func (x *exposer) accountName(sid *windows.SID) string {
	key := sid.String()
	x.mu.Lock()
	n, ok := x.sids[key]
	x.mu.Unlock()
	if ok {
		return n
	}
	n = key
	if account, domain, _, err := sid.LookupAccount(""); err == nil && account != "" {
		n = account
		if domain != "" {
			n = domain + `\` + account
		}
	}
	x.mu.Lock()
	x.sids[key] = n
	x.mu.Unlock()
	return n
}

// longPath gives the Win32 API a path it accepts beyond MAX_PATH (260):
// the os package does this itself, x/sys/windows does not.
func longPath(p string) string {
	const maxShort = 248 // CreateDirectory's limit, the lowest of them
	if len(p) < maxShort || strings.HasPrefix(p, `\\?\`) {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if strings.HasPrefix(abs, `\\`) {
		return `\\?\UNC\` + abs[2:]
	}
	return `\\?\` + abs
}

func dirOpenToOthers(string) bool { return true }
