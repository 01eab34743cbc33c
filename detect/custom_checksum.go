package detect

import "fmt"

// checksum is a check digit test a custom rule may ask for. It reads the
// ASCII digits of a matched value, the last of which is the check digit.
type checksum struct {
	kind    string // "" (none), "mynumber", "luhn", "mod10", "mod11"
	weights []int  // for mod10 and mod11: the weights of the digits before the check digit, from the left
}

// Checksums a rules file may name.
var checksumKinds = []string{"mynumber", "luhn", "mod10", "mod11"}

func newChecksum(kind string, weights []int) (checksum, error) {
	switch kind {
	case "":
		if len(weights) > 0 {
			return checksum{}, fmt.Errorf("weights given without checksum = \"mod10\" or \"mod11\"")
		}
		return checksum{}, nil
	case "mynumber", "luhn":
		if len(weights) > 0 {
			return checksum{}, fmt.Errorf("%s takes no weights", kind)
		}
		return checksum{kind: kind}, nil
	case "mod10", "mod11":
		if len(weights) == 0 {
			return checksum{}, fmt.Errorf("%s needs weights, one for each digit before the check digit", kind)
		}
		for _, w := range weights {
			if w < 0 || w > 100 {
				return checksum{}, fmt.Errorf("weight %d is not 0 to 100", w)
			}
		}
		return checksum{kind: kind, weights: weights}, nil
	}
	return checksum{}, fmt.Errorf("%q is not one of %v", kind, checksumKinds)
}

// ok reports whether the digits of v pass the checksum.
func (c checksum) ok(v string) bool {
	if c.kind == "" {
		return true
	}
	var buf [32]byte
	d := buf[:0]
	for i := 0; i < len(v); i++ {
		if isDigit(v[i]) {
			d = append(d, v[i])
		}
	}
	switch c.kind {
	case "mynumber":
		return myNumberValid(d)
	case "luhn":
		return len(d) >= 2 && luhn(d)
	case "mod10":
		return len(d) == len(c.weights)+1 && c.weighted(d, 10) == int(d[len(d)-1]-'0')
	case "mod11":
		return len(d) == len(c.weights)+1 && c.weighted(d, 11) == int(d[len(d)-1]-'0')
	}
	return false
}

// weighted returns the check digit of the body of d: (m - Σ dᵢwᵢ mod m) mod
// m, with 10 (mod 11) read as 0, the rule of most Japanese codes.
func (c checksum) weighted(d []byte, m int) int {
	sum := 0
	for i, w := range c.weights {
		sum += int(d[i]-'0') * w
	}
	check := (m - sum%m) % m
	if check == 10 {
		check = 0
	}
	return check
}
