package encrypt

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"filippo.io/age"
)

// age's payload: a 16-byte nonce, then 64 KiB chunks each sealed with a
// 16-byte tag; an empty plaintext still has one (empty) chunk.
const (
	streamNonce = 16
	chunkSize   = 64 << 10
	chunkTag    = 16
)

// ciphertextSize is the exact size of an age file whose header is hdrLen
// bytes long and whose plaintext is n bytes.
func ciphertextSize(hdrLen, n int64) int64 {
	chunks := max(1, (n+chunkSize-1)/chunkSize)
	return hdrLen + streamNonce + n + chunks*chunkTag
}

// header is what verification reads from an age file.
type header struct {
	len     int64    // bytes of the header, through the MAC line
	stanzas []string // the type of each recipient stanza, in order
}

// readHeader parses an age header with age's own parser, then lists its
// stanzas' types.
func readHeader(r io.Reader) (header, error) {
	raw, err := age.ExtractHeader(bufio.NewReader(r))
	if err != nil {
		return header{}, err
	}
	h := header{len: int64(len(raw))}
	for line := range bytes.Lines(raw) {
		if rest, ok := bytes.CutPrefix(line, []byte("-> ")); ok {
			h.stanzas = append(h.stanzas, strings.Fields(string(rest))[0])
		}
	}
	return h, nil
}

// check reports whether the header holds exactly one stanza of the
// expected type per recipient, and fits a file of size bytes holding n bytes
// of plaintext.
func (h header) check(want []string, size, n int64) error {
	got := slices.Sorted(slices.Values(h.stanzas))
	exp := slices.Sorted(slices.Values(want))
	if !slices.Equal(got, exp) {
		return fmt.Errorf("header has stanzas %v, want %v", h.stanzas, want)
	}
	if exp := ciphertextSize(h.len, n); size != exp {
		return fmt.Errorf("size is %d bytes, want %d for %d bytes of plaintext", size, exp, n)
	}
	return nil
}
