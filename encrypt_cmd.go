package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"filippo.io/age"
	"github.com/urfave/cli/v2"

	"mamori/detect"
	"mamori/encrypt"
	"mamori/report"
	"mamori/scan"
)

const encryptExitHelp = `Exit status (encrypt, decrypt): 0 when every file asked for was done or
was already done; 2 for a usage error or a manifest that cannot be written;
3 when some files failed or conflicted (each is named on stderr and in the
manifest; its original is intact); 130 when interrupted.`

// errNotAllDone is exit status 3 for encrypt and decrypt.
var errNotAllDone = fmt.Errorf("some files were not done: %w", errUnreadable)

func encryptCommand() *cli.Command {
	return &cli.Command{
		Name:        "encrypt",
		Usage:       "encrypt the files a scan report found with age (見つかったファイルを暗号化する)",
		Description: "Each file NAME becomes NAME.age, readable only with a recipient's private key.\n" + encryptExitHelp,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "from", Required: true, Usage: "the scan report `REPORT.jsonl` to take files from"},
			&cli.IntFlag{Name: "workers", Value: encrypt.DefaultWorkers, Usage: "files encrypted at once"},
		}, encryptFlags()...),
		Action: func(c *cli.Context) error {
			s, err := encryptSettingsFrom(c)
			if err != nil {
				return err
			}
			paths, err := targetsFromReport(c.String("from"), s.sel)
			if err != nil {
				return usageError{err}
			}
			return runEncrypt(c.Context, paths, s, c.App.Writer)
		},
	}
}

// encryptFlags are shared by `encrypt` and `scan --encrypt`.
func encryptFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "recipient", Aliases: []string{"r"}, Usage: "encrypt to public key `KEY` (age1..., ssh-ed25519 ..., ssh-rsa ...; repeatable)"},
		&cli.StringSliceFlag{Name: "recipients-file", Aliases: []string{"R"}, Usage: "encrypt to the public keys in `FILE` (repeatable)"},
		&cli.StringFlag{Name: "min-risk", Usage: "only files at or above `RISK` (high, medium, low)"},
		&cli.StringSliceFlag{Name: "category", Usage: "only files holding `CATEGORY` (repeatable, e.g. my_number)"},
		&cli.BoolFlag{Name: "dry-run", Usage: "print what would be done and change nothing"},
		&cli.BoolFlag{Name: "keep-original", Usage: "keep each original beside its .age"},
		&cli.StringFlag{Name: "manifest", Usage: "append the record of what was done to `FILE` (default: " + manifestDefaultHelp() + ")"},
		&cli.BoolFlag{Name: "verify", Usage: "decrypt each .age with --identity and compare before removing the original"},
		&cli.StringFlag{Name: "identity", Aliases: []string{"i"}, Usage: "identity `FILE` (age, or an SSH private key), for --verify only"},
	}
}

func manifestDefaultHelp() string {
	if p, err := encrypt.DefaultManifestPath(); err == nil {
		return p
	}
	return "mamori/" + encrypt.ManifestName + " in the user configuration directory"
}

// encryptSettings is what an encryption run was asked to do.
type encryptSettings struct {
	opts     encrypt.Options
	manifest string // "" for the default
	sel      encryptSelection
}

// encryptSelection says which files of a report to encrypt.
type encryptSelection struct {
	minRisk    detect.Risk
	categories []detect.Category
}

func encryptSettingsFrom(c *cli.Context) (encryptSettings, error) {
	var s encryptSettings
	rs, err := encrypt.ParseRecipients(c.StringSlice("recipient"), c.StringSlice("recipients-file"))
	if err != nil {
		return s, usageError{fmt.Errorf("%w (give -r KEY or -R FILE)", err)}
	}
	if s.sel, err = encryptSelectionFrom(c); err != nil {
		return s, usageError{err}
	}
	var ids []age.Identity
	switch {
	case c.Bool("verify") && c.String("identity") == "":
		return s, usageError{errors.New("--verify needs --identity FILE")}
	case c.Bool("verify"):
		if ids, err = encrypt.ReadIdentities(c.String("identity")); err != nil {
			return s, usageError{err}
		}
	case c.String("identity") != "":
		return s, usageError{errors.New("--identity is only for --verify: encryption needs public keys only")}
	}
	s.opts = encrypt.Options{Recipients: rs, Identities: ids, Keep: c.Bool("keep-original"),
		DryRun: c.Bool("dry-run"), Workers: encrypt.DefaultWorkers}
	if c.IsSet("workers") && c.Command.Name == "encrypt" {
		s.opts.Workers = c.Int("workers")
	}
	s.manifest = c.String("manifest")
	return s, nil
}

