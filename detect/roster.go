package detect

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A roster index lets a scan recognise the organisation's own people
// without holding their names: for each person of a master list it keeps a
// keyed hash (HMAC-SHA256, cut to 128 bits) of the normalised tuple of the
// chosen columns (name and birth date, name and class ...). The file holds
// the column names, a key check value and the hashes, and is created 0600;
// without the key, which the admin keeps, no entry can be tested against a
// guess. This is Microsoft Purview's Exact Data Match, offline.

// RosterColumn is one column of a roster: its header in the master list
// and the category its values are compared as.
type RosterColumn struct {
	Name     string
	Category Category
}

// rosterHashSize is the bytes of each hash kept: 128 bits make a false
// match between a row and a roster of a million people a 1-in-10²⁵ event.
const rosterHashSize = 16

type rosterHash [rosterHashSize]byte

// rosterMagic begins every index file.
const rosterMagic = "mamori-roster 1"

// ErrRosterKey is returned when an index was made with another key.
var ErrRosterKey = errors.New("detect: the roster index was made with another key")

// RosterColumns maps the header names of a master list to categories:
// "氏名=person_name" as given, or "氏名" by the header synonyms of the
// built-in rules (氏名 → person_name, 生年月日 → birth_date).
func RosterColumns(names []string) ([]RosterColumn, error) {
	hx := newHeaderIndex(Builtin())
	var cols []RosterColumn
	for _, n := range names {
		name, cat, explicit := strings.Cut(n, "=")
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, fmt.Errorf("empty column name in %q", n)
		}
		c := Category(strings.TrimSpace(cat))
		if explicit {
			var err error
			if c, err = ParseCategory(string(c)); err != nil {
				return nil, err
			}
		} else {
			rules := hx.lookup(name)
			if len(rules) != 1 {
				return nil, fmt.Errorf("cannot tell the category of column %q: write it as %s=<category>", name, name)
			}
			c = rules[0].Category()
		}
		if slices.ContainsFunc(cols, func(x RosterColumn) bool { return x.Category == c }) {
			return nil, fmt.Errorf("two columns of category %s", c)
		}
		cols = append(cols, RosterColumn{Name: name, Category: c})
	}
	if len(cols) == 0 {
		return nil, errors.New("no columns")
	}
	return cols, nil
}

// RosterBuilder hashes the rows of a master list into an index.
type RosterBuilder struct {
	key     []byte
	cols    []RosterColumn
	set     map[rosterHash]struct{}
	skipped int
}

// NewRosterBuilder starts an index of rows with the given columns.
func NewRosterBuilder(key []byte, cols []RosterColumn) *RosterBuilder {
	return &RosterBuilder{key: key, cols: slices.Clone(cols), set: map[rosterHash]struct{}{}}
}

// Add adds one person: values in the order of the columns. A row with an
// empty value is skipped and reported false.
func (b *RosterBuilder) Add(values []string) bool {
	if len(values) != len(b.cols) {
		b.skipped++
		return false
	}
	h, ok := rosterTuple(b.key, b.cols, func(i int, _ Category) (string, bool) { return values[i], true })
	if !ok {
		b.skipped++
		return false
	}
	b.set[h] = struct{}{}
	return true
}

// Len returns the distinct people added; Skipped the rows left out.
func (b *RosterBuilder) Len() int     { return len(b.set) }
func (b *RosterBuilder) Skipped() int { return b.skipped }

// WriteTo writes the index: a header of the columns and the key check
// value, then the hashes in order, one a line in hex.
func (b *RosterBuilder) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	write := func(s string) {
		k, _ := bw.WriteString(s)
		n += int64(k)
	}
	write(rosterMagic + "\n")
	write("# keyed hashes (HMAC-SHA256/128) of normalised rows; no value is stored in clear\n")
	for _, c := range b.cols {
		write("column\t" + strconv.Quote(c.Name) + "\t" + string(c.Category) + "\n")
	}
	write("check\t" + keyCheck(b.key) + "\n")
	write("count\t" + strconv.Itoa(len(b.set)) + "\n")
	hashes := make([]rosterHash, 0, len(b.set))
	for h := range b.set {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, func(x, y rosterHash) int { return strings.Compare(string(x[:]), string(y[:])) })
	for _, h := range hashes {
		write(hex.EncodeToString(h[:]) + "\n")
	}
	return n, bw.Flush()
}

// rosterCreateTemp makes the temporary index file; replaced in tests.
var rosterCreateTemp = os.CreateTemp

