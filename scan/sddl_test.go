package scan

import "testing"

func TestParseSDDLReadableByAll(t *testing.T) {
	tests := map[string]struct {
		sddl  string
		owner string
		world bool
	}{
		// The example of the issue: BUILTIN\Users may read and execute.
		"users read and execute": {
			sddl:  "O:BAG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;0x1200a9;;;BU)",
			owner: "BA", world: true,
		},
		// A file under a user's profile: SYSTEM, Administrators and the owner.
		"owner only, inherited": {
			sddl:  "O:S-1-5-21-1004336348-1177238915-682003330-1001G:S-1-5-21-1004336348-1177238915-682003330-513D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;FA;;;S-1-5-21-1004336348-1177238915-682003330-1001)",
			owner: "S-1-5-21-1004336348-1177238915-682003330-1001",
		},
		// C:\Users\Public: Users read, CREATOR OWNER full on children only.
		"public folder": {
			sddl:  "O:SYG:SYD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)(A;OICIIOID;GA;;;CO)",
			owner: "SY", world: true,
		},
		"authenticated users modify": {sddl: "D:AI(A;ID;0x1301bf;;;AU)(A;ID;FA;;;SY)", world: true},
		"everyone full":              {sddl: "D:(A;;FA;;;WD)", world: true},
		"everyone generic read":      {sddl: "D:(A;;GR;;;WD)", world: true},
		"everyone generic all":       {sddl: "D:(A;;GA;;;WD)", world: true},
		"domain users alias":         {sddl: "D:(A;;FR;;;DU)", world: true},
		"domain users rid 513":       {sddl: "D:(A;;FR;;;S-1-5-21-3623811015-3361044348-30300820-513)", world: true},
		"domain admins rid 512":      {sddl: "D:(A;;FR;;;S-1-5-21-3623811015-3361044348-30300820-512)"},
		"guests":                     {sddl: "D:(A;;FR;;;BG)", world: true},
		"anonymous":                  {sddl: "D:(A;;FR;;;AN)", world: true},
		"full SID of everyone":       {sddl: "D:(A;;FR;;;S-1-1-0)", world: true},
		"upper-case hex mask":        {sddl: "D:(A;;0X120089;;;BU)", world: true},
		"decimal mask":               {sddl: "D:(A;;1179817;;;BU)", world: true},
		// Rights that do not include FILE_READ_DATA.
		"execute only":               {sddl: "D:(A;;FX;;;WD)"},
		"generic execute":            {sddl: "D:(A;;GX;;;WD)"},
		"write only":                 {sddl: "D:(A;;FW;;;WD)"},
		"read attributes only":       {sddl: "D:(A;;0x120080;;;WD)"},
		"inherit only":               {sddl: "D:(A;OICIIO;GA;;;WD)"},
		"deny before allow":          {sddl: "D:(D;;FR;;;WD)(A;;FA;;;WD)"},
		"deny after allow":           {sddl: "D:(A;;FA;;;WD)(D;;FR;;;WD)", world: true},
		"deny write, allow read":     {sddl: "D:(D;;FW;;;WD)(A;;FR;;;WD)", world: true},
		"deny of another group":      {sddl: "D:(D;;FA;;;S-1-5-21-1-2-3-1105)(A;;FR;;;AU)", world: true},
		"deny users, allow everyone": {sddl: "D:(D;;GR;;;BU)(A;;FR;;;WD)"},
		"null DACL":                  {sddl: "O:BAD:NO_ACCESS_CONTROL", owner: "BA", world: true},
		"empty DACL":                 {sddl: "O:BAG:BAD:P", owner: "BA"},
		"no DACL given":              {sddl: "O:BAG:BA", owner: "BA"},
		// Conditional ACEs are not evaluated; their parentheses must not
		// confuse the parser.
		"conditional allow": {sddl: "D:(XA;;FR;;;WD;(Member_of {SID(BA)}))(A;;FA;;;SY)"},
		// The directory-service example of the SDDL documentation, with a
		// SACL: Authenticated Users get RPLCRC, which is no FILE_READ_DATA.
		"ds object with SACL": {
			sddl:  "O:DAG:DAD:(A;;RPWPCCDCLCRCWOWDSDSW;;;SY)(A;;RPWPCCDCLCRCWOWDSDSW;;;DA)(OA;;CCDC;bf967aba-0de6-11d0-a285-00aa003049e2;;AO)(OA;;CCDC;bf967a9c-0de6-11d0-a285-00aa003049e2;;AO)(A;;RPLCRC;;;AU)S:(AU;SAFA;WDWOSDWPCCDCSW;;;WD)",
			owner: "DA",
		},
		"resource attribute in SACL": {
			sddl: `D:(A;;FA;;;BA)S:(RA;;;;;WD;("Project",TS,0,"Windows","SQL"))`,
		},
		"documentation example, nobody": {sddl: "O:AOG:DAD:(A;;RPWPCCDCLCSWRCWDWOGA;;;S-1-0-0)", owner: "AO"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			sd, err := ParseSDDL(tt.sddl)
			if err != nil {
				t.Fatalf("ParseSDDL(%q): %v", tt.sddl, err)
			}
			if sd.Owner != tt.owner {
				t.Errorf("owner = %q, want %q", sd.Owner, tt.owner)
			}
			if got := sd.ReadableByAll(); got != tt.world {
				t.Errorf("ReadableByAll = %v, want %v (ACEs %+v)", got, tt.world, sd.ACEs)
			}
		})
	}
}

