package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the book as one JSON document (files, totals, APPI) for
// other tools. Fields are added, never renamed (CONTRACT.md).
func (b *Book) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// WriteFile creates path 0600 (it names where personal data is) and writes
// to it with write.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := createPrivate(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	return nil
}
