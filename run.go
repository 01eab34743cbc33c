package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"mamori/detect"
	"mamori/report"
	"mamori/scan"
)

// scanOptions is what `mamori scan` was asked to do.
type scanOptions struct {
	Roots          []string
	Output         string
	All            bool
	Workers        int
	FollowSymlinks bool
	Excludes       []string
	MaxSize        int64
	OneFileSystem  bool
	Volume         int
	FailOnFindings bool
	Limits         scan.Limits
	Encrypt        *encryptSettings // scan --encrypt; nil without
}

// topFiles is how many of the riskiest files the human summary lists.
const topFiles = 10

// runScan walks the roots, detects and reports. The error it returns picks
// the exit code: usage, interrupted, findings, unreadable, in that order.
func runScan(ctx context.Context, o scanOptions, stdout io.Writer) error {
	started := time.Now()
	col, err := report.Create(report.Options{Output: o.Output, All: o.All, Volume: o.Volume, Top: topFiles}, o.Roots, started)
	if err != nil {
		return err
	}
	h := &handler{det: detect.New(detect.Builtin()), col: col, targets: newScanTargets(o)}
	runErr := scan.Run(ctx, o.Roots, scan.Options{
		Workers:        o.Workers,
		FollowSymlinks: o.FollowSymlinks,
		Excludes:       o.Excludes,
		MaxSize:        o.MaxSize,
		OneFileSystem:  o.OneFileSystem,
		Limits:         o.Limits,
	}, h)
	interrupted := errors.Is(runErr, context.Canceled)
	if runErr != nil && !interrupted {
		col.Close(time.Now(), false)
		return runErr
	}
	sum, err := col.Close(time.Now(), interrupted)
	if err != nil {
		return err
	}
	if err := tellPerson(o, sum, col.Top(), stdout); err != nil {
		return err
	}
	if o.Encrypt != nil && !interrupted {
		return encryptAfterScan(ctx, o, h.targets, scanOutcome(o, sum, false))
	}
	return scanOutcome(o, sum, interrupted)
}

// tellPerson prints the human summary when no report goes to stdout.
func tellPerson(o scanOptions, sum report.Summary, top []report.FileRecord, stdout io.Writer) error {
	switch o.Output {
	case "":
		return report.WriteHuman(stdout, sum, top)
	case "-":
		return nil
	}
	fmt.Fprintf(os.Stderr, "mamori: report written to %s: %d files, %d with personal data, %d subjects, %d not examined\n",
		o.Output, sum.Files, sum.WithPersonalData, sum.Subjects, sum.NotExamined)
	return nil
}

func scanOutcome(o scanOptions, sum report.Summary, interrupted bool) error {
	switch {
	case interrupted:
		return errInterrupted
	case o.FailOnFindings && sum.WithPersonalData > 0:
		return errFindings
	case sum.Errors() > 0:
		return errUnreadable
	}
	return nil
}

// handler connects the scan pipeline to detection and the report.
type handler struct {
	det     *detect.Detector
	col     *report.Collector
	targets *scanTargets // files for scan --encrypt; nil without
}

func (h *handler) NewSink(*scan.File) scan.Sink { return h.det.NewFile() }

func (h *handler) Done(f *scan.File, s scan.Sink) {
	var res *detect.Result
	if df, ok := s.(*detect.File); ok && f.Status == scan.StatusOK {
		r := df.Result()
		res = &r
	}
	h.col.Add(f, res)
	h.targets.add(f, res)
}

// parseSize reads sizes such as 500, 64K, 500M, 2G (binary multiples).
func parseSize(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B"), "I")
	mult := int64(1)
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'K':
			mult, t = 1<<10, t[:n-1]
		case 'M':
			mult, t = 1<<20, t[:n-1]
		case 'G':
			mult, t = 1<<30, t[:n-1]
		case 'T':
			mult, t = 1<<40, t[:n-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("--max-size: %q is not a size such as 500M or 2G", s)
	}
	return n * mult, nil
}
