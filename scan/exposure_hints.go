package scan

import (
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Words in paths and names that hint at exposure. Names are compared
// width-folded (ＰＵＢＬＩＣ and ﾊﾞｯｸｱｯﾌﾟ match) and, for Latin words,
// case-insensitively and as whole words: a name is split at anything that
// is not a letter or digit, between a lower-case and an upper-case letter
// (oldRoster) and between letters and digits (backup2019), so "bold"
// never hits "old" nor "exporter" "export". Japanese words are written
// without spaces and match inside a longer name, except where a listed
// false friend holds them (非公開 is not 公開, 旧姓 is not 旧).
//
// Folder words (PathHints), checked on every folder from the file system
// root down:
//
//	public, pub, share, shared, shares, everyone,
//	htdocs, www, wwwroot, public_html     (web roots)
//	公開 (not 非公開, 未公開), 共有, 共用,
//	生徒, 児童 (alone, or with 用, 向け, 共有, 配布: 生徒用, 児童向け),
//	保護者 (only 保護者用, 保護者向け, 保護者配布: letters for parents)
//
// Name words (NameHints), checked on the file's own name, extension
// included (名簿.csv.bak), and a name ending in "~" counts as bak:
//
//	export (exports, exported), backup (backups), bak, copy, old,
//	tmp (temp), dump, orig,
//	コピー (not コピー機), 複製, バックアップ, エクスポート, ダンプ,
//	移行 (not 移行支援, 就労移行: transition support plans),
//	旧 (not 旧姓, 旧字, 復旧), 一時 (not 一時金, 一時保育, 一時預かり, 一時保護),
//	退避, 抽出, 出力

// latinWord maps a Latin word (lower case) to the hint it gives.
type latinWord map[string]string

var (
	pathLatin = latinWord{
		"public": "public", "pub": "pub", "share": "share", "shared": "shared", "shares": "shares",
		"everyone": "everyone", "htdocs": "htdocs", "www": "www", "wwwroot": "wwwroot",
	}
	// pathWhole are Latin folder names matched whole, before splitting.
	pathWhole = latinWord{"public_html": "public_html"}

	nameLatin = latinWord{
		"export": "export", "exports": "export", "exported": "export",
		"backup": "backup", "backups": "backup", "bak": "bak", "copy": "copy",
		"old": "old", "tmp": "tmp", "temp": "tmp", "dump": "dump", "orig": "orig",
	}
)

// kanaWord is a Japanese hint word with the longer words it must not be
// part of and, when after is set, the words that must follow it (or, when
// alone is set, it may be the whole name instead).
type kanaWord struct {
	word   string
	except []string
	after  []string
	alone  bool
}

var (
	studentAfter = []string{"用", "向け", "共有", "配布"}

	pathKana = []kanaWord{
		{word: "公開", except: []string{"非公開", "未公開"}},
		{word: "共有"},
		{word: "共用"},
		{word: "生徒", after: studentAfter, alone: true},
		{word: "児童", after: studentAfter, alone: true},
		{word: "保護者", after: []string{"用", "向け", "配布"}},
	}

	nameKana = []kanaWord{
		{word: "コピー", except: []string{"コピー機"}},
		{word: "複製"},
		{word: "バックアップ"},
		{word: "エクスポート"},
		{word: "ダンプ"},
		{word: "移行", except: []string{"移行支援", "就労移行"}},
		{word: "旧", except: []string{"旧姓", "旧字", "復旧"}},
		{word: "一時", except: []string{"一時金", "一時保育", "一時預かり", "一時保護"}},
		{word: "退避"},
		{word: "抽出"},
		{word: "出力"},
	}
)

// pathHints returns the folder words found in the components of the
// absolute folder path dir.
func pathHints(dir string) []string {
	var hints []string
	for dir != "" {
		var comp string
		comp, dir = nextComponent(dir)
		if comp == "" {
			continue
		}
		comp = foldName(comp)
		if h, ok := pathWhole[strings.ToLower(comp)]; ok {
			hints = addHint(hints, h)
			continue
		}
		hints = matchLatin(hints, comp, pathLatin)
		hints = matchKana(hints, comp, pathKana)
	}
	return hints
}

// nextComponent splits off the first element of an OS path.
func nextComponent(p string) (comp, rest string) {
	for i := 0; i < len(p); i++ {
		if os.IsPathSeparator(p[i]) {
			return p[:i], p[i+1:]
		}
	}
	return p, ""
}

// nameHints returns the leftover words found in a file name.
func nameHints(name string) []string {
	name = foldName(name)
	var hints []string
	if strings.HasSuffix(name, "~") {
		hints = addHint(hints, "bak")
	}
	hints = matchLatin(hints, name, nameLatin)
	return matchKana(hints, name, nameKana)
}

// foldName folds full-width Latin to ASCII and half-width kana to
// full-width, composing the voiced marks that folding leaves apart
// (ﾊﾞ becomes バ). Names with nothing to fold are returned as they are.
func foldName(s string) string {
	if !needsFold(s) {
		return s
	}
	s = width.Fold.String(s)
	if strings.ContainsRune(s, '\u3099') || strings.ContainsRune(s, '\u309a') {
		s = norm.NFC.String(s)
	}
	return s
}

// needsFold reports whether s holds a half-width or full-width form
// (U+FF00 to U+FFEF) or an ideographic space, the runes width.Fold changes.
func needsFold(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r >= 0xFF00 && r <= 0xFFEF) || r == 0x3000 {
			return true
		}
		i += n - 1
	}
	return false
}

