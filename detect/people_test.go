package detect

import (
	"slices"
	"testing"

	"mamori/scan"
)

// TestPeopleAcrossFiles: a pupil in two exports is one person; rows about
// the same person in one file are one person; other pupils are others.
func TestPeopleAcrossFiles(t *testing.T) {
	a := feed(t, []string{
		"氏名,電話番号,生年月日",
		"山田 太郎,090-1234-5678,2010/04/01",
		"佐藤 花子,080-2345-6789,2010/05/02",
		"山田太郎,090-1234-5678,2010/04/01", // the same pupil, written without the space
		"鈴木 一郎,070-3456-7890,2010/06/03",
		"高橋 美咲,090-4567-8901,2010/07/04",
		"田中 健太,080-5678-9012,2010/08/05",
	})
	if a.Subjects != 6 || len(a.People) != 5 {
		t.Errorf("roster: %d subjects, %d people; want 6 rows about 5 people", a.Subjects, len(a.People))
	}
	b := feed(t, []string{
		"氏名,アレルギー",
		"山田 太郎,卵",
		"伊藤 翔太,小麦",
		"渡辺 結衣,そば",
		"中村 大輝,乳",
		"小林 さくら,落花生",
	})
	shared := 0
	for _, k := range b.People {
		if slices.Contains(a.People, k) {
			shared++
		}
	}
	if shared != 1 {
		t.Errorf("people in both files: %d, want 1 (山田 太郎)", shared)
	}
}

// TestPeopleInProse: the people of a letter are its distinct names.
func TestPeopleInProse(t *testing.T) {
	f := New(Builtin()).NewFile()
	f.Text("保護者 山田 花子 様\n山田 花子 様には先日お伝えしました。佐藤 次郎 様にもご連絡ください。", scan.Loc{Line: 1, Col: 1})
	res := f.Result()
	if len(res.People) != 2 {
		t.Errorf("people in the letter: %d, want 2", len(res.People))
	}
}

// TestPeopleKeysAreKeyed: the key is not a plain hash of the name, and a
// person's key does not depend on the file.
func TestPeopleKeysAreKeyed(t *testing.T) {
	var p, q peopleHasher
	k := p.sum(string(PersonName), "山田太郎")
	if k != q.sum(string(PersonName), "山田太郎") {
		t.Error("the same person gave two keys in one process")
	}
	if k == p.sum(string(PersonName), "山田次郎") {
		t.Error("two names gave one key")
	}
	if len(peopleKey()) != 32 || slices.Equal(peopleKey(), make([]byte, 32)) {
		t.Error("the people key is not random")
	}
}