func encryptSelectionFrom(c *cli.Context) (encryptSelection, error) {
	sel := encryptSelection{minRisk: detect.Risk(c.String("min-risk"))}
	if sel.minRisk != "" && encryptRiskLevel(sel.minRisk) == 0 {
		return sel, fmt.Errorf("--min-risk must be high, medium or low, not %q", sel.minRisk)
	}
	for _, cat := range c.StringSlice("category") {
		sel.categories = append(sel.categories, detect.Category(cat))
	}
	return sel, nil
}

func encryptRiskLevel(r detect.Risk) int {
	return map[detect.Risk]int{detect.RiskHigh: 3, detect.RiskMedium: 2, detect.RiskLow: 1}[r]
}

// wants reports whether a file record is to be encrypted: it holds personal
// data, at or above the risk and in one of the categories when given.
func (s encryptSelection) wants(rec *report.FileRecord) bool {
	if !rec.HasPersonalData() || encryptRiskLevel(rec.Risk) < encryptRiskLevel(s.minRisk) {
		return false
	}
	if len(s.categories) == 0 {
		return true
	}
	return slices.ContainsFunc(s.categories, func(c detect.Category) bool { _, ok := rec.Categories[c]; return ok })
}

// targetsFromReport lists the files on disk a report's records name. An
// archive appears once however many of its members hold data.
func targetsFromReport(name string, sel encryptSelection) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("failed to open report %s: %w", name, err)
	}
	defer f.Close()
	var paths []string
	seen := map[string]bool{}
	_, err = report.Read(f, func(rec report.FileRecord) error {
		if p := rec.FSPath(); sel.wants(&rec) && !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
		return nil
	})
	return paths, err
}

// scanTargets collects, during a scan, the files `scan --encrypt` will
// encrypt. It is called from the scan's single writer goroutine.
type scanTargets struct {
	sel    encryptSelection
	volume int
	paths  []string
	seen   map[string]bool
}

func (t *scanTargets) add(rec report.FileRecord) {
	if t == nil || !rec.HasPersonalData() || rec.Status != scan.StatusOK {
		return
	}
	if p := rec.FSPath(); t.sel.wants(&rec) && !t.seen[p] {
		t.seen[p] = true
		t.paths = append(t.paths, p)
	}
}

// runEncrypt encrypts paths, writes the manifest and tells the person.
func runEncrypt(ctx context.Context, paths []string, s encryptSettings, out io.Writer) error {
	o := s.opts
	o.Progress = encryptProgress(out, o.DryRun)
	if !o.DryRun {
		m, err := openEncryptManifest(s.manifest)
		if err != nil {
			return err
		}
		o.Manifest = m
	}
	sum, err := encrypt.Run(ctx, paths, o)
	if o.Manifest != nil {
		if cerr := o.Manifest.Close(); err == nil {
			err = cerr
		}
	}
	printEncryptSummary(out, sum, o.Manifest)
	return encryptOutcome(ctx, sum, err)
}

func openEncryptManifest(path string) (*encrypt.Manifest, error) {
	if path == "" {
		p, err := encrypt.DefaultManifestPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return encrypt.OpenManifest(path)
}

// encryptProgress prints the plan (dry run) to out and every file not done to
// stderr. Contents are never printed; paths are.
func encryptProgress(out io.Writer, dryRun bool) func(report.ManifestEntry) {
	return func(e report.ManifestEntry) {
		switch {
		case e.Result == report.ResultPlanned:
			what := map[bool]string{true: "original removed", false: "original kept"}[e.OriginalRemoved]
			fmt.Fprintf(out, "would %s %s (%d bytes) → %s; %s\n", e.Type, e.Path, e.Size, e.Output, what)
		case e.Result == report.ResultConflict || e.Result == report.ResultFailed:
			fmt.Fprintf(os.Stderr, "mamori: %s: %s: %s\n", e.Result, e.Path, e.Error)
		}
	}
}

// printEncryptSummary is the one bilingual line of a run.
func printEncryptSummary(w io.Writer, s encrypt.Summary, m *encrypt.Manifest) {
	switch {
	case s.Planned > 0 || (m == nil && s.Encrypted+s.Decrypted == 0):
		fmt.Fprintf(w, "予定 %d件 (%d バイト)、スキップ %d件、失敗 %d件 / planned %d (%d bytes), skipped %d, failed %d; nothing was changed\n",
			s.Planned, s.Bytes, s.Skipped, s.Failed+s.Conflicts, s.Planned, s.Bytes, s.Skipped, s.Failed+s.Conflicts)
	case s.Decrypted > 0:
		fmt.Fprintf(w, "復号 %d件、スキップ %d件、失敗 %d件、%d バイト / decrypted %d, skipped %d, failed %d, %d bytes\n",
			s.Decrypted, s.Skipped, s.Failed, s.Bytes, s.Decrypted, s.Skipped, s.Failed, s.Bytes)
	default:
		fmt.Fprintf(w, "暗号化 %d件、スキップ %d件、競合 %d件、失敗 %d件、%d バイト / encrypted %d, skipped %d, conflicts %d, failed %d, %d bytes\n",
			s.Encrypted, s.Skipped, s.Conflicts, s.Failed, s.Bytes, s.Encrypted, s.Skipped, s.Conflicts, s.Failed, s.Bytes)
	}
	if s.TempsFound > 0 {
		fmt.Fprintf(os.Stderr, "mamori: removed %d temporary files left by an interrupted run\n", s.TempsFound)
	}
	if m != nil {
		fmt.Fprintf(os.Stderr, "mamori: manifest: %s\n", m.Path())
	}
}

// encryptOutcome maps a run to the error that picks the exit code.
func encryptOutcome(ctx context.Context, s encrypt.Summary, err error) error {
	switch {
	case ctx.Err() != nil:
		return errInterrupted
	case err != nil:
		return err
	case !s.OK():
		return errNotAllDone
	}
	return nil
}

func decryptCommand() *cli.Command {
	return &cli.Command{
		Name:        "decrypt",
		Usage:       "restore NAME from NAME.age with an identity (復号する)",
		ArgsUsage:   "PATH... (.age files, or directories to search for them)",
		Description: "Interoperable with `age -d`. The .age is removed once NAME is written and synced.\n" + encryptExitHelp,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "identity", Aliases: []string{"i"}, Required: true, Usage: "identity `FILE`: age (AGE-SECRET-KEY-1...) or an SSH private key without a passphrase (repeatable)"},
			&cli.BoolFlag{Name: "keep-encrypted", Usage: "keep each .age beside the restored file"},
			&cli.BoolFlag{Name: "dry-run", Usage: "print what would be done and change nothing"},
			&cli.StringFlag{Name: "manifest", Usage: "append the record of what was done to `FILE` (default: " + manifestDefaultHelp() + ")"},
			&cli.IntFlag{Name: "workers", Value: encrypt.DefaultWorkers, Usage: "files decrypted at once"},
		},
		Action: runDecryptCmd,
	}
}