// maxWord is the longest Latin word worth looking up.
const maxWord = 16

// matchLatin looks every Latin word of s up in words.
func matchLatin(hints []string, s string, words latinWord) []string {
	for start := 0; start < len(s); {
		end := wordEnd(s, start)
		if end == start {
			start++
			continue
		}
		if end-start <= maxWord {
			var buf [maxWord]byte
			w := buf[:end-start]
			for i := range w {
				w[i] = lowerASCII(s[start+i])
			}
			if h, ok := words[string(w)]; ok {
				hints = addHint(hints, h)
			}
		}
		start = end
	}
	return hints
}

// wordEnd returns where the ASCII word starting at s[start] ends: at a
// byte that is not a letter or digit, before an upper-case letter that
// follows a lower-case one, or where letters turn to digits or back.
func wordEnd(s string, start int) int {
	i := start
	for ; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) {
			break
		}
		if i == start {
			continue
		}
		p := s[i-1]
		if isLower(p) && isUpper(c) || isDigit(p) != isDigit(c) {
			break
		}
	}
	return i
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool { return isLower(c) || isUpper(c) || isDigit(c) }
func lowerASCII(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// matchKana looks for every Japanese word of words inside s.
func matchKana(hints []string, s string, words []kanaWord) []string {
	if isASCII(s) {
		return hints
	}
	for _, w := range words {
		if w.found(s) {
			hints = addHint(hints, w.word)
		}
	}
	return hints
}

// found reports whether w occurs in s outside its false friends and, when
// it needs one, followed by one of its after words or alone.
func (w kanaWord) found(s string) bool {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w.word)
		if i < 0 {
			return false
		}
		i += off
		if !w.inException(s, i) && w.followed(s, i) {
			return true
		}
		off = i + len(w.word)
	}
	return false
}

// inException reports whether the occurrence of w at s[i] is part of one
// of its false friends.
func (w kanaWord) inException(s string, i int) bool {
	for _, e := range w.except {
		k := strings.Index(e, w.word)
		if k >= 0 && i-k >= 0 && strings.HasPrefix(s[i-k:], e) && e != w.word {
			return true
		}
	}
	return false
}

// followed reports whether the occurrence at s[i] is followed by one of
// w.after, or is the whole of s when w may stand alone; always true when
// w has no after words.
func (w kanaWord) followed(s string, i int) bool {
	if w.after == nil || w.alone && s == w.word {
		return true
	}
	rest := s[i+len(w.word):]
	for _, a := range w.after {
		if strings.HasPrefix(rest, a) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// addHint appends h unless it is there already.
func addHint(hints []string, h string) []string {
	for _, x := range hints {
		if x == h {
			return hints
		}
	}
	return append(hints, h)
}
