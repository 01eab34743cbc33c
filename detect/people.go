package detect

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"slices"
	"strings"
	"sync"
)

// People are counted across files without keeping anything about them: each
// person a row or a passage is about becomes a keyed hash (HMAC-SHA256,
// truncated to 64 bits) under a key drawn at random when the process starts
// and never written anywhere. The hashes stay in memory; the report holds
// only their number. With the key gone, a hash cannot be tied back to a
// name, nor compared with the hashes of another scan.
//
// A person is keyed by name when the row or passage names one, else by the
// first direct identifier (email, phone, My Number), else by the values that
// single them out. The count is an estimate: two pupils of the same name
// with no other identifier count once, and one person written in kanji in
// one file and in kana in another counts twice.
var peopleKey = sync.OnceValue(func() []byte {
	k := make([]byte, 32)
	rand.Read(k) // never fails (crypto/rand panics instead)
	return k
})

// personOrder is the order in which categories name a person.
var personOrder = []Category{PersonName, Email, Phone, MyNumber, BankAccount, CreditCard}

// peopleHasher hashes person keys for one File (one goroutine).
type peopleHasher struct{ mac hash.Hash }

func (p *peopleHasher) sum(parts ...string) uint64 {
	if p.mac == nil {
		p.mac = hmac.New(sha256.New, peopleKey())
	}
	p.mac.Reset()
	for _, s := range parts {
		p.mac.Write([]byte(s))
		p.mac.Write([]byte{0})
	}
	var b [sha256.Size]byte
	return binary.BigEndian.Uint64(p.mac.Sum(b[:0]))
}

// rowPerson is the key of the person a table row is about.
func (p *peopleHasher) rowPerson(hits []cellHit) uint64 {
	for _, c := range personOrder {
		for _, h := range hits {
			if h.cat == c {
				return p.sum(string(c), personNorm(h))
			}
		}
	}
	parts := make([]string, 0, 2*len(hits))
	for _, h := range hits {
		parts = append(parts, string(h.cat)+"="+h.norm)
	}
	slices.Sort(parts)
	return p.sum(parts...)
}

// personNorm drops the spaces between family and given name, so that
// 山田 太郎 and 山田太郎 are one person.
func personNorm(h cellHit) string {
	if h.cat != PersonName {
		return h.norm
	}
	return strings.Join(strings.Fields(h.norm), "")
}

// addPerson records one person of the file, up to maxDistinct of them.
func (f *File) addPerson(set *map[uint64]struct{}, k uint64) {
	if *set == nil {
		*set = map[uint64]struct{}{}
	}
	if len(*set) < maxDistinct {
		(*set)[k] = struct{}{}
	}
}
