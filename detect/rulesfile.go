package detect

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// A rules file (TOML) teaches the detector what an organisation knows and
// the built-in rules do not: its own identifiers ([[rule]]), extra words
// for the built-in vocabularies ([[dictionary]]), built-in rules switched
// off or tuned ([override.ID]) and findings it has decided are fine
// ([[allow]]). LoadRules reads one; NewWith builds a detector from it.
//
// A bad file is refused as a whole with a *RulesError that names the line
// and the field: a half-applied rules file would hide what it meant to find.

// rulesFile is the TOML layout of a rules file.
type rulesFile struct {
	FingerprintKey string              `toml:"fingerprint_key"`
	Rule           []ruleSpec          `toml:"rule"`
	Dictionary     []dictSpec          `toml:"dictionary"`
	Override       map[string]override `toml:"override"`
	Allow          []allowSpec         `toml:"allow"`
}

type ruleSpec struct {
	ID          string   `toml:"id"`
	Category    string   `toml:"category"`
	Kind        string   `toml:"kind"`
	Description string   `toml:"description"`
	Pattern     string   `toml:"pattern"`
	IgnoreCase  bool     `toml:"ignore_case"`
	Keywords    []string `toml:"keywords"`
	Window      *int     `toml:"window"`
	Headers     []string `toml:"headers"`
	Checksum    string   `toml:"checksum"`
	Weights     []int    `toml:"weights"`
	Examples    []string `toml:"examples"`
	NonExamples []string `toml:"non_examples"`
}

type dictSpec struct {
	Category string `toml:"category"`
	Kind     string `toml:"kind"`
	Path     string `toml:"path"`
}

// override switches a built-in rule off or changes what it may change.
type override struct {
	Enabled    *bool    `toml:"enabled"`
	ValueShare *float64 `toml:"value_share"`
	Headers    []string `toml:"headers"`
}

type allowSpec struct {
	Path        string   `toml:"path"`
	Category    string   `toml:"category"`
	Rule        string   `toml:"rule"`
	Fingerprint string   `toml:"fingerprint"`
	Reason      string   `toml:"reason"`
	Expires     tomlDate `toml:"expires"`
}

// Limits and defaults of rules files.
const (
	maxRulesFileBytes = 1 << 20 // a rules file is written by hand; anything larger is a mistake
	defaultWindow     = 30      // runes either side of a match searched for a keyword
	maxWindow         = 1000
	// DefaultMatchTimeout bounds one pattern's search of one piece of text:
	// a backtracking pattern can take exponential time, and a piece of text
	// (a line, a cell) takes well under a millisecond for a sane pattern.
	DefaultMatchTimeout = 100 * time.Millisecond
)

// matchTimeout is the timeout given to the patterns of rules files.
var matchTimeout = DefaultMatchTimeout // replaced in tests

// Config is a loaded rules file. It is read-only once loaded.
type Config struct {
	Path           string // the rules file; "" when built in code
	FingerprintKey string // key file for [[allow]] fingerprints, resolved against the file's directory; "" if none

	custom    []*customRule
	overrides map[string]override
	dicts     []*dictionary
	allow     []AllowEntry
	kinds     map[Category]Kind
	timeout   time.Duration
}

// RulesError is a fault in a rules file, with where it is.
type RulesError struct {
	Path  string // the rules file
	Line  int    // 1-based; 0 when unknown
	Field string // the TOML key, such as "rule[2].pattern"
	Err   error
}

func (e *RulesError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Err.Error())
	return b.String()
}

func (e *RulesError) Unwrap() error { return e.Err }

// LoadRules reads and checks the rules file at path, compiles its patterns
// and reads the dictionaries it names (paths relative to the file).
func LoadRules(path string) (*Config, error) {
	data, err := readLimited(path, maxRulesFileBytes)
	if err != nil {
		return nil, fmt.Errorf("failed to read rules file %s: %w", path, err)
	}
	cfg, err := ParseRules(data, path)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// ParseRules is LoadRules on the file's content; path names it in errors
// and its directory is where relative paths start.
func ParseRules(data []byte, path string) (*Config, error) {
	p := &rulesParser{path: path, src: string(data), dir: filepath.Dir(path)}
	var rf rulesFile
	md, err := toml.Decode(p.src, &rf)
	if err != nil {
		return nil, p.decodeError(err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, p.errAt(p.keyLine(k), k.String(), errors.New("unknown field"))
	}
	return p.build(&rf)
}

type rulesParser struct {
	path, src, dir string
}

func (p *rulesParser) errAt(line int, field string, err error) error {
	return &RulesError{Path: p.path, Line: line, Field: field, Err: err}
}

// decodeError turns a TOML error into a RulesError with its line.
func (p *rulesParser) decodeError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return p.errAt(pe.Position.Line, pe.LastKey, errors.New(pe.Message))
	}
	// Type errors come as text: toml: line 5 (last key "rule.window"): ...
	if m := tomlErrorText.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return p.errAt(line, m[2], errors.New(m[3]))
	}
	return p.errAt(0, "", err)
}

