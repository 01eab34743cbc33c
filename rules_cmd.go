package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"mamori/detect"
	"mamori/scan"
)

// `mamori rules` checks and lists rules files and makes the values they
// hold; `mamori roster` builds the keyed-hash index of a master list. Both
// are adapters: the work is in detect (rulesfile.go, allow.go, roster.go).

const rulesExitHelp = `EXIT CODES:
   0    every example passed (rules test), or the command did its work
   1    some example failed (rules test)
   2    usage error, or a bad rules, key or master file`

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "check, list and support rules files (custom rules, dictionaries, allowlists)",
		Subcommands: []*cli.Command{
			{
				Name:        "test",
				Usage:       "run every rule's examples and non-examples through the detector",
				ArgsUsage:   "FILE",
				Description: "Prints ok or FAIL for each example of every built-in rule and every rule of FILE.\n\n" + rulesExitHelp,
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageError{errors.New("rules test needs one rules FILE")}
					}
					return rulesTest(c.App.Writer, c.Args().First())
				},
			},
			{
				Name:  "list",
				Usage: "print every built-in and custom rule with its id, category and state",
				Flags: []cli.Flag{&cli.StringFlag{Name: "rules", Usage: "apply the rules `FILE`"}},
				Action: func(c *cli.Context) error {
					return rulesList(c.App.Writer, c.String("rules"))
				},
			},
			{
				Name:      "fingerprint",
				Usage:     "print the fingerprint of each VALUE (or of each line of stdin) for an [[allow]] entry",
				ArgsUsage: "[VALUE...]",
				Description: "Values on the command line stay in the shell's history: give none to read them from stdin.\n" +
					"With --category the value is normalised as that category's rule finds it (平成22年4月1日 as 2010-04-01).",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "key", Required: true, Usage: "the key `FILE` (see rules keygen)"},
					&cli.StringFlag{Name: "category", Usage: "the `CATEGORY` of the values"},
				},
				Action: func(c *cli.Context) error {
					return rulesFingerprint(c.App.Writer, os.Stdin, c.String("key"), c.String("category"), c.Args().Slice())
				},
			},
			{
				Name:      "keygen",
				Usage:     "create a key file (0600) for fingerprints and roster indexes",
				ArgsUsage: "KEYFILE",
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageError{errors.New("rules keygen needs one KEYFILE")}
					}
					if err := detect.WriteKeyFile(c.Args().First()); err != nil {
						return usageError{err}
					}
					return nil
				},
			},
		},
	}
}

// examplesFailed is the error of a rules test with failing examples; it
// exits 1 (it wraps errFindings, the code's other meaning of "found
// something wrong").
type examplesFailed struct{ failed, total int }

func (e examplesFailed) Error() string {
	return fmt.Sprintf("%d of %d examples failed", e.failed, e.total)
}
func (e examplesFailed) Unwrap() error { return errFindings }

func loadRules(path string) (*detect.Config, error) {
	cfg, err := detect.LoadRules(path)
	if err != nil {
		return nil, usageError{err}
	}
	return cfg, nil
}

func rulesTest(w io.Writer, path string) error {
	cfg, err := loadRules(path)
	if err != nil {
		return err
	}
	results := detect.RunExamples(detect.NewWith(cfg))
	failed, n := 0, map[string]int{}
	for _, r := range results {
		n[r.Rule]++
		verdict := "ok  "
		if !r.Pass() {
			verdict = "FAIL"
			failed++
		}
		fmt.Fprintf(w, "%s %s %s %d: %q%s\n", verdict, r.Rule, exampleKind(r.Example), n[r.Rule], r.Example.Text, exampleWhy(r))
	}
	fmt.Fprintf(w, "%d examples, %d failed\n", len(results), failed)
	if failed > 0 {
		return examplesFailed{failed, len(results)}
	}
	return nil
}

func exampleKind(ex detect.Example) string {
	k := "example"
	if !ex.Want {
		k = "non-example"
	}
	if ex.Cell {
		k = "cell " + k
		if ex.Header {
			k += " (under its header)"
		}
	}
	return k
}

func exampleWhy(r detect.ExampleResult) string {
	switch {
	case r.Pass():
		return ""
	case r.Example.Want:
		return " not found"
	}
	return " found"
}

