package scan

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// SMBConf is what exposure needs from a Samba configuration: the shares
// that export a directory, and notes on what was not understood.
type SMBConf struct {
	Shares []SMBShare
	Notes  []string // lines ignored (include, %-substituted paths, ...), for the CLI to show
}

// SMBShare is one share section of smb.conf.
type SMBShare struct {
	Name       string   // section name, as written
	Path       string   // the directory shared, cleaned
	Guest      bool     // guest ok (or its synonym public): no password needed
	Writable   bool     // read only = no (or writable = yes)
	ValidUsers []string // valid users: only these users and @groups may connect; empty means any account
	Hidden     bool     // browseable = no: not listed, but reachable by name
}

// maxSMBConfLine bounds one logical line (continuations joined).
const maxSMBConfLine = 64 << 10

// LoadSMBConf reads and parses the smb.conf at path.
func LoadSMBConf(path string) (*SMBConf, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open smb.conf %s: %w", path, err)
	}
	defer f.Close()
	c, err := ParseSMBConf(f)
	if err != nil {
		return nil, fmt.Errorf("failed to read smb.conf %s: %w", path, err)
	}
	return c, nil
}

// ParseSMBConf parses smb.conf as Samba does: sections in brackets,
// "name = value" lines whose names ignore case and spaces, comments
// starting with # or ;, and a trailing backslash continuing a line.
// [global] values are the defaults of every share; [homes] and [printers]
// and printable shares are skipped (they share per-user or spool
// directories, not a tree that is scanned); include and config file are
// not followed, and say so in Notes.
func ParseSMBConf(r io.Reader) (*SMBConf, error) {
	p := smbParser{conf: &SMBConf{}, global: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxSMBConfLine)
	var logical strings.Builder
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasSuffix(line, `\`) {
			logical.WriteString(strings.TrimSuffix(line, `\`))
			logical.WriteByte(' ')
			continue
		}
		logical.WriteString(line)
		p.line(logical.String())
		logical.Reset()
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	p.line(logical.String())
	p.flush()
	return p.conf, nil
}

// smbParser is the state of one ParseSMBConf.
type smbParser struct {
	conf    *SMBConf
	global  map[string]string
	section string            // current section name, as written; "" before the first
	params  map[string]string // current share's parameters; nil in [global]
}

func (p *smbParser) line(s string) {
	switch {
	case s == "" || s[0] == '#' || s[0] == ';':
	case s[0] == '[':
		p.flush()
		name, _, _ := strings.Cut(s[1:], "]")
		p.section = strings.TrimSpace(name)
		p.params = nil
		if !strings.EqualFold(p.section, "global") {
			p.params = map[string]string{}
		}
	default:
		p.param(s)
	}
}

// param records "name = value" in the current section.
func (p *smbParser) param(s string) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return
	}
	key, val := smbKey(k), strings.TrimSpace(v)
	if a, ok := smbSynonyms[key]; ok {
		key = a.key
		if a.inverse {
			val = smbNot(val)
		}
	}
	if key == "include" || key == "configfile" || key == "copy" {
		p.conf.Notes = append(p.conf.Notes, fmt.Sprintf("[%s] %s = %s not followed", p.section, strings.TrimSpace(k), val))
		return
	}
	if p.params == nil {
		p.global[key] = val
		return
	}
	p.params[key] = val
}

// smbSynonyms are the parameter names Samba takes for another, some with
// the opposite sense: writable = yes is read only = no.
var smbSynonyms = map[string]struct {
	key     string
	inverse bool
}{
	"public":    {"guestok", false},
	"browsable": {"browseable", false},
	"writable":  {"readonly", true},
	"writeable": {"readonly", true},
	"writeok":   {"readonly", true},
	"printok":   {"printable", false},
}

// smbNot inverts a Samba boolean; anything else is kept as it is.
func smbNot(v string) string {
	switch strings.ToLower(v) {
	case "yes", "true", "1", "on":
		return "no"
	case "no", "false", "0", "off":
		return "yes"
	}
	return v
}

// smbKey normalises a parameter name: Samba ignores case and spaces.
func smbKey(k string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(k), " ", ""))
}

// flush turns the section just read into a share, when it is one.
func (p *smbParser) flush() {
	if p.params == nil {
		return
	}
	name := p.section
	get := func(k string) (string, bool) {
		if v, ok := p.params[k]; ok {
			return v, true
		}
		v, ok := p.global[k]
		return v, ok
	}
	switch {
	case strings.EqualFold(name, "homes") || strings.EqualFold(name, "printers"):
		return
	case smbBool(get, false, "printable"):
		return
	case !smbBool(get, true, "available"):
		return
	}
	path, _ := get("path")
	switch {
	case path == "":
		return
	case strings.Contains(path, "%"):
		p.conf.Notes = append(p.conf.Notes, fmt.Sprintf("[%s] path %s varies by user or machine; not matched", name, path))
		return
	}
	users, _ := get("validusers")
	p.conf.Shares = append(p.conf.Shares, SMBShare{
		Name:       name,
		Path:       filepath.Clean(path),
		Guest:      smbBool(get, false, "guestok"),
		Writable:   !smbBool(get, true, "readonly"),
		ValidUsers: splitUsers(users),
		Hidden:     !smbBool(get, true, "browseable"),
	})
}

// splitUsers splits a list of users and @groups at commas and spaces
// outside double quotes ("@DOMAIN\Domain Users"); nil for none.
func splitUsers(v string) []string {
	var users []string
	var cur strings.Builder
	quoted := false
	end := func() {
		if cur.Len() > 0 {
			users = append(users, cur.String())
			cur.Reset()
		}
	}
	for _, r := range v {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == ' ' || r == '\t'):
			end()
		default:
			cur.WriteRune(r)
		}
	}
	end()
	return users
}

// smbBool reads parameter key as a Samba boolean (yes, no, true, false,
// 1, 0, on, off); def when it is not set or not a boolean.
func smbBool(get func(string) (string, bool), def bool, key string) bool {
	v, _ := get(key)
	switch strings.ToLower(v) {
	case "yes", "true", "1", "on":
		return true
	case "no", "false", "0", "off":
		return false
	}
	return def
}

// shareOf returns the share whose path is the longest prefix of the
// absolute, cleaned path p, on a path-component boundary.
func (c *SMBConf) shareOf(p string) *SMBShare {
	if c == nil {
		return nil
	}
	var best *SMBShare
	for i := range c.Shares {
		s := &c.Shares[i]
		if underDir(p, s.Path) && (best == nil || len(s.Path) > len(best.Path)) {
			best = s
		}
	}
	return best
}

// underDir reports whether p is dir or inside it.
func underDir(p, dir string) bool {
	if !strings.HasPrefix(p, dir) {
		return false
	}
	return len(p) == len(dir) || os.IsPathSeparator(p[len(dir)]) || os.IsPathSeparator(dir[len(dir)-1])
}
