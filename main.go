// Command mamori finds Japanese personal data left on file shares and
// reports how exposed it is. This file turns flags into options; the work
// is done by the scan, detect and report packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"

	"github.com/urfave/cli/v2"

	"mamori/detect"
	"mamori/scan"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

const exitCodesHelp = `EXIT CODES:
   0    scan completed, with or without findings (the report says what was found)
   1    personal data found, when --fail-on-findings is given
   2    usage error, or the scan could not run
   3    scan completed but some files could not be examined (status error)
   130  interrupted; the report written so far is valid JSON Lines
   When several apply: 2, then 130, then 1, then 3.`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C ends the process at once
	}()
	err := newApp().RunContext(ctx, os.Args)
	os.Exit(exitCode(err))
}

func newApp() *cli.App {
	return &cli.App{
		Name:                  "mamori",
		CustomAppHelpTemplate: cli.AppHelpTemplate + "\n" + exitCodesHelp + "\n",
		Usage:                 "find Japanese personal data on file shares (個人情報の所在を調べる)",
		HideHelpCommand:       true,
		Commands: []*cli.Command{
			scanCommand(), encryptCommand(), decryptCommand(), reportCommand(),
			rulesCommand(), rosterCommand(), versionCommand(), licensesCommand(),
		},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
	}
}

func scanCommand() *cli.Command {
	return &cli.Command{
		Name:               "scan",
		Usage:              "walk PATHs and report files that hold personal data",
		CustomHelpTemplate: cli.CommandHelpTemplate + "\n" + exitCodesHelp + "\n",
		ArgsUsage:          "PATH...",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the JSON Lines report to `FILE` (mode 0600; - for stdout)"},
			&cli.BoolFlag{Name: "all", Usage: "also report files that were read and held nothing"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), Usage: "files read at once"},
			&cli.BoolFlag{Name: "follow-symlinks", Usage: "follow symbolic links (loops are detected)"},
			&cli.StringSliceFlag{Name: "exclude", Usage: "skip paths matching `GLOB` (repeatable; ** matches directories)"},
			&cli.StringFlag{Name: "max-size", Usage: "skip files larger than `SIZE` (e.g. 500M, 2G)"},
			&cli.BoolFlag{Name: "one-file-system", Usage: "do not cross into other file systems"},
			&cli.StringFlag{Name: "sector", Value: "public", Usage: "APPI volume threshold: public (100 people) or private (1,000)"},
			&cli.BoolFlag{Name: "fail-on-findings", Usage: "exit 1 when personal data is found"},
			&cli.StringFlag{Name: "max-unpacked", Value: "1G", Category: "limits", Usage: "bytes inflated from one zip, Office file or archive (zip bombs stop here)"},
			&cli.IntFlag{Name: "max-cells", Value: scan.DefaultLimits.MaxCells, Category: "limits", Usage: "cells read from one workbook; the rest is marked truncated"},
			&cli.IntFlag{Name: "max-depth", Value: scan.DefaultLimits.MaxDepth, Category: "limits", Usage: "archives inside archives that are still opened"},
			&cli.IntFlag{Name: "max-members", Value: scan.DefaultLimits.MaxMembers, Category: "limits", Usage: "members read from one archive"},
			&cli.DurationFlag{Name: "max-file-time", Value: scan.DefaultLimits.MaxFileTime, Category: "limits", Usage: "time one file may take before it is reported as an error"},
			&cli.BoolFlag{Name: "encrypt", Category: "encryption", Usage: "after the scan, encrypt the files found with age (as mamori encrypt; needs -r or -R)"},
		}, slices.Concat(scanEncryptFlags(), scanMoreFlags())...),
		Action: func(c *cli.Context) error {
			opts, err := scanOptionsFrom(c)
			if err != nil {
				return err
			}
			return runScan(c.Context, opts, os.Stdout)
		},
	}
}

func scanOptionsFrom(c *cli.Context) (scanOptions, error) {
	if c.NArg() == 0 {
		return scanOptions{}, usageError{errors.New("scan needs at least one PATH")}
	}
	maxSize, err := parseSize(c.String("max-size"))
	if err != nil {
		return scanOptions{}, usageError{err}
	}
	volume, err := sectorVolume(c.String("sector"))
	if err != nil {
		return scanOptions{}, usageError{err}
	}
	lim, err := limitsFrom(c)
	if err != nil {
		return scanOptions{}, usageError{err}
	}
	enc, err := scanEncryptFrom(c)
	if err != nil {
		return scanOptions{}, err
	}
	o := scanOptions{
		Encrypt:        enc,
		Roots:          c.Args().Slice(),
		Output:         c.String("output"),
		All:            c.Bool("all"),
		Workers:        c.Int("workers"),
		FollowSymlinks: c.Bool("follow-symlinks"),
		Excludes:       c.StringSlice("exclude"),
		MaxSize:        maxSize,
		OneFileSystem:  c.Bool("one-file-system"),
		Volume:         volume,
		FailOnFindings: c.Bool("fail-on-findings"),
		Limits:         lim,
	}
	return o, scanMoreFrom(c, &o)
}

// limitsFrom reads the --max-* flags that bound one hostile file.
func limitsFrom(c *cli.Context) (scan.Limits, error) {
	lim := scan.DefaultLimits
	unpacked, err := parseSize(c.String("max-unpacked"))
	if err != nil {
		return lim, err
	}
	lim.MaxUnpacked = unpacked
	lim.MaxCells = c.Int("max-cells")
	lim.MaxDepth = c.Int("max-depth")
	lim.MaxMembers = c.Int("max-members")
	lim.MaxFileTime = c.Duration("max-file-time")
	if lim.MaxUnpacked <= 0 || lim.MaxCells <= 0 || lim.MaxDepth <= 0 || lim.MaxMembers <= 0 || lim.MaxFileTime <= 0 {
		return lim, errors.New("--max-unpacked, --max-cells, --max-depth, --max-members and --max-file-time must be above zero")
	}
	return lim, nil
}

func sectorVolume(s string) (int, error) {
	switch s {
	case "public":
		return detect.VolumePublic, nil
	case "private":
		return detect.VolumePrivate, nil
	}
	return 0, fmt.Errorf("--sector must be public or private, not %q", s)
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version",
		Action: func(c *cli.Context) error {
			fmt.Fprintln(c.App.Writer, "mamori", buildVersion())
			return nil
		},
	}
}

func licensesCommand() *cli.Command {
	return &cli.Command{
		Name:  "licenses",
		Usage: "print the licences of the public data built in (names, municipalities, bank codes)",
		Action: func(c *cli.Context) error {
			_, err := fmt.Fprintln(c.App.Writer, detect.Notices())
			return err
		},
	}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Errors that choose the exit code (CONTRACT.md section 4).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

var (
	errInterrupted = errors.New("interrupted")
	errFindings    = errors.New("personal data found")
	errUnreadable  = errors.New("some files could not be examined")
)

// exitCode maps the error an action returned to the process's exit status.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(os.Stderr, "mamori:", err)
		return 2
	case errors.Is(err, errInterrupted):
		fmt.Fprintln(os.Stderr, "mamori: interrupted; the report so far is complete up to here")
		return 130
	case errors.Is(err, errFindings):
		return 1
	case errors.Is(err, errUnreadable):
		return 3
	}
	fmt.Fprintln(os.Stderr, "mamori:", err)
	return 2
}