var tomlErrorText = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)

func (p *rulesParser) build(rf *rulesFile) (*Config, error) {
	cfg := &Config{Path: p.path, overrides: rf.Override, kinds: map[Category]Kind{}, timeout: matchTimeout}
	if rf.FingerprintKey != "" {
		cfg.FingerprintKey = p.resolve(rf.FingerprintKey)
	}
	ids := map[string]bool{}
	for _, r := range Builtin() {
		ids[r.ID()] = true
	}
	for i := range rf.Rule {
		r, err := p.rule(&rf.Rule[i], i, cfg)
		if err != nil {
			return nil, err
		}
		if ids[r.id] {
			return nil, p.errAt(p.fieldLine("rule", i, "id"), fmt.Sprintf("rule[%d].id", i),
				fmt.Errorf("%q is already the id of another rule", r.id))
		}
		ids[r.id] = true
		cfg.custom = append(cfg.custom, r)
	}
	if err := p.overrides(rf.Override); err != nil {
		return nil, err
	}
	for i := range rf.Dictionary {
		d, err := p.dictionary(&rf.Dictionary[i], i)
		if err != nil {
			return nil, err
		}
		cfg.dicts = append(cfg.dicts, d)
	}
	for i := range rf.Allow {
		e, err := p.allow(&rf.Allow[i], i, ids)
		if err != nil {
			return nil, err
		}
		cfg.allow = append(cfg.allow, e)
	}
	return cfg, nil
}

// resolve makes a path from the rules file relative to its directory.
func (p *rulesParser) resolve(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(p.dir, filepath.FromSlash(name))
}

var (
	ruleIDPattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)
	customCatPattern  = regexp.MustCompile(`^custom:[a-z0-9][a-z0-9_]{0,63}$`)
	kindNames         = map[string]Kind{"quasi": Quasi, "direct": Direct, "financial": Financial, "health": Health}
	errMissing        = errors.New("missing")
	errCategoryFormat = errors.New(`must be a category of CONTRACT.md (person_name, phone, ...) or "custom:<name>" in lower case`)
)

// ParseCategory checks a category name from a rules file or a command line:
// a key of CONTRACT.md section 1, or custom:<name>.
func ParseCategory(s string) (Category, error) {
	c := Category(s)
	if slices.Contains(Categories, c) || customCatPattern.MatchString(s) {
		return c, nil
	}
	return "", fmt.Errorf("category %q %w", s, errCategoryFormat)
}

// IsCustom reports whether c is a category a rules file made (custom:<name>).
func (c Category) IsCustom() bool { return strings.HasPrefix(string(c), "custom:") }

func (p *rulesParser) rule(s *ruleSpec, i int, cfg *Config) (*customRule, error) {
	field := func(f string) string { return fmt.Sprintf("rule[%d].%s", i, f) }
	fail := func(f string, err error) error { return p.errAt(p.fieldLine("rule", i, f), field(f), err) }
	if s.ID == "" {
		return nil, fail("id", errMissing)
	}
	if !ruleIDPattern.MatchString(s.ID) {
		return nil, fail("id", fmt.Errorf("%q must be lower-case letters, digits, '-', '_' or '.'", s.ID))
	}
	if s.Category == "" {
		return nil, fail("category", errMissing)
	}
	cat, err := ParseCategory(s.Category)
	if err != nil {
		return nil, fail("category", err)
	}
	if s.Kind != "" {
		k, ok := kindNames[s.Kind]
		if !ok {
			return nil, fail("kind", fmt.Errorf("%q must be quasi, direct, financial or health", s.Kind))
		}
		if !cat.IsCustom() {
			return nil, fail("kind", fmt.Errorf("the kind of %s is fixed by CONTRACT.md", cat))
		}
		if old, ok := cfg.kinds[cat]; ok && old != k {
			return nil, fail("kind", fmt.Errorf("%s was given another kind by an earlier rule", cat))
		}
		cfg.kinds[cat] = k
	}
	if s.Pattern == "" {
		return nil, fail("pattern", errMissing)
	}
	window := defaultWindow
	if s.Window != nil {
		window = *s.Window
		if window < 1 || window > maxWindow {
			return nil, fail("window", fmt.Errorf("must be 1 to %d characters", maxWindow))
		}
	}
	check, err := newChecksum(s.Checksum, s.Weights)
	if err != nil {
		f := "checksum"
		if s.Checksum != "" && len(s.Weights) > 0 {
			f = "weights"
		}
		return nil, fail(f, err)
	}
	r, err := newCustomRule(customSpec{
		id: s.ID, cat: cat, pattern: s.Pattern, ignoreCase: s.IgnoreCase, keywords: s.Keywords,
		window: window, headers: s.Headers, check: check, timeout: cfg.timeout,
		examples: s.Examples, nonExamples: s.NonExamples,
	})
	if err != nil {
		return nil, fail("pattern", err)
	}
	return r, nil
}