// WriteFile writes the index to path, mode 0600: to a temporary file in
// the same directory, synced, then renamed over path.
func (b *RosterBuilder) WriteFile(path string) (err error) {
	f, err := rosterCreateTemp(filepath.Dir(path), ".mamori-roster-*")
	if err != nil {
		return fmt.Errorf("failed to create roster index %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return fmt.Errorf("failed to write roster index %s: %w", path, err)
	}
	if _, err = b.WriteTo(f); err != nil {
		return fmt.Errorf("failed to write roster index %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("failed to write roster index %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("failed to write roster index %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("failed to write roster index %s: %w", path, err)
	}
	return nil
}

// Roster is a loaded index. It is read-only and safe for concurrent use.
type Roster struct {
	key  []byte
	cols []RosterColumn
	set  map[rosterHash]struct{}
}

// maxRosterBytes bounds an index file: 33 bytes a person, so some 30
// million people.
const maxRosterBytes = 1 << 30

// LoadRoster reads an index made with key.
func LoadRoster(path string, key []byte) (*Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open roster index %s: %w", path, err)
	}
	defer f.Close()
	r, err := ReadRoster(io.LimitReader(f, maxRosterBytes), key)
	if err != nil {
		return nil, fmt.Errorf("failed to read roster index %s: %w", path, err)
	}
	return r, nil
}

// ReadRoster is LoadRoster on an open reader.
func ReadRoster(rd io.Reader, key []byte) (*Roster, error) {
	r := &Roster{key: key, set: map[rosterHash]struct{}{}}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 4096), 64<<10)
	line := 0
	checked := false
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 {
			if t != rosterMagic {
				return nil, errors.New("not a mamori roster index")
			}
			continue
		}
		if t == "" || t[0] == '#' {
			continue
		}
		if err := r.parseLine(t, &checked); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if line == 0 {
		return nil, errors.New("empty file")
	}
	if !checked || len(r.cols) == 0 {
		return nil, errors.New("no columns or key check value")
	}
	return r, nil
}

func (r *Roster) parseLine(t string, checked *bool) error {
	f := strings.Split(t, "\t")
	switch f[0] {
	case "column":
		if len(f) != 3 {
			return errors.New("bad column line")
		}
		name, err := strconv.Unquote(f[1])
		if err != nil {
			return errors.New("bad column name")
		}
		c, err := ParseCategory(f[2])
		if err != nil {
			return err
		}
		r.cols = append(r.cols, RosterColumn{Name: name, Category: c})
	case "check":
		if len(f) != 2 || f[1] != keyCheck(r.key) {
			return ErrRosterKey
		}
		*checked = true
	case "count":
	default:
		var h rosterHash
		if len(t) != 2*rosterHashSize {
			return errors.New("bad hash line")
		}
		if _, err := hex.Decode(h[:], []byte(t)); err != nil {
			return errors.New("bad hash line")
		}
		r.set[h] = struct{}{}
	}
	return nil
}

// Columns returns the index's columns.
func (r *Roster) Columns() []RosterColumn { return slices.Clone(r.cols) }

// Categories returns the categories a row must hold to be matched.
func (r *Roster) Categories() []Category {
	out := make([]Category, len(r.cols))
	for i, c := range r.cols {
		out[i] = c.Category
	}
	return out
}

// Len returns the number of people in the index.
func (r *Roster) Len() int { return len(r.set) }

// Match reports whether values, one per category (as a table row's
// accepted values give them, normalised by their rules or raw), are those
// of a person in the roster. A value missing for one of the index's
// categories means no match.
func (r *Roster) Match(values map[Category]string) bool {
	if r == nil {
		return false
	}
	h, ok := rosterTuple(r.key, r.cols, func(_ int, c Category) (string, bool) {
		v, ok := values[c]
		return v, ok
	})
	if !ok {
		return false
	}
	_, found := r.set[h]
	return found
}

// rosterTuple hashes the normalised values of one row.
func rosterTuple(key []byte, cols []RosterColumn, value func(int, Category) (string, bool)) (rosterHash, bool) {
	var b strings.Builder
	b.WriteString("mamori roster\x00")
	for i, c := range cols {
		v, ok := value(i, c.Category)
		if !ok {
			return rosterHash{}, false
		}
		n := NormalizeValue(normalizeFor(c.Category, v))
		if n == "" {
			return rosterHash{}, false
		}
		b.WriteString(string(c.Category))
		b.WriteByte(0)
		b.WriteString(n)
		b.WriteByte(0x1F)
	}
	var h rosterHash
	copy(h[:], keyedHash(key, b.String()))
	return h, true
}