func rulesList(w io.Writer, path string) error {
	var cfg *detect.Config
	if path != "" {
		var err error
		if cfg, err = loadRules(path); err != nil {
			return err
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCATEGORY\tSTATE\tSOURCE\tCHANGES")
	for _, r := range detect.ListRules(cfg) {
		state := "on"
		if !r.Enabled {
			state = "off"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Category, state, r.Source, r.Changes)
	}
	return tw.Flush()
}

func rulesFingerprint(w io.Writer, stdin io.Reader, keyPath, category string, values []string) error {
	key, err := detect.LoadKey(keyPath)
	if err != nil {
		return usageError{err}
	}
	fp := func(v string) string { return detect.Fingerprint(key, v) }
	if category != "" {
		c, err := detect.ParseCategory(category)
		if err != nil {
			return usageError{err}
		}
		fp = func(v string) string { return detect.FingerprintOf(key, c, v) }
	}
	if len(values) > 0 {
		for _, v := range values {
			fmt.Fprintln(w, fp(v))
		}
		return nil
	}
	sc := bufio.NewScanner(stdin)
	for sc.Scan() {
		if v := strings.TrimSpace(sc.Text()); v != "" {
			fmt.Fprintln(w, fp(v))
		}
	}
	return sc.Err()
}

func rosterCommand() *cli.Command {
	return &cli.Command{
		Name:  "roster",
		Usage: "match scans against the organisation's own master list, offline",
		Subcommands: []*cli.Command{
			{
				Name:      "import",
				Usage:     "build a keyed-hash index (0600) of the people of a master list",
				ArgsUsage: "MASTER.csv",
				Description: "The index holds the column names, a key check value and one keyed hash per person:\n" +
					"no name or date in clear. Columns are header names, as 氏名 or 組=school_record when\n" +
					"the header names no category. The master may be CSV (UTF-8 or Shift_JIS) or a workbook.",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "columns", Required: true, Usage: "comma-separated header `NAMES` (氏名,生年月日)"},
					&cli.StringFlag{Name: "key", Required: true, Usage: "the key `FILE` (see rules keygen)"},
					&cli.StringFlag{Name: "out", Required: true, Usage: "write the index to `FILE`"},
				},
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageError{errors.New("roster import needs one MASTER file")}
					}
					return rosterImport(c.Context, c.App.ErrWriter, rosterOptions{
						Columns: strings.Split(c.String("columns"), ","), Key: c.String("key"),
						Out: c.String("out"), Master: c.Args().First(),
					})
				},
			},
		},
	}
}

// rosterOptions is what `mamori roster import` was asked to do.
type rosterOptions struct {
	Columns []string
	Key     string
	Out     string
	Master  string
}

func rosterImport(ctx context.Context, stderr io.Writer, o rosterOptions) error {
	cols, err := detect.RosterColumns(o.Columns)
	if err != nil {
		return usageError{fmt.Errorf("--columns: %w", err)}
	}
	key, err := detect.LoadKey(o.Key)
	if err != nil {
		return usageError{err}
	}
	b := detect.NewRosterBuilder(key, cols)
	sink := &masterSink{cols: cols, b: b}
	f := &scan.File{Path: o.Master, Rel: filepath.Base(o.Master)}
	if err := scan.ExtractFile(ctx, f, sink, scan.Limits{}); err != nil {
		return usageError{err}
	}
	if f.Status != scan.StatusOK {
		return usageError{fmt.Errorf("%s: %s %s", o.Master, f.Status, f.Reason)}
	}
	sink.end()
	if sink.header == nil {
		return usageError{fmt.Errorf("%s: no row holds the headers %s", o.Master, strings.Join(o.Columns, ","))}
	}
	if err := b.WriteFile(o.Out); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "mamori: %s: %d people indexed, %d rows skipped (a value missing)\n", o.Out, b.Len(), b.Skipped())
	return nil
}

// masterSink reads a master list's table: it finds the header row among
// the first rows, then hands each record's chosen values to the builder.
// Only the first table (sheet) is read.
type masterSink struct {
	cols   []detect.RosterColumn
	b      *detect.RosterBuilder
	table  *string
	header []int // field index of each column, once found
	rows   int
	rec    map[int]string
}

// masterHeaderRows is how far down a master list its header may sit.
const masterHeaderRows = 5

func (s *masterSink) Text(string, scan.Loc) {}

func (s *masterSink) Row(table string, cells []scan.Cell) {
	if s.table == nil {
		s.table = &table
	}
	if table != *s.table {
		return
	}
	if len(cells) > 0 && cells[0].Field == 0 {
		s.end()
	}
	if s.rec == nil {
		s.rec = map[int]string{}
	}
	for _, c := range cells {
		s.rec[c.Field] += c.Text
	}
}

// end takes the record read so far.
func (s *masterSink) end() {
	if s.rec == nil {
		return
	}
	rec := s.rec
	s.rec = nil
	s.rows++
	if s.header == nil {
		if s.rows <= masterHeaderRows {
			s.header = headerFields(rec, s.cols)
		}
		return
	}
	values := make([]string, len(s.header))
	for i, f := range s.header {
		values[i] = rec[f]
	}
	s.b.Add(values)
}

// headerFields returns the field of each column in a record of headers, or
// nil when one is missing.
func headerFields(rec map[int]string, cols []detect.RosterColumn) []int {
	out := make([]int, len(cols))
	for i, c := range cols {
		out[i] = -1
		for f, t := range rec {
			if strings.TrimSpace(t) == c.Name {
				out[i] = f
			}
		}
		if out[i] < 0 {
			return nil
		}
	}
	return out
}
