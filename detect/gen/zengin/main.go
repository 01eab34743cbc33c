// Command zengin builds detect/data/zengin.txt, the bank and branch
// list the bank_account rule validates against, from the npm package
// zengin-code (MIT, https://github.com/zengin-code/zengin-js; the data is
// the public 全国銀行協会 (Zengin) bank and branch code list).
//
// It is a module of its own so that nothing it needs reaches mamori's
// go.mod. Fetch and extract the package outside the repository, then run
// the generator from this directory:
//
//	cd /tmp && npm pack zengin-code && mkdir -p zengin-code && tar xzf zengin-code-*.tgz -C zengin-code
//	cd detect/gen/zengin && go run . -pkg /tmp/zengin-code/package -out ../../data/zengin.txt
//
// The output is UTF-8 text (gzip-compressed when -out ends in .gz; the
// text is under 1 MB, so the repository keeps it plain and diffable), one
// record a line, banks and their branches in code order:
//
//	# comment lines (source, version, counts)
//	0128<TAB>群馬<TAB>グンマ          a bank: 4-digit code, name, kana
//	101<TAB>竪町<TAB>タツマチ         a branch of the bank above: 3-digit code, name, kana
//
// Names are as the list writes them (銀行 is implied for banks; 信金, 信組,
// 農協 ... are abbreviated), width-folded (全角英数 to ASCII). Kana are the
// list's full-width katakana, with small kana written large as bank files
// do. Update the data by running the commands again with a newer package
// and update the version in detect/data/ZENGIN-LICENSE.txt.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

type branch struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Kana string `json:"kana"`
}

type bank struct {
	Code     string            `json:"code"`
	Name     string            `json:"name"`
	Kana     string            `json:"kana"`
	Branches map[string]branch `json:"branches"`
}

func main() {
	pkg := flag.String("pkg", "", "directory of the extracted zengin-code npm package (holds package.json and lib/)")
	out := flag.String("out", "../../data/zengin.txt", "output file (.gz: gzip-compressed)")
	flag.Parse()
	if *pkg == "" {
		fmt.Fprintln(os.Stderr, "zengin: -pkg is required")
		os.Exit(2)
	}
	if err := run(*pkg, *out); err != nil {
		fmt.Fprintln(os.Stderr, "zengin:", err)
		os.Exit(1)
	}
}

func run(pkg, out string) error {
	version, err := packageVersion(pkg)
	if err != nil {
		return err
	}
	banks, err := readBanks(filepath.Join(pkg, "lib", "zengin-data.js"))
	if err != nil {
		return err
	}
	text, nb, nbr := render(banks, version)
	data := text
	if strings.HasSuffix(out, ".gz") {
		var gz bytes.Buffer
		w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		w.Write(text)
		if err := w.Close(); err != nil {
			return fmt.Errorf("failed to compress: %w", err)
		}
		data = gz.Bytes()
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("failed to write %s: %w", out, err)
	}
	fmt.Printf("zengin-code %s: %d banks, %d branches, %d bytes of text, %d bytes written to %s\n",
		version, nb, nbr, len(text), len(data), out)
	return nil
}

func packageVersion(pkg string) (string, error) {
	b, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err != nil {
		return "", fmt.Errorf("failed to read package.json: %w", err)
	}
	var p struct {
		Name, Version, License string
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return "", fmt.Errorf("failed to parse package.json: %w", err)
	}
	if p.Name != "zengin-code" || p.License != "MIT" {
		return "", fmt.Errorf("%s is %s (%s), want zengin-code (MIT)", pkg, p.Name, p.License)
	}
	return p.Version, nil
}

// readBanks parses lib/zengin-data.js, "module.exports = {...};".
func readBanks(path string) (map[string]bank, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", path, err)
	}
	start, end := bytes.IndexByte(b, '{'), bytes.LastIndexByte(b, '}')
	if start < 0 || end < start {
		return nil, fmt.Errorf("failed to find the data object in %s", path)
	}
	var banks map[string]bank
	if err := json.Unmarshal(b[start:end+1], &banks); err != nil {
		return nil, fmt.Errorf("failed to parse %s: %w", path, err)
	}
	return banks, nil
}

func render(banks map[string]bank, version string) (text []byte, nb, nbr int) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Zengin bank and branch codes from the npm package zengin-code %s (MIT); see ZENGIN-LICENSE.txt\n", version)
	fmt.Fprintf(&b, "# bank: code<TAB>name<TAB>kana; branch of the bank above: code<TAB>name<TAB>kana\n")
	for _, code := range sortedKeys(banks) {
		bk := banks[code]
		if !digits(code, 4) {
			continue
		}
		nb++
		fmt.Fprintf(&b, "%s\t%s\t%s\n", code, clean(bk.Name), kana(bk.Kana))
		for _, bc := range sortedKeys(bk.Branches) {
			br := bk.Branches[bc]
			if !digits(bc, 3) {
				continue
			}
			nbr++
			fmt.Fprintf(&b, "%s\t%s\t%s\n", bc, clean(br.Name), kana(br.Kana))
		}
	}
	return b.Bytes(), nb, nbr
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// clean width-folds full-width ASCII and the ideographic space, and drops
// tabs and newlines, which the format uses.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return -1
		case r == 0x3000:
			return ' '
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		}
		return r
	}, strings.TrimSpace(s))
}

// small maps small kana to the large ones bank files write.
var small = strings.NewReplacer("ァ", "ア", "ィ", "イ", "ゥ", "ウ", "ェ", "エ", "ォ", "オ",
	"ッ", "ツ", "ャ", "ヤ", "ュ", "ユ", "ョ", "ヨ", "ヮ", "ワ")

func kana(s string) string { return small.Replace(clean(s)) }
