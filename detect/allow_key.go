package detect

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// A key file holds the secret that allowlist fingerprints and roster
// indexes are keyed with: 32 random bytes in hex on one line. Without the
// key a fingerprint or an index entry cannot be tested against a guess
// (a birth date has some 40,000 values; a plain hash would give it away),
// so the admin keeps it apart from the rules file and the index.

// KeySize is the length of a key in bytes.
const KeySize = 32

// ErrBadKey is returned for a key file that holds no key.
var ErrBadKey = errors.New("detect: not a mamori key file")

// NewKey returns a fresh random key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	rand.Read(k) // never fails (crypto/rand)
	return k
}

// WriteKeyFile creates path (mode 0600; an existing file is never
// replaced) holding a fresh key.
func WriteKeyFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("failed to create key file %s: %w", path, err)
	}
	_, err = f.WriteString(hex.EncodeToString(NewKey()) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("failed to write key file %s: %w", path, err)
	}
	return nil
}

// LoadKey reads a key file.
func LoadKey(path string) ([]byte, error) {
	data, err := readLimited(path, 1024)
	if err != nil {
		return nil, fmt.Errorf("failed to read key file %s: %w", path, err)
	}
	k, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(k) < KeySize {
		return nil, fmt.Errorf("failed to read key file %s: %w", path, ErrBadKey)
	}
	return k, nil
}

// keyCheck returns a value that tells whether an index was made with key,
// and nothing of the key.
func keyCheck(key []byte) string {
	return hex.EncodeToString(keyedHash(key, "mamori key check")[:8])
}

func keyedHash(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

// FingerprintPrefix starts every fingerprint.
const FingerprintPrefix = "hmac-sha256:"

// Fingerprint returns the keyed hash of a value as an allowlist holds it:
// "hmac-sha256:" and 64 hex digits. The value is normalised first (see
// NormalizeValue), so 090-1234-5678 and ０９０１２３４５６７８ have one
// fingerprint.
func Fingerprint(key []byte, value string) string {
	return FingerprintPrefix + hex.EncodeToString(keyedHash(key, "mamori fingerprint\x00"+NormalizeValue(value)))
}

// FingerprintOf is Fingerprint for a value of category c: when a built-in
// rule of c accepts the value (as under its header), its normal form is
// hashed, as a scan would (平成22年4月1日 as 2010-04-01).
func FingerprintOf(key []byte, c Category, value string) string {
	return Fingerprint(key, normalizeFor(c, value))
}

// NormalizeValue is the form a value is compared in by fingerprints and
// rosters: width-folded, ASCII in lower case, without spaces, hyphens,
// dashes and the long-vowel mark between digits, and with the variant
// forms of name characters (髙, 﨑) as their common ones.
func NormalizeValue(v string) string {
	v = Fold(v)
	var b strings.Builder
	b.Grow(len(v))
	for i, r := range v {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000':
		case dashLen(v, i) > 0 && (r != 'ー' || i > 0 && isDigit(v[i-1])):
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			if c, ok := itaijiCommon()[r]; ok {
				r = c
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// itaijiCommon maps the variant forms of nmItaiji to their common character.
func itaijiCommon() map[rune]rune { return itaijiCommonMap }

var itaijiCommonMap = func() map[rune]rune {
	m := map[rune]rune{}
	for common, vs := range nmItaiji {
		for _, v := range vs {
			if _, isCommon := nmItaiji[v]; !isCommon {
				m[v] = common
			}
		}
	}
	return m
}()

// normalizeFor returns v in the form a scan finds it: the value of the
// first built-in rule of c that accepts it under its header, or v folded.
func normalizeFor(c Category, v string) string {
	f := trimSpace(Fold(v))
	for _, r := range builtin {
		if r.Category() == c {
			if norm, ok := r.Value(f, true); ok {
				return norm
			}
		}
	}
	return f
}
