package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// extractCall is one call received by extractSink.
type extractCall struct {
	text  string // Text: the text
	at    Loc    // Text: its location
	cells []Cell // Row: the cells
}

// String shows a call compactly for test failures.
func (c extractCall) String() string {
	if c.cells == nil {
		return fmt.Sprintf("text %s %q", c.at, c.text)
	}
	var b strings.Builder
	b.WriteString("row")
	for _, cl := range c.cells {
		fmt.Fprintf(&b, " %d@%s=%q", cl.Field, cl.At, cl.Text)
	}
	return b.String()
}

// extractSink records every call, copying what may be reused.
type extractSink struct{ calls []extractCall }

func (s *extractSink) Text(t string, at Loc) {
	s.calls = append(s.calls, extractCall{text: strings.Clone(t), at: at})
}

func (s *extractSink) Row(_ string, cells []Cell) {
	cp := make([]Cell, len(cells))
	for i, c := range cells {
		c.Text = strings.Clone(c.Text)
		cp[i] = c
	}
	s.calls = append(s.calls, extractCall{cells: cp})
}

// strings returns the calls as strings.
func (s *extractSink) strings() []string {
	out := make([]string, len(s.calls))
	for i, c := range s.calls {
		out[i] = c.String()
	}
	return out
}

// extractBytes runs Extract over data as if it were the file name.
func extractBytes(t testing.TB, name string, data []byte, lim Limits) (*File, *extractSink) {
	t.Helper()
	f := &File{Rel: name, Path: "/share/" + name}
	s := &extractSink{}
	if err := Extract(context.Background(), f, bytes.NewReader(data), s, lim); err != nil {
		t.Fatalf("Extract(%s): %v", name, err)
	}
	return f, s
}

// fakeOpen replaces openFile for one test.
func fakeOpen(t *testing.T, fn func(string) (io.ReadCloser, error)) {
	t.Helper()
	old := openFile
	openFile = fn
	t.Cleanup(func() { openFile = old })
}

func TestExtractFileOpenFailures(t *testing.T) {
	tests := map[string]struct {
		err    error
		reason string
	}{
		"permission denied": {
			err:    &fs.PathError{Op: "open", Path: "/share/a.csv", Err: fs.ErrPermission},
			reason: "permission denied",
		},
		"vanished": {
			err:    &fs.PathError{Op: "open", Path: "/share/a.csv", Err: syscall.ENOENT},
			reason: "file vanished before it could be read",
		},
		"other I/O error": {
			err:    &fs.PathError{Op: "open", Path: "/share/a.csv", Err: syscall.EIO},
			reason: "failed to open file: input/output error",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fakeOpen(t, func(string) (io.ReadCloser, error) { return nil, tc.err })
			f := &File{Rel: "a.csv", Path: "/share/a.csv"}
			err := ExtractFile(context.Background(), f, &extractSink{}, DefaultLimits)
			if !errors.Is(err, tc.err) {
				t.Errorf("error %v, want it to wrap %v", err, tc.err)
			}
			if f.Status != StatusError || f.Reason != tc.reason {
				t.Errorf("status %q reason %q, want error %q", f.Status, f.Reason, tc.reason)
			}
		})
	}
}

// failingReader yields data, then fails.
type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func (r *failingReader) Close() error { return nil }

func TestExtractFileReadErrors(t *testing.T) {
	secret := "山田太郎,090-1234-5678\n"
	tests := map[string]struct {
		data   string
		err    error
		reason string
	}{
		"at start": {
			err:    syscall.EIO,
			reason: "failed to read file: input/output error",
		},
		"mid-file": {
			data:   strings.Repeat(secret, 10000),
			err:    syscall.EIO,
			reason: "failed to read file: input/output error",
		},
		"permission on read": {
			data:   secret,
			err:    &fs.PathError{Op: "read", Path: "/share/a.csv", Err: fs.ErrPermission},
			reason: "permission denied",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fakeOpen(t, func(string) (io.ReadCloser, error) {
				return &failingReader{data: []byte(tc.data), err: tc.err}, nil
			})
			f := &File{Rel: "a.csv", Path: "/share/a.csv"}
			err := ExtractFile(context.Background(), f, &extractSink{}, DefaultLimits)
			if !errors.Is(err, tc.err) {
				t.Errorf("error %v, want it to wrap %v", err, tc.err)
			}
			if f.Status != StatusError || f.Reason != tc.reason {
				t.Errorf("status %q reason %q, want error %q", f.Status, f.Reason, tc.reason)
			}
			if strings.Contains(err.Error()+f.Reason, "090") {
				t.Errorf("error shows file content: %v", err)
			}
		})
	}
}

func TestExtractFileReadsFile(t *testing.T) {
	fakeOpen(t, func(name string) (io.ReadCloser, error) {
		if name != "/share/名簿.csv" {
			t.Errorf("opened %q", name)
		}
		return io.NopCloser(strings.NewReader("氏名,電話\n山田,090\n")), nil
	})
	f := &File{Rel: "名簿.csv", Path: "/share/名簿.csv"}
	s := &extractSink{}
	if err := ExtractFile(context.Background(), f, s, DefaultLimits); err != nil {
		t.Fatal(err)
	}
	if f.Status != StatusOK || f.Format != FormatCSV || f.Encoding != EncUTF8 || len(s.calls) != 2 {
		t.Errorf("got %+v, calls %v", f, s.strings())
	}
}

// cancelSink cancels a context on the first call it receives.
type cancelSink struct {
	extractSink
	cancel func()
}

func (s *cancelSink) Row(table string, cells []Cell) {
	s.cancel()
	s.extractSink.Row(table, cells)
}

func (s *cancelSink) Text(t string, at Loc) {
	s.cancel()
	s.extractSink.Text(t, at)
}

func TestExtractInterrupted(t *testing.T) {
	for name, data := range map[string]string{
		"csv":  strings.Repeat("山田太郎,090-1234-5678,東京都\n", 100000),
		"text": strings.Repeat("山田太郎さんの電話は090-1234-5678です。\n", 100000),
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s := &cancelSink{cancel: cancel}
			f := &File{Rel: "a.txt"}
			err := Extract(ctx, f, strings.NewReader(data), s, DefaultLimits)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("error %v, want context.Canceled", err)
			}
			if f.Status != StatusError || f.Reason != "interrupted" {
				t.Errorf("status %q reason %q", f.Status, f.Reason)
			}
			if len(s.calls) >= 100000 {
				t.Errorf("read all %d records after cancel", len(s.calls))
			}
		})
	}
}

func TestExtractLimitsDefaulted(t *testing.T) {
	f, s := extractBytes(t, "a.txt", []byte("abc\n"), Limits{})
	if f.Status != StatusOK || len(s.calls) != 1 {
		t.Errorf("got %+v %v", f, s.strings())
	}
}

// runeCount is utf8.RuneCountInString, short.
func runeCount(s string) int { return utf8.RuneCountInString(s) }
