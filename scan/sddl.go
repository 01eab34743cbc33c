package scan

import (
	"errors"
	"strconv"
	"strings"
)

// A Windows security descriptor in its SDDL string form, as
// ConvertSecurityDescriptorToStringSecurityDescriptor writes it:
//
//	O:BAG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;0x1200a9;;;BU)
//
// The parsing is portable so that it is tested on every platform; only
// reading the descriptor needs Windows (exposure_windows.go).

// SDDL is the parts of a security descriptor that exposure needs.
type SDDL struct {
	Owner    string // owner SID as written: an alias ("BA") or "S-1-5-..."
	Group    string // primary group SID as written
	HasDACL  bool   // a D: part was present
	NullDACL bool   // D:NO_ACCESS_CONTROL: no DACL at all, so everyone has full access
	DACL     string // the D: part as written, flags and ACEs
	ACEs     []ACE  // the DACL's entries, in order
}

// ACE is one access control entry of a DACL.
type ACE struct {
	Type  string // "A" allow, "D" deny, "OA", "OD", "XA", "XD", ...
	Flags string // inheritance flags as written: "OICIID", "IO", ...
	Mask  uint32 // access rights, generic rights left unmapped
	SID   string // trustee as written: an alias ("WD") or "S-1-..."
}

// errSDDL is returned for a string that is not SDDL.
var errSDDL = errors.New("scan: malformed SDDL")

// Access mask bits (winnt.h) that decide whether a file can be read.
const (
	fileReadData  = 0x00000001 // FILE_READ_DATA: the file's contents
	genericAll    = 0x10000000 // GENERIC_ALL
	genericRead   = 0x80000000 // GENERIC_READ; maps to FILE_GENERIC_READ on files
	readDataRight = fileReadData | genericAll | genericRead
)

// sddlRights maps the two-letter access right codes of SDDL to masks.
// On files Windows writes FA, FR, FW, FX or a hex mask; the directory
// service and registry codes share bits with file rights (CC is bit 0,
// FILE_READ_DATA) and are listed so that any descriptor parses.
var sddlRights = map[string]uint32{
	"GA": 0x10000000, "GR": 0x80000000, "GW": 0x40000000, "GX": 0x20000000,
	"RC": 0x00020000, "SD": 0x00010000, "WD": 0x00040000, "WO": 0x00080000,
	"FA": 0x001F01FF, "FR": 0x00120089, "FW": 0x00120116, "FX": 0x001200A0,
	"KA": 0x000F003F, "KR": 0x00020019, "KW": 0x00020006, "KX": 0x00020019,
	"CC": 0x00000001, "DC": 0x00000002, "LC": 0x00000004, "SW": 0x00000008,
	"RP": 0x00000010, "WP": 0x00000020, "DT": 0x00000040, "LO": 0x00000080,
	"CR": 0x00000100,
	"NR": 0x00000001, "NW": 0x00000002, "NX": 0x00000004, // mandatory label rights
}

// ParseSDDL parses a security descriptor string. Unknown parts (the SACL,
// resource attributes) are skipped; an ACE it cannot read is an error,
// since guessing at access would be worse than saying nothing.
func ParseSDDL(s string) (SDDL, error) {
	var sd SDDL
	for s != "" {
		if len(s) < 2 || s[1] != ':' {
			return SDDL{}, errSDDL
		}
		tag := s[0]
		body, rest := sddlPart(s[2:])
		s = rest
		switch tag {
		case 'O':
			sd.Owner = body
		case 'G':
			sd.Group = body
		case 'D':
			if err := sd.parseDACL(body); err != nil {
				return SDDL{}, err
			}
		case 'S': // the SACL: audit entries, no access
		default:
			return SDDL{}, errSDDL
		}
	}
	return sd, nil
}

