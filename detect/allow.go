package detect

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"mamori/scan"
)

// An allowlist says which findings an organisation has decided are fine:
// by path glob (a whole file, or one category in it), by category, by rule
// and by value fingerprint (a keyed hash of the normalised value, so the
// list holds no personal data and survives edits that move the value).
// Each entry has a reason and may expire; expired entries stop applying
// and are reported, so stale exceptions do not hide new leaks.

// AllowEntry is one [[allow]] of a rules file. Empty fields match anything;
// an entry with none but Path allows whole files.
type AllowEntry struct {
	Path        string   // slash-separated glob relative to the scan root; "**" matches any directories
	Category    Category // "" for any
	Rule        string   // a rule ID, "" for any
	Fingerprint string   // "hmac-sha256:...", "" for any value
	Reason      string
	Expires     time.Time // the last day it applies; zero: never expires
	Line        int       // in the rules file
}

// Expired reports whether the entry has stopped applying at now.
func (e AllowEntry) Expired(now time.Time) bool {
	return !e.Expires.IsZero() && !now.Before(e.Expires.AddDate(0, 0, 1))
}

// wholeFile reports whether the entry allows whole files.
func (e AllowEntry) wholeFile() bool {
	return e.Path != "" && e.Category == "" && e.Rule == "" && e.Fingerprint == ""
}

