package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"mamori/report"
)

// reportOptions is what `mamori report` was asked to do.
type reportOptions struct {
	Reports   []string
	Manifests []string
	Since     string // --since: an earlier report to compare with
	Sector    string
	Lang      report.Lang
	HTML      string
	CSV       string
	JSON      string
}

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "turn scan reports (and encryption manifests) into a summary, HTML, CSV or JSON",
		ArgsUsage: "REPORT.jsonl...",
		Description: "Reads one or more reports written by `mamori scan -o` and shows, per file, why a leak\n" +
			"would have to be reported under the APPI, and for all files the figures a 漏えい等報告 asks for.\n" +
			"With no output flag it prints a summary; output files are created with mode 0600.\n" +
			"With --since OLD.jsonl it also shows what changed since that one earlier report: files\n" +
			"with personal data that are new, gone, changed in risk or in people, newly encrypted or\n" +
			"newly not examined; the REPORTs (one or more) are the present state.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "since", Usage: "compare with the earlier report `OLD.jsonl` and show what changed"},
			&cli.StringSliceFlag{Name: "manifest", Usage: "encryption manifest `FILE` written by mamori encrypt (repeatable)"},
			&cli.StringFlag{Name: "sector", Value: "public", Usage: "APPI volume threshold: public (100 people) or private (1,000)"},
			&cli.StringFlag{Name: "lang", Value: "ja", Usage: "language of the output: ja or en"},
			&cli.StringFlag{Name: "html", Usage: "write a self-contained HTML report to `FILE` (- for stdout)"},
			&cli.StringFlag{Name: "csv", Usage: "write one row per file to `FILE` (UTF-8 with BOM, for Excel; - for stdout)"},
			&cli.StringFlag{Name: "json", Usage: "write the combined report as one JSON document to `FILE` (- for stdout)"},
		},
		Action: func(c *cli.Context) error {
			o, err := reportOptionsFrom(c)
			if err != nil {
				return err
			}
			return runReport(o, c.App.Writer, c.App.ErrWriter)
		},
	}
}

func reportOptionsFrom(c *cli.Context) (reportOptions, error) {
	if c.NArg() == 0 {
		return reportOptions{}, usageError{errors.New("report needs at least one REPORT.jsonl")}
	}
	if _, err := sectorVolume(c.String("sector")); err != nil {
		return reportOptions{}, usageError{err}
	}
	lang, err := report.ParseLang(c.String("lang"))
	if err != nil {
		return reportOptions{}, usageError{err}
	}
	return reportOptions{
		Reports:   c.Args().Slice(),
		Manifests: c.StringSlice("manifest"),
		Since:     c.String("since"),
		Sector:    c.String("sector"),
		Lang:      lang,
		HTML:      c.String("html"),
		CSV:       c.String("csv"),
		JSON:      c.String("json"),
	}, nil
}

// runReport reads the reports and manifests and writes what was asked: the
// files named, or else the summary to stdout. A report or manifest that
// cannot be read is a usage error (exit 2).
func runReport(o reportOptions, stdout, stderr io.Writer) error {
	book, err := report.ReadBook(report.BookOptions{Sector: o.Sector}, o.Reports, o.Manifests)
	if err != nil {
		return usageError{err}
	}
	if o.Since != "" {
		if err := book.CompareWithFile(o.Since); err != nil {
			return usageError{err}
		}
	}
	outputs := []struct {
		path  string
		write func(io.Writer) error
	}{
		{o.HTML, func(w io.Writer) error { return book.WriteHTML(w, o.Lang) }},
		{o.CSV, func(w io.Writer) error { return book.WriteCSV(w, o.Lang) }},
		{o.JSON, book.WriteJSON},
	}
	wrote := false
	for _, out := range outputs {
		if out.path == "" {
			continue
		}
		wrote = true
		if out.path == "-" {
			if err := out.write(stdout); err != nil {
				return fmt.Errorf("failed to write to standard output: %w", err)
			}
			continue
		}
		if err := report.WriteFile(out.path, out.write); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "mamori: %s\n", o.Lang.Tf("text.written", out.path))
	}
	if wrote {
		return nil
	}
	return book.WriteText(stdout, o.Lang)
}