func TestParseSDDLParts(t *testing.T) {
	sd, err := ParseSDDL("O:BAG:SYD:PAI(A;;FA;;;SY)(A;OICI;0x1200a9;;;BU)S:AI(AU;SA;FA;;;WD)")
	if err != nil {
		t.Fatal(err)
	}
	if sd.Group != "SY" || sd.DACL != "D:PAI(A;;FA;;;SY)(A;OICI;0x1200a9;;;BU)" {
		t.Errorf("group %q, DACL %q", sd.Group, sd.DACL)
	}
	want := []ACE{{Type: "A", Mask: 0x1F01FF, SID: "SY"}, {Type: "A", Flags: "OICI", Mask: 0x1200a9, SID: "BU"}}
	if len(sd.ACEs) != len(want) {
		t.Fatalf("ACEs = %+v, want %+v", sd.ACEs, want)
	}
	for i := range want {
		if sd.ACEs[i] != want[i] {
			t.Errorf("ACE %d = %+v, want %+v", i, sd.ACEs[i], want[i])
		}
	}
}

func TestParseSDDLRejects(t *testing.T) {
	for name, s := range map[string]string{
		"unknown right":  "D:(A;;ZZ;;;WD)",
		"odd rights":     "D:(A;;FAF;;;WD)",
		"bad hex":        "D:(A;;0xZZ;;;WD)",
		"too few fields": "D:(A;;FA;;WD)",
		"unbalanced":     "D:(A;;FA;;;WD",
		"unknown part":   "X:BA",
		"no tag":         "BA",
		"empty type":     "D:(;;FA;;;WD)",
	} {
		t.Run(name, func(t *testing.T) {
			if sd, err := ParseSDDL(s); err == nil {
				t.Errorf("ParseSDDL(%q) = %+v, want an error", s, sd)
			}
		})
	}
}

func FuzzParseSDDL(f *testing.F) {
	for _, s := range []string{
		"O:BAG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;0x1200a9;;;BU)",
		"D:NO_ACCESS_CONTROL",
		"D:(XA;;FR;;;WD;(Member_of {SID(BA)}))",
		`S:(RA;;;;;WD;("Project",TS,0,"Windows","SQL"))`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sd, err := ParseSDDL(s)
		if err != nil {
			return
		}
		sd.ReadableByAll() // must not panic
		if sd.NullDACL && !sd.ReadableByAll() {
			t.Errorf("%q: a NULL DACL must be open to all", s)
		}
	})
}
