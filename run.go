package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path"
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
	SMBConf        string           // --smb-conf: the Samba shares that expose the files
	Encrypt        *encryptSettings // scan --encrypt; nil without
	State          stateOptions
	rulesOptions
	neighbourOptions
}

// neighbourOptions keep a scan from taking the server from its users.
type neighbourOptions struct {
	Progress       progressMode
	Rate           float64       // --rate, bytes a second; 0 for no limit
	FilesPerSecond float64       // --files-per-second; 0 for no limit
	Nice           bool          // --nice: lower CPU and I/O priority
	MaxDuration    time.Duration // --max-duration: stop cleanly, resumably, after this long
	Log            string        // --log FILE: structured log, JSON lines
}

// errOut is where a scan tells the person what it did besides its report
// (warnings, the report's place); replaced in tests.
var errOut io.Writer = os.Stderr

// topFiles is how many of the riskiest files the human summary lists.
const topFiles = 10

// runScan walks the roots, detects and reports. The error it returns picks
// the exit code: usage, interrupted, findings, unreadable, in that order.
func runScan(ctx context.Context, o scanOptions, stdout io.Writer) error {
	started := time.Now()
	rules, err := loadScanRules(o.rulesOptions, started, errOut)
	if err != nil {
		return err
	}
	if o.Nice {
		if err := beNice(); err != nil {
			fmt.Fprintf(errOut, "mamori: --nice: %v\n", err)
		}
	}
	logger, closeLog, err := openScanLog(o.Log)
	if err != nil {
		return err
	}
	defer closeLog()
	if o.MaxDuration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.MaxDuration)
		defer cancel()
	}
	st, err := openScanState(o, errOut)
	if err != nil {
		return err
	}
	col, err := report.Create(report.Options{Output: o.Output, All: o.All, Volume: o.Volume, Top: topFiles}, o.Roots, started)
	if err != nil {
		st.finish(false)
		return err
	}
	h := &handler{ctx: ctx, rules: rules, col: col, targets: newScanTargets(o), state: st, log: logger,
		files: scan.NewLimiter(o.FilesPerSecond), bytes: scan.NewLimiter(o.Rate)}
	if err := st.replay(col, h.targets.add); err != nil {
		st.warn(err)
	}
	h.prog = startProgress(o.Progress)
	countCtx, stopCount := context.WithCancel(ctx)
	if h.prog != nil {
		skip, _ := scan.ExcludeMatcher(o.Excludes)
		go countTree(countCtx, o.Roots, o.FollowSymlinks, skip, h.prog)
	}
	sopts := scan.Options{
		Workers:        o.Workers,
		FollowSymlinks: o.FollowSymlinks,
		Excludes:       o.Excludes,
		MaxSize:        o.MaxSize,
		OneFileSystem:  o.OneFileSystem,
		Limits:         o.Limits,
		SMBConf:        o.SMBConf,
	}
	if st != nil {
		sopts.Known = st.known
	}
	logger.Info("scan started", "roots", o.Roots, "resumed", st != nil && st.run.Resumed)
	runErr := scan.Run(ctx, o.Roots, sopts, h)
	stopCount()
	h.prog.Close()
	deadline := errors.Is(runErr, context.DeadlineExceeded)
	interrupted := errors.Is(runErr, context.Canceled) || deadline
	if err := st.finish(runErr == nil); err != nil {
		fmt.Fprintf(errOut, "mamori: %v\n", err)
	}
	if runErr != nil && !interrupted {
		col.Close(time.Now(), false)
		return runErr
	}
	sum, err := col.Close(time.Now(), interrupted)
	if err != nil {
		return err
	}
	logger.Info("scan finished", "files", sum.Files, "with_personal_data", sum.WithPersonalData,
		"subjects", sum.Subjects, "not_examined", sum.NotExamined, "interrupted", interrupted, "carried", st.carriedFiles())
	if deadline {
		fmt.Fprintln(errOut, "mamori: --max-duration に達したため停止しました。同じコマンドで続きから再開します / stopped at --max-duration: run the same command to go on where it stopped")
	}
	if err := tellPerson(o, sum, col.Top(), stdout); err != nil {
		return err
	}
	if o.ReportUnused {
		rules.reportUnused(errOut)
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
	fmt.Fprintf(errOut, "mamori: report written to %s: %d files, %d with personal data, %d subjects, %d not examined\n",
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

// handler connects the scan pipeline to detection, the state and the report.
type handler struct {
	ctx          context.Context
	rules        *scanRules
	col          *report.Collector
	targets      *scanTargets // files for scan --encrypt; nil without
	state        *scanState   // nil without state
	prog         *scanProgress
	log          *slog.Logger
	files, bytes *scan.Limiter // --files-per-second, --rate; nil for no limit
}

// NewSink starts the detection of one file, once the rate limits allow it
// to be read (the workers call it just before they open the file).
func (h *handler) NewSink(f *scan.File) scan.Sink {
	h.files.Wait(h.ctx, 1)
	h.bytes.Wait(h.ctx, f.Size)
	df := h.rules.det.NewFile()
	df.Allow(h.rules.allow.ForFile(f.Rel))
	df.Roster(h.rules.roster)
	return df
}

// Done records a finished file. It runs on one goroutine, the scan's writer.
func (h *handler) Done(f *scan.File, s scan.Sink) {
	if h.state.handled(f, h.col, h.targets.add) {
		h.prog.File(path.Dir(f.Rel), f.Size, false)
		return
	}
	var res *detect.Result
	if df, ok := s.(*detect.File); ok && f.Status == scan.StatusOK {
		r := df.Result()
		res = &r
	}
	rec := h.col.Add(f, res)
	h.targets.add(rec)
	if h.ctx.Err() == nil || rec.Status != scan.StatusError {
		// A file cut short by the end of the scan (Ctrl-C, --max-duration)
		// is not remembered: the scan that goes on reads it again.
		h.state.put(f, rec)
	}
	h.prog.File(path.Dir(f.Rel), f.Size, rec.HasPersonalData())
	logFile(h.log, rec)
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