func (p *rulesParser) overrides(ov map[string]override) error {
	for _, id := range sortedKeys(ov) {
		field := func(f string) string { return "override." + id + f }
		line := p.tableLine("override." + id)
		found := false
		for _, r := range Builtin() {
			found = found || r.ID() == id
		}
		if !found {
			return p.errAt(line, field(""), fmt.Errorf("no built-in rule has the id %q (see mamori rules list)", id))
		}
		if s := ov[id].ValueShare; s != nil && (*s <= 0 || *s > 1) {
			return p.errAt(line, field(".value_share"), errors.New("must be above 0 and at most 1"))
		}
	}
	return nil
}

// tomlDate is a date in a rules file: a TOML local date (2026-03-31) or
// the same in a string.
type tomlDate struct{ time.Time }

func (d *tomlDate) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		d.Time = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.Local)
		return nil
	case string:
		t, err := time.ParseInLocation(time.DateOnly, v, time.Local)
		if err != nil {
			return fmt.Errorf("%q is not a date such as 2026-03-31", v)
		}
		d.Time = t
		return nil
	}
	return fmt.Errorf("%v is not a date such as 2026-03-31", v)
}

// Line finding. The TOML decoder keeps no positions for keys, so errors
// found after decoding look the key up in the source: the n-th [[table]]
// header, then "field =" below it.

// fieldLine returns the line of field in the n-th [[table]], or of the
// table's header when the field is not written there, or 0.
func (p *rulesParser) fieldLine(table string, n int, field string) int {
	lines := strings.Split(p.src, "\n")
	seen := -1
	for i, l := range lines {
		if headerName(l) != "[["+table+"]]" {
			continue
		}
		if seen++; seen != n {
			continue
		}
		for j := i + 1; j < len(lines); j++ {
			t := strings.TrimSpace(lines[j])
			if strings.HasPrefix(t, "[") {
				break
			}
			if k, _, ok := strings.Cut(t, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == field {
				return j + 1
			}
		}
		return i + 1
	}
	return 0
}

// tableLine returns the line of the [name] header, or 0.
func (p *rulesParser) tableLine(name string) int {
	for i, l := range strings.Split(p.src, "\n") {
		if headerName(l) == "["+name+"]" {
			return i + 1
		}
	}
	return 0
}

// keyLine returns the first line that sets k: its last part under a
// header of its parent, or the header of k itself; 0 if none.
func (p *rulesParser) keyLine(k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	last, parent, current := k[len(k)-1], strings.Join(k[:len(k)-1], "."), ""
	for i, l := range strings.Split(p.src, "\n") {
		if h := headerName(l); h != "" {
			current = strings.Trim(h, "[]")
			if current == strings.Join(k, ".") {
				return i + 1
			}
			continue
		}
		if current != parent {
			continue
		}
		if key, _, ok := strings.Cut(strings.TrimSpace(l), "="); ok && strings.Trim(strings.TrimSpace(key), `"'`) == last {
			return i + 1
		}
	}
	return 0
}

// headerName returns a table header line ("[x]" or "[[x]]") without spaces
// and comments, or "".
func headerName(l string) string {
	t := strings.TrimSpace(l)
	if !strings.HasPrefix(t, "[") {
		return ""
	}
	if c := strings.Index(t, "#"); c >= 0 {
		t = strings.TrimSpace(t[:c])
	}
	return strings.NewReplacer(" ", "", `"`, "", "'", "").Replace(t)
}

// readLimited reads a whole file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return data, nil
}