func runDecryptCmd(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageError{errors.New("decrypt needs at least one PATH")}
	}
	var ids []age.Identity
	for _, name := range c.StringSlice("identity") {
		more, err := encrypt.ReadIdentities(name)
		if err != nil {
			return usageError{err}
		}
		ids = append(ids, more...)
	}
	paths, err := encrypt.AgeFiles(c.Args().Slice())
	if err != nil {
		return usageError{err}
	}
	o := encrypt.Options{Identities: ids, Keep: c.Bool("keep-encrypted"), DryRun: c.Bool("dry-run"), Workers: c.Int("workers")}
	o.Progress = encryptProgress(c.App.Writer, o.DryRun)
	if !o.DryRun {
		if o.Manifest, err = openEncryptManifest(c.String("manifest")); err != nil {
			return err
		}
	}
	sum, err := encrypt.RunDecrypt(c.Context, paths, o)
	if o.Manifest != nil {
		if cerr := o.Manifest.Close(); err == nil {
			err = cerr
		}
	}
	printEncryptSummary(c.App.Writer, sum, o.Manifest)
	return encryptOutcome(c.Context, sum, err)
}

// scanEncryptFlags are the flags `scan --encrypt` takes (its --workers is
// the scan's).
func scanEncryptFlags() []cli.Flag {
	fl := encryptFlags()
	for _, f := range fl {
		switch f := f.(type) {
		case *cli.StringFlag:
			f.Category = "encryption"
		case *cli.StringSliceFlag:
			f.Category = "encryption"
		case *cli.BoolFlag:
			f.Category = "encryption"
		}
	}
	return fl
}

// scanEncryptFrom reads the encryption flags of `scan --encrypt`; nil when
// --encrypt is not given.
func scanEncryptFrom(c *cli.Context) (*encryptSettings, error) {
	if !c.Bool("encrypt") {
		for _, f := range encryptFlags() {
			if name := f.Names()[0]; c.IsSet(name) {
				return nil, usageError{fmt.Errorf("--%s is for --encrypt", name)}
			}
		}
		return nil, nil
	}
	s, err := encryptSettingsFrom(c)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

func newScanTargets(o scanOptions) *scanTargets {
	if o.Encrypt == nil {
		return nil
	}
	return &scanTargets{sel: o.Encrypt.sel, volume: o.Volume, seen: map[string]bool{}}
}

// encryptAfterScan encrypts what the scan collected and combines the exit
// codes: usage, manifest and interruption first, then the scan's own
// outcome (findings before unreadable files), then files not encrypted.
func encryptAfterScan(ctx context.Context, o scanOptions, t *scanTargets, scanErr error) error {
	err := runEncrypt(ctx, t.paths, *o.Encrypt, os.Stderr)
	if err != nil && !errors.Is(err, errUnreadable) {
		return err
	}
	if scanErr != nil {
		return scanErr
	}
	return err
}
