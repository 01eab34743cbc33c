package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"mamori/detect"
)

// rulesOptions are the flags that teach the scan an organisation's own
// rules, allowlist and roster (issue 8).
type rulesOptions struct {
	Rules        string // --rules; "" for the default file beside the state, when there is one
	AllowKey     string // --allow-key; "" for the rules file's fingerprint_key
	Roster       string // --roster INDEX
	RosterKey    string // --roster-key
	ReportUnused bool   // --report-unused-allowlist
}

// scanRules is what the scan's detection is made of.
type scanRules struct {
	det    *detect.Detector
	allow  *detect.Allowlist // nil: nothing allowed
	roster *detect.Roster    // nil: no roster
}

// defaultRulesFile is where a rules file is looked for when --rules is not
// given: beside the state file, in the user's configuration directory.
func defaultRulesFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	p := filepath.Join(dir, "mamori", "rules.toml")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// loadScanRules builds the scan's detector from the rules file, and opens
// the allowlist's key and the roster. Any fault is a usage error: a scan
// that silently ran without the admin's rules would report what they had
// said not to, or miss what they had said to find.
func loadScanRules(o rulesOptions, now time.Time, stderr io.Writer) (*scanRules, error) {
	path := o.Rules
	if path == "" {
		path = defaultRulesFile()
	}
	var cfg *detect.Config
	if path != "" {
		var err error
		if cfg, err = detect.LoadRules(path); err != nil {
			return nil, usageError{err}
		}
	}
	r := &scanRules{det: detect.NewWith(cfg)}
	if cfg != nil {
		var key []byte
		keyPath := o.AllowKey
		if keyPath == "" {
			keyPath = cfg.FingerprintKey
		}
		if keyPath != "" {
			var err error
			if key, err = detect.LoadKey(keyPath); err != nil {
				return nil, usageError{err}
			}
		}
		allow, err := cfg.Allowlist(key, now)
		if errors.Is(err, detect.ErrNoFingerprintKey) {
			return nil, usageError{fmt.Errorf("%s: %w (give --allow-key or fingerprint_key)", path, err)}
		} else if err != nil {
			return nil, usageError{err}
		}
		for _, e := range allow.Expired() {
			fmt.Fprintf(stderr, "mamori: 期限切れの許可リスト項目は適用されません / allowlist entry expired and no longer applies: %s\n", e)
		}
		r.allow = allow
	}
	if o.Roster != "" {
		if o.RosterKey == "" {
			return nil, usageError{errors.New("--roster needs --roster-key, the key the index was made with")}
		}
		key, err := detect.LoadKey(o.RosterKey)
		if err != nil {
			return nil, usageError{err}
		}
		if r.roster, err = detect.LoadRoster(o.Roster, key); err != nil {
			return nil, usageError{err}
		}
	}
	return r, nil
}

// reportUnused lists the allowlist entries that matched nothing in this
// scan: stale entries hide nothing today but may hide a new leak tomorrow.
func (r *scanRules) reportUnused(w io.Writer) {
	if r.allow == nil {
		fmt.Fprintln(w, "mamori: 許可リストはありません / there is no allowlist")
		return
	}
	unused := r.allow.Unused()
	if len(unused) == 0 {
		fmt.Fprintln(w, "mamori: 未使用の許可リスト項目はありません / every allowlist entry was used")
		return
	}
	fmt.Fprintf(w, "mamori: 使われなかった許可リスト項目 %d 件 / allowlist entries that matched nothing: %d\n", len(unused), len(unused))
	for _, e := range unused {
		fmt.Fprintf(w, "  %s\n", e)
	}
}