// String describes the entry without its fingerprint.
func (e AllowEntry) String() string {
	var parts []string
	for _, kv := range [][2]string{{"path", e.Path}, {"category", string(e.Category)}, {"rule", e.Rule}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	if e.Fingerprint != "" {
		parts = append(parts, "fingerprint")
	}
	if !e.Expires.IsZero() {
		parts = append(parts, "expires="+e.Expires.Format(time.DateOnly))
	}
	return fmt.Sprintf("line %d: %s (%s)", e.Line, strings.Join(parts, " "), e.Reason)
}

func (p *rulesParser) allow(s *allowSpec, i int, ids map[string]bool) (AllowEntry, error) {
	fail := func(f string, err error) error {
		return p.errAt(p.fieldLine("allow", i, f), fmt.Sprintf("allow[%d].%s", i, f), err)
	}
	e := AllowEntry{Path: s.Path, Rule: s.Rule, Fingerprint: s.Fingerprint, Reason: s.Reason,
		Expires: s.Expires.Time, Line: p.fieldLine("allow", i, "reason")}
	if e.Path == "" && s.Category == "" && e.Rule == "" && e.Fingerprint == "" {
		return e, fail("path", errors.New("an entry needs a path, category, rule or fingerprint"))
	}
	if e.Path != "" {
		if _, err := path.Match(strings.ReplaceAll(e.Path, "**", "*"), ""); err != nil {
			return e, fail("path", fmt.Errorf("bad glob %q", e.Path))
		}
	}
	if s.Category != "" {
		c, err := ParseCategory(s.Category)
		if err != nil {
			return e, fail("category", err)
		}
		e.Category = c
	}
	if e.Rule != "" && !ids[e.Rule] {
		return e, fail("rule", fmt.Errorf("no rule has the id %q", e.Rule))
	}
	if e.Fingerprint != "" && !validFingerprint(e.Fingerprint) {
		return e, fail("fingerprint", errors.New(`must be "hmac-sha256:" and 64 hex digits, as mamori rules fingerprint prints`))
	}
	if strings.TrimSpace(e.Reason) == "" {
		return e, fail("reason", errMissing)
	}
	return e, nil
}

func validFingerprint(f string) bool {
	h, ok := strings.CutPrefix(f, FingerprintPrefix)
	return ok && len(h) == 64 && strings.Trim(h, "0123456789abcdef") == ""
}

// Allowlist applies a rules file's [[allow]] entries during one scan and
// remembers which ones matched. It is safe for concurrent use.
type Allowlist struct {
	entries []AllowEntry
	hits    []atomic.Int64
	key     []byte
	now     time.Time
}

// ErrNoFingerprintKey is returned when an allowlist holds fingerprints and
// no key was given to compute them.
var ErrNoFingerprintKey = errors.New("detect: the allowlist has fingerprints but no key file was given")

// Allowlist returns the allowlist of cfg for a scan at now. key is the
// fingerprint key (see LoadKey); it may be nil when no entry has a
// fingerprint.
func (cfg *Config) Allowlist(key []byte, now time.Time) (*Allowlist, error) {
	return NewAllowlist(cfg.allow, key, now)
}

// NewAllowlist returns an allowlist of entries.
func NewAllowlist(entries []AllowEntry, key []byte, now time.Time) (*Allowlist, error) {
	for _, e := range entries {
		if e.Fingerprint != "" && len(key) == 0 {
			return nil, ErrNoFingerprintKey
		}
	}
	return &Allowlist{entries: entries, hits: make([]atomic.Int64, len(entries)), key: key, now: now}, nil
}

// Len returns the number of entries, expired ones included.
func (a *Allowlist) Len() int { return len(a.entries) }

// FileAllow is the part of an allowlist that applies to one file. A nil
// *FileAllow allows nothing, so callers need not check.
type FileAllow struct {
	a       *Allowlist
	entries []int // indexes of the live entries whose path matches the file
	fp      map[string]string
}

// ForFile returns the entries that apply to the file at rel (slash-
// separated, relative to the scan root; an archive member as
// "a.zip!/名簿.csv"), or nil when none does.
func (a *Allowlist) ForFile(rel string) *FileAllow {
	if a == nil {
		return nil
	}
	var idx []int
	for i, e := range a.entries {
		if !e.Expired(a.now) && (e.Path == "" || globMatch(e.Path, rel)) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	return &FileAllow{a: a, entries: idx}
}

// Whole reports whether the file is allowed as a whole (an entry with a
// path and nothing else matched it); it counts as a use of the entry.
func (fa *FileAllow) Whole() bool {
	if fa == nil {
		return false
	}
	for _, i := range fa.entries {
		if fa.a.entries[i].wholeFile() {
			fa.a.hits[i].Add(1)
			return true
		}
	}
	return false
}

// Allows reports whether a value found by rule (of category c, normalised
// as the rule gives it) is allowed, and counts the use of the entry that
// allows it. A FileAllow is for one goroutine.
func (fa *FileAllow) Allows(rule string, c Category, norm string) bool {
	if fa == nil {
		return false
	}
	for _, i := range fa.entries {
		e := &fa.a.entries[i]
		if e.wholeFile() || e.Category != "" && e.Category != c || e.Rule != "" && e.Rule != rule {
			continue
		}
		if e.Fingerprint != "" && e.Fingerprint != fa.fingerprint(norm) {
			continue
		}
		fa.a.hits[i].Add(1)
		return true
	}
	return false
}

// fingerprint returns norm's fingerprint, computed once per file and value.
func (fa *FileAllow) fingerprint(norm string) string {
	if f, ok := fa.fp[norm]; ok {
		return f
	}
	if fa.fp == nil {
		fa.fp = map[string]string{}
	}
	f := Fingerprint(fa.a.key, norm)
	if len(fa.fp) < 1<<16 {
		fa.fp[norm] = f
	}
	return f
}

// Unused returns the live entries that allowed nothing so far: for
// `--report-unused-allowlist`, once the scan is over.
func (a *Allowlist) Unused() []AllowEntry {
	var out []AllowEntry
	for i, e := range a.entries {
		if !e.Expired(a.now) && a.hits[i].Load() == 0 {
			out = append(out, e)
		}
	}
	return out
}

// Expired returns the entries that have expired and no longer apply.
func (a *Allowlist) Expired() []AllowEntry {
	var out []AllowEntry
	for _, e := range a.entries {
		if e.Expired(a.now) {
			out = append(out, e)
		}
	}
	return out
}

// Uses returns how many findings or files each entry allowed, in the
// order of the rules file.
func (a *Allowlist) Uses() []int64 {
	out := make([]int64, len(a.entries))
	for i := range a.hits {
		out[i] = a.hits[i].Load()
	}
	return out
}

// globMatch matches a slash-separated path against a glob whose "**"
// segments match any number of directories; other segments follow
// path.Match. A pattern without a slash matches the base name at any depth.
func globMatch(pattern, name string) bool { return scan.MatchGlob(pattern, name) }
