// Command names writes the person-name entries of the IPA dictionary
// (mecab-ipadic-2.7.0-20070801, as shipped in github.com/ikawaha/kagome-dict/ipa)
// into detect/data: surnames.txt (名詞,固有名詞,人名,姓) and given_names.txt
// (名詞,固有名詞,人名,名), one "surface<TAB>reading" a line, sorted and
// without duplicates. Surfaces written only in katakana are left out: they
// are mostly foreign names, and katakana is matched by reading anyway.
//
// It is a module of its own so that mamori never depends on the dictionary:
//
//	cd detect/gen/names && go run . -out ../../data
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/ikawaha/kagome-dict/ipa"
)

func main() {
	out := flag.String("out", "../../data", "directory to write the name lists to")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "names:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	lists := map[string][]string{}
	d := ipa.Dict()
	for i, c := range d.Contents {
		pos := d.POSTable.POSs[i]
		if len(pos) < 4 || len(c) < 4 {
			continue
		}
		name := d.POSTable.NameList
		if name[pos[0]] != "名詞" || name[pos[1]] != "固有名詞" || name[pos[2]] != "人名" {
			continue
		}
		// Contents hold the features after the POS: 活用型, 活用形, 基本形, 読み, 発音.
		surface, reading := c[2], c[3]
		if allKatakana(surface) || reading == "" || reading == "*" {
			continue
		}
		switch name[pos[3]] {
		case "姓":
			lists["surnames.txt"] = append(lists["surnames.txt"], surface+"\t"+reading)
		case "名":
			lists["given_names.txt"] = append(lists["given_names.txt"], surface+"\t"+reading)
		}
	}
	for file, lines := range lists {
		slices.Sort(lines)
		lines = slices.Compact(lines)
		if err := write(filepath.Join(out, file), lines); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "names: %s: %d entries\n", file, len(lines))
	}
	return nil
}

func allKatakana(s string) bool {
	for _, r := range s {
		if (r < 0x30A1 || r > 0x30FA) && r != 0x30FC {
			return false
		}
	}
	return true
}

func write(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("failed to create %s: %w", path, err)
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	return nil
}