// sddlPart splits off one part's body: it ends where the next "X:" tag
// begins outside parentheses and quotes.
func sddlPart(s string) (body, rest string) {
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && i+1 < len(s) && s[i+1] == ':' && c >= 'A' && c <= 'Z':
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// parseDACL reads "PAI(A;;FA;;;SY)(...)" or "NO_ACCESS_CONTROL".
func (sd *SDDL) parseDACL(body string) error {
	sd.HasDACL, sd.DACL = true, "D:"+body
	flags, aces, _ := strings.Cut(body, "(")
	if strings.Contains(flags, "NO_ACCESS_CONTROL") {
		sd.NullDACL = true
		return nil
	}
	if aces == "" {
		return nil // an empty DACL: nobody has access
	}
	for _, raw := range splitACEs("(" + aces) {
		a, err := parseACE(raw)
		if err != nil {
			return err
		}
		sd.ACEs = append(sd.ACEs, a)
	}
	return nil
}

// splitACEs returns the bodies of "(...)(...)", respecting nested
// parentheses and quotes (conditional and resource-attribute ACEs).
func splitACEs(s string) []string {
	var out []string
	depth, start, quoted := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				out = append(out, s[start:i])
			}
		}
	}
	if depth != 0 {
		out = append(out, "") // unbalanced: let parseACE reject it
	}
	return out
}

// parseACE reads "type;flags;rights;object;inherited object;sid[;...]".
func parseACE(s string) (ACE, error) {
	f := strings.SplitN(s, ";", 7)
	if len(f) < 6 || f[0] == "" {
		return ACE{}, errSDDL
	}
	mask, err := parseRights(f[2])
	if err != nil {
		return ACE{}, err
	}
	return ACE{Type: f[0], Flags: f[1], Mask: mask, SID: f[5]}, nil
}

// parseRights reads a hex (or decimal, or octal) mask or a run of
// two-letter codes.
func parseRights(s string) (uint32, error) {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		v, err := strconv.ParseUint(s, 0, 32)
		if err != nil {
			return 0, errSDDL
		}
		return uint32(v), nil
	}
	if len(s)%2 != 0 {
		return 0, errSDDL
	}
	var m uint32
	for i := 0; i < len(s); i += 2 {
		r, ok := sddlRights[s[i:i+2]]
		if !ok {
			return 0, errSDDL
		}
		m |= r
	}
	return m, nil
}

// ReadableByAll reports whether an ordinary user, one who is only in the
// groups every account is in, may read the file's contents. Windows checks
// ACEs in order and the first that allows or denies FILE_READ_DATA
// decides, so this does the same for a token holding the broad groups
// (broadSID). ACEs that only pass on to children (IO) do not apply to the
// file; conditional ACEs (XA, XD) are not evaluated and are skipped. A
// NULL DACL lets everyone in.
func (sd SDDL) ReadableByAll() bool {
	if !sd.HasDACL {
		return false // not read: unknown, not open
	}
	if sd.NullDACL {
		return true
	}
	for _, a := range sd.ACEs {
		if strings.Contains(a.Flags, "IO") || a.Mask&readDataRight == 0 || !broadSID(a.SID) {
			continue
		}
		switch a.Type {
		case "A", "OA":
			return true
		case "D", "OD":
			return false
		}
	}
	return false
}

// broadSIDs are the trustees that stand for every user, or for anyone at
// all: Everyone (WD), Authenticated Users (AU), BUILTIN\Users (BU), Domain
// Users (DU), Interactive (IU) and Network (NU) logons, and the guest and
// anonymous identities (BG, DG, AN), to which granting read means granting
// it without a password.
var broadSIDs = map[string]bool{
	"WD": true, "S-1-1-0": true,
	"AU": true, "S-1-5-11": true,
	"BU": true, "S-1-5-32-545": true,
	"DU": true,
	"IU": true, "S-1-5-4": true,
	"NU": true, "S-1-5-2": true,
	"BG": true, "S-1-5-32-546": true,
	"DG": true,
	"AN": true, "S-1-5-7": true,
}

// broadSID reports whether sid is one of broadSIDs, or a domain's Users
// (RID 513) or Guests (RID 514) group written out in full.
func broadSID(sid string) bool {
	if broadSIDs[sid] {
		return true
	}
	if !strings.HasPrefix(sid, "S-1-5-21-") {
		return false
	}
	return strings.HasSuffix(sid, "-513") || strings.HasSuffix(sid, "-514")
}
