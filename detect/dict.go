package detect

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// A dictionary is a word list that extends a built-in vocabulary: extra
// surnames or given names for the name lexicon, allergens and conditions
// for the health rules, municipality names (of a merged town) for the
// address rule. One entry a line, UTF-8 or Shift_JIS, '#' starts a comment.
// A name may carry its reading after a tab or comma (髙嶋<TAB>たかしま); a
// municipality its prefecture before a tab (群馬県<TAB>旧新田町).
type dictionary struct {
	cat   Category
	kind  string
	path  string
	words []string // folded
}

// maxDictBytes bounds one dictionary file: a long list of a school's words
// is a few hundred kilobytes.
const maxDictBytes = 16 << 20

// dictKinds are the kinds each category's dictionaries may have; the first
// is the default.
var dictKinds = map[Category][]string{
	PersonName: {"surname", "given"},
	Allergy:    {"term"},
	Medical:    {"term"},
	Address:    {"municipality"},
}

func (p *rulesParser) dictionary(s *dictSpec, i int) (*dictionary, error) {
	fail := func(f string, err error) error {
		return p.errAt(p.fieldLine("dictionary", i, f), fmt.Sprintf("dictionary[%d].%s", i, f), err)
	}
	if s.Category == "" {
		return nil, fail("category", errMissing)
	}
	kinds, ok := dictKinds[Category(s.Category)]
	if !ok {
		return nil, fail("category", fmt.Errorf("%q: dictionaries extend person_name, allergy, medical or address", s.Category))
	}
	kind := s.Kind
	if kind == "" {
		if len(kinds) > 1 {
			return nil, fail("kind", fmt.Errorf("missing: one of %s", strings.Join(kinds, ", ")))
		}
		kind = kinds[0]
	}
	if !slices.Contains(kinds, kind) {
		return nil, fail("kind", fmt.Errorf("%q is not one of %s", kind, strings.Join(kinds, ", ")))
	}
	if s.Path == "" {
		return nil, fail("path", errMissing)
	}
	path := p.resolve(s.Path)
	data, err := readLimited(path, maxDictBytes)
	if err != nil {
		return nil, fail("path", fmt.Errorf("failed to read %s: %w", path, err))
	}
	words, err := dictWords(data)
	if err != nil {
		return nil, fail("path", fmt.Errorf("%s: %w", path, err))
	}
	return &dictionary{cat: Category(s.Category), kind: kind, path: path, words: words}, nil
}

// dictWords decodes a word list (UTF-8, with a BOM or not, else Shift_JIS)
// and returns its entries, folded, without comments and blank lines.
func dictWords(data []byte) ([]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		dec, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
		if err != nil || bytes.ContainsRune(dec, utf8.RuneError) {
			return nil, errors.New("neither UTF-8 nor Shift_JIS")
		}
		data = dec
	}
	var words []string
	for line := range strings.Lines(string(data)) {
		if c := strings.IndexByte(line, '#'); c >= 0 {
			line = line[:c]
		}
		if w := trimSpace(Fold(line)); w != "" {
			words = append(words, w)
		}
	}
	return words, nil
}

// dictWords counts the dictionary words that extend rule r.
func (cfg *Config) dictWords(r Rule) int {
	switch r.(type) {
	case nameRule, *healthRule, addressRule:
	default:
		return 0
	}
	n := 0
	for _, d := range cfg.dicts {
		if d.cat == r.Category() {
			n += len(d.words)
		}
	}
	return n
}

// wordsOf returns the words of cfg's dictionaries of a category and kind.
func (cfg *Config) wordsOf(c Category, kind string) []string {
	var out []string
	for _, d := range cfg.dicts {
		if d.cat == c && d.kind == kind {
			out = append(out, d.words...)
		}
	}
	return out
}

// extend returns r with cfg's dictionaries of its category added, or r.
func (cfg *Config) extend(r Rule) Rule {
	if cfg.dictWords(r) == 0 {
		return r
	}
	switch b := r.(type) {
	case nameRule:
		return newDictNameRule(b, cfg.wordsOf(PersonName, "surname"), cfg.wordsOf(PersonName, "given"))
	case *healthRule:
		return extendHealth(b, cfg.wordsOf(b.cat, "term"))
	case addressRule:
		return newDictAddressRule(cfg.wordsOf(Address, "municipality"))
	}
	return r
}

// extendHealth returns a copy of r whose terms include words.
func extendHealth(r *healthRule, words []string) *healthRule {
	c := *r
	c.terms = newTermSet(slices.Sorted(maps.Keys(r.terms.exact)), words)
	return &c
}

// dictSplit splits a dictionary entry into a word and the reading or
// prefecture written beside it (after a tab or comma).
func dictSplit(w string) (word, extra string) {
	if i := strings.IndexAny(w, "\t,"); i >= 0 {
		return trimSpace(w[:i]), trimSpace(w[i+1:])
	}
	return w, ""
}
