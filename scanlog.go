package main

import (
	"fmt"
	"io"
	"log/slog"
	"slices"

	"mamori/report"
)

// openScanLog opens --log FILE, a structured log of the scan in JSON lines
// (log/slog), appended to and created 0600 like the report: it names
// files that hold personal data. It never holds a found value, not even a
// masked sample: a line gives a file's path, status, risk, categories and
// counts. Without a file the logger discards.
func openScanLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	f, err := report.OpenPrivate(path, true)
	if err != nil {
		return nil, nil, usageError{fmt.Errorf("log: %w", err)}
	}
	return newScanLogger(f), func() { f.Close() }, nil
}

func newScanLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, nil))
}

// logFile logs one file's outcome: at warning level when it could not be
// examined, at info level otherwise.
func logFile(l *slog.Logger, rec report.FileRecord) {
	cats := make([]string, 0, len(rec.Categories))
	for c := range rec.Categories {
		cats = append(cats, string(c))
	}
	slices.Sort(cats)
	attrs := []any{"path", rec.Path, "status", rec.Status, "risk", rec.Risk, "subjects", rec.Subjects, "categories", cats, "score", rec.Score}
	switch {
	case rec.Error != "":
		l.Warn("file", append(attrs, "error", rec.Error)...)
	case rec.Reason != "":
		l.Info("file", append(attrs, "reason", rec.Reason)...)
	default:
		l.Info("file", attrs...)
	}
}
