package detect_test

import (
	"fmt"
	"unicode/utf8"

	"mamori/detect"
)

// FindText reports byte offsets into the folded text; counted in runes they
// hold for the original text too. Values are printed only masked.
func ExampleDetector_FindText() {
	d := detect.New(detect.Builtin())
	text := "山田太郎（平成22年4月1日生）ＴＥＬ：０９０－１２３４－５６７８ taro@example.jp"
	folded, matches := d.FindText(text, nil)
	for _, m := range matches {
		r, _ := d.Rule(m.Rule)
		fmt.Printf("%-10s %-16s at rune %d\n", m.Category, r.Mask(m.Value), utf8.RuneCountInString(folded[:m.Start]))
	}
	// Output:
	// birth_date 20**-**-**       at rune 5
	// phone      090-****-5678    at rune 20
	// email      t***@e******.jp  at rune 34
}
