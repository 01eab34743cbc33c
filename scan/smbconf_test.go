package scan

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// schoolSMBConf is an smb.conf as a school's file server might have it.
const schoolSMBConf = `# Samba configuration
[global]
   workgroup = SCHOOL
   map to guest = Bad User
   Read Only = yes
   include = /etc/samba/shares.conf

[homes]
   comment = Home Directories
   browseable = no
   path = /home

[printers]
   path = /var/spool/samba
   printable = yes

; the share for everyone
[公開]
   path = /srv/share/公開/
   guest ok = yes

[staff]
   path = /srv/share
   valid users = @staff, kocho
   writable = yes

[web]
   comment = the school's \
      web site
   path = /var/www
   public = yes
   browsable = no

[profiles]
   path = /srv/profiles/%U

[off]
   path = /srv/off
   available = no

[print$]
   path = /var/lib/samba/printers
   print ok = no
`

func TestParseSMBConf(t *testing.T) {
	c, err := ParseSMBConf(strings.NewReader(schoolSMBConf))
	if err != nil {
		t.Fatal(err)
	}
	want := []SMBShare{
		{Name: "公開", Path: "/srv/share/公開", Guest: true},
		{Name: "staff", Path: "/srv/share", Writable: true, ValidUsers: []string{"@staff", "kocho"}},
		{Name: "web", Path: "/var/www", Guest: true, Hidden: true},
		{Name: "print$", Path: "/var/lib/samba/printers"},
	}
	if !reflect.DeepEqual(c.Shares, want) {
		t.Errorf("shares:\n got %+v\nwant %+v", c.Shares, want)
	}
	if len(c.Notes) != 2 || !strings.Contains(c.Notes[0], "include") || !strings.Contains(c.Notes[1], "%U") {
		t.Errorf("notes = %q, want the include and the %%U path", c.Notes)
	}
}

func TestParseSMBConfGlobalDefaults(t *testing.T) {
	c, err := ParseSMBConf(strings.NewReader("[global]\nguest ok = yes\nread only = no\n[a]\npath=/a\n[b]\npath=/b\nguestok=no\nwriteable=no\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []SMBShare{{Name: "a", Path: "/a", Guest: true, Writable: true}, {Name: "b", Path: "/b"}}
	if !reflect.DeepEqual(c.Shares, want) {
		t.Errorf("shares:\n got %+v\nwant %+v", c.Shares, want)
	}
}

func TestSplitUsers(t *testing.T) {
	got := splitUsers(`@staff, kocho "@SCHOOL\Domain Users",,`)
	want := []string{"@staff", "kocho", `@SCHOOL\Domain Users`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitUsers = %q, want %q", got, want)
	}
	if splitUsers(" ") != nil {
		t.Error("no users must be nil")
	}
}

func TestSMBConfShareOf(t *testing.T) {
	c, err := ParseSMBConf(strings.NewReader(schoolSMBConf))
	if err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		"/srv/share/公開/2024/行事": "公開", // longest prefix wins over staff
		"/srv/share/公開":         "公開",
		"/srv/share/教務":         "staff",
		"/srv/shared/x":         "", // not under /srv/share
		"/var/www/html":         "web",
		"/home/tanaka":          "", // [homes] is not matched
		"/srv/off/x":            "", // available = no
		"/srv":                  "",
	} {
		got := ""
		if s := c.shareOf(filepath.FromSlash(dir)); s != nil {
			got = s.Name
		}
		if got != want {
			t.Errorf("shareOf(%s) = %q, want %q", dir, got, want)
		}
	}
	var none *SMBConf
	if none.shareOf("/srv") != nil {
		t.Error("a nil SMBConf has no shares")
	}
}

func TestLoadSMBConfMissing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "smb.conf")
	_, err := LoadSMBConf(p)
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("err = %v, want one naming %s", err, p)
	}
	if err := os.WriteFile(p, []byte(schoolSMBConf), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := LoadSMBConf(p); err != nil || len(c.Shares) != 4 {
		t.Errorf("LoadSMBConf = %+v, %v", c, err)
	}
}

func FuzzParseSMBConf(f *testing.F) {
	f.Add(schoolSMBConf)
	f.Add("[a]\npath = /x \\\n y\n[")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseSMBConf(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, sh := range c.Shares {
			if sh.Path == "" || strings.Contains(sh.Path, "%") {
				t.Errorf("share %+v should have been skipped", sh)
			}
			c.shareOf(sh.Path)
		}
	})
}
