package detect

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzRulesFile feeds arbitrary rules files to the parser: it must return
// a config or a *RulesError, never panic; a config's detector must run its
// own examples without panicking, with offsets in range and masks that hide
// the value.
func FuzzRulesFile(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "rules", "*.toml"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("[[rule]]\nid = \"a\"\ncategory = \"custom:a\"\npattern = '''(?<=x)\\d+(?=y)'''\nchecksum = \"mod11\"\nweights = [1]\nexamples = [\"x12y\"]\n"))
	f.Add([]byte("[[allow]]\npath = \"**/[\"\nreason = \"r\"\nexpires = 2026-01-01\n"))
	dir, err := filepath.Abs(filepath.Join("testdata", "rules"))
	if err != nil {
		f.Fatal(err)
	}
	// A mutated pattern may backtrack badly on every example: keep the
	// timeouts short and the examples few, or the fuzzer measures timeouts.
	matchTimeout = 5 * time.Millisecond
	defer func() { matchTimeout = DefaultMatchTimeout }()
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseRules(data, filepath.Join(dir, "fuzz.toml"))
		if err != nil {
			var re *RulesError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RulesError", err)
			}
			return
		}
		d := NewWith(cfg)
		for _, r := range cfg.custom {
			for _, ex := range r.Examples()[:min(3, len(r.Examples()))] {
				folded, ms := d.FindText(ex.Text, nil)
				for _, m := range ms {
					checkMatch(t, "fuzz rules", d, folded, m)
				}
				if norm, ok := r.Value(trimSpace(folded), true); ok {
					checkMask(t, "fuzz rules value", r, norm)
				}
			}
		}
		if _, err := cfg.Allowlist(testKey, day("2026-01-01")); err != nil {
			t.Fatal(err)
		}
	})
}
