// Command municipalities writes detect/data/municipalities.txt, the list of
// Japanese municipalities (市区町村, with the wards of designated cities and
// the 郡 of towns and villages) the address rule recognises, one
// "prefecture<TAB>municipality" line each, sorted by prefecture code and name.
//
// The source is the postal-code data of the npm package japan-postal-code
// (MIT, github.com/mzp/japan-postal-code), which carries Japan Post's
// KEN_ALL list as zipdata/zip-NNN.js files: {"3710026":[10,"前橋市","大手町"],...},
// the first element being the JIS prefecture code. Every municipality has at
// least one postal code, so the distinct (prefecture, municipality) pairs are
// the full list. Nothing is downloaded into the repository:
//
//	cd /tmp && npm pack japan-postal-code && mkdir -p jpc && tar xzf japan-postal-code-*.tgz -C jpc
//	cd /work/main/detect/gen/municipalities
//	go run . -pkg /tmp/jpc/package -out ../../data/municipalities.txt
//
// This is a module of its own so that the generator adds nothing to mamori's
// build.
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// prefectures by JIS X 0401 code, 1 to 47.
var prefectures = strings.Fields(`北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県
新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県
鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県`)

type entry struct {
	pref int
	name string
}

func main() {
	pkg := flag.String("pkg", "", "extracted japan-postal-code package directory (holding zipdata/)")
	out := flag.String("out", "../../data/municipalities.txt", "file to write")
	flag.Parse()
	if *pkg == "" {
		fmt.Fprintln(os.Stderr, "municipalities: -pkg is required")
		os.Exit(2)
	}
	list, err := read(filepath.Join(*pkg, "zipdata"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "municipalities:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, format(list), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "municipalities:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "municipalities: %d entries written to %s\n", len(list), *out)
}

// read collects the distinct municipalities of every zip-NNN.js file in dir.
func read(dir string) ([]entry, error) {
	files, err := filepath.Glob(filepath.Join(dir, "zip-*.js"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no zip-*.js files in %s", dir)
	}
	seen := map[entry]bool{}
	for _, f := range files {
		if err := readFile(f, seen); err != nil {
			return nil, err
		}
	}
	list := make([]entry, 0, len(seen))
	for e := range seen {
		list = append(list, e)
	}
	slices.SortFunc(list, func(a, b entry) int { return cmp.Or(cmp.Compare(a.pref, b.pref), strings.Compare(a.name, b.name)) })
	return list, nil
}

// readFile parses one JSONP file: zipdata({...});
func readFile(path string, seen map[entry]bool) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("failed to read %s: %w", path, err)
	}
	i, j := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if i < 0 || j < i {
		return fmt.Errorf("failed to parse %s: no zipdata( ... )", path)
	}
	var codes map[string][]any
	if err := json.Unmarshal(b[i+1:j], &codes); err != nil {
		return fmt.Errorf("failed to parse %s: %w", path, err)
	}
	for code, v := range codes {
		e, err := parseEntry(v)
		if err != nil {
			return fmt.Errorf("failed to parse %s, code %s: %w", path, code, err)
		}
		seen[e] = true
	}
	return nil
}

func parseEntry(v []any) (entry, error) {
	if len(v) < 2 {
		return entry{}, errors.New("fewer than two fields")
	}
	p, ok := v[0].(float64)
	name, ok2 := v[1].(string)
	name = strings.TrimSpace(strings.ReplaceAll(name, "\u3000", ""))
	if !ok || !ok2 || p < 1 || p > 47 || p != float64(int(p)) || name == "" {
		return entry{}, fmt.Errorf("bad prefecture %v or municipality %q", v[0], name)
	}
	return entry{int(p), name}, nil
}

func format(list []entry) []byte {
	var b bytes.Buffer
	for _, e := range list {
		fmt.Fprintf(&b, "%s\t%s\n", prefectures[e.pref-1], e.name)
	}
	return b.Bytes()
}
