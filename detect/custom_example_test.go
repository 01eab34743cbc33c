package detect_test

import (
	"fmt"
	"time"

	"mamori/detect"
)

// A rules file's rule runs in the detector beside the built-in ones.
func ExampleNewWith() {
	cfg, err := detect.ParseRules([]byte(`
[[rule]]
id = "student-id"
category = "custom:student_id"
pattern = '''(?<![0-9A-Z])S\d{7}(?![0-9])'''
keywords = ["学籍番号"]
examples = ["学籍番号 S1234567"]
non_examples = ["S12345678", "型番 S1234567"]
`), "rules.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := detect.NewWith(cfg)
	_, ms := d.FindText("学籍番号：Ｓ１２３４５６７、旧番号 S12345678", nil)
	for _, m := range ms {
		r, _ := d.Rule(m.Rule)
		fmt.Println(m.Rule, m.Category, r.Mask(m.Value))
	}
	// Output:
	// student-id custom:student_id S*******
}

// A bad rules file names the line and the field.
func ExampleParseRules_error() {
	_, err := detect.ParseRules([]byte("[[rule]]\nid = \"x\"\ncategory = \"student\"\npattern = 'x'\n"), "rules.toml")
	fmt.Println(err)
	// Output:
	// rules.toml:3: rule[0].category: category "student" must be a category of CONTRACT.md (person_name, phone, ...) or "custom:<name>" in lower case
}

// An allowlist entry by fingerprint allows one value without naming it.
func ExampleAllowlist() {
	key := []byte("0123456789abcdef0123456789abcdef") // detect.LoadKey reads the admin's key file
	list, _ := detect.NewAllowlist([]detect.AllowEntry{{
		Category:    detect.Phone,
		Fingerprint: detect.Fingerprint(key, "027-224-1111"),
		Reason:      "the school's own number",
	}}, key, time.Now())
	fa := list.ForFile("校務/連絡網.csv")
	fmt.Println(fa.Allows("phone", detect.Phone, "0272241111"), fa.Allows("phone", detect.Phone, "09012345678"))
	fmt.Println(len(list.Unused()))
	// Output:
	// true false
	// 0
}
