package encrypt_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"filippo.io/age"

	"mamori/encrypt"
	"mamori/report"
)

// Encrypt the files a scan found; each becomes NAME.age and the original
// goes once the .age is synced and verified.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "mamori-example")
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "名簿.csv")
	os.WriteFile(p, []byte("山田 太郎,090-1234-5678\n"), 0o640)

	id, _ := age.GenerateX25519Identity()
	rs, _ := encrypt.ParseRecipients([]string{id.Recipient().String()}, nil)
	sum, err := encrypt.Run(context.Background(), []string{p}, encrypt.Options{
		Recipients: rs,
		Progress:   func(e report.ManifestEntry) { fmt.Println(e.Result, filepath.Base(e.Output), e.Verified) },
	})
	fmt.Println(sum.Encrypted, err)
	// Output:
	// encrypted 名簿.csv.age header
	// 1 <nil>
}
