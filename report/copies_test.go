package report

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"mamori/detect"
	"mamori/scan"
)

// people returns n keyed-hash-like values drawn from seed.
func people(seed uint64, n int) []uint64 {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]uint64, n)
	for i := range out {
		out[i] = r.Uint64()
	}
	return out
}

// withPeople is a roster result of the given people.
func withPeople(keys []uint64) *detect.Result {
	res := roster(len(keys))
	res.People = keys
	return res
}

func TestCopies(t *testing.T) {
	school := people(1, 600) // a whole school: sketched, not exact
	class := people(2, 30)   // one class: exact
	mixed := append(slices.Clone(class[:20]), people(3, 10)...)
	cases := map[string]struct {
		earlier [][]uint64
		later   []uint64
		want    string // same_people_as; "" for not a copy
	}{
		"exact copy of a class":         {[][]uint64{class}, slices.Clone(class), "f0.csv"},
		"copy, reordered, one missing":  {[][]uint64{class}, reversed(class[1:]), "f0.csv"},
		"two thirds the same":           {[][]uint64{class}, mixed, ""},
		"unrelated":                     {[][]uint64{class}, people(4, 30), ""},
		"copy of a large file":          {[][]uint64{school}, slices.Clone(school), "f0.csv"},
		"half of a large file":          {[][]uint64{school}, school[:300], "f0.csv"},
		"large file plus strangers":     {[][]uint64{school}, append(slices.Clone(school[:300]), people(5, 300)...), ""},
		"too few people to tell":        {[][]uint64{class[:4]}, class[:4], ""},
		"the best of two earlier files": {[][]uint64{people(6, 30), class}, class, "f1.csv"},
		"superset of an earlier file":   {[][]uint64{class[:10]}, class, ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			col, err := Create(Options{Volume: detect.VolumePublic}, []string{"share"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range c.earlier {
				if rec := col.Add(okFile("f"+string(rune('0'+i))+".csv"), withPeople(e)); rec.SamePeopleAs != "" {
					t.Fatalf("earlier file flagged: %+v", rec)
				}
			}
			rec := col.Add(okFile("later.csv"), withPeople(c.later))
			if rec.SamePeopleAs != c.want {
				t.Errorf("same_people_as = %q, want %q", rec.SamePeopleAs, c.want)
			}
			flagged := rec.Exposure != nil && slices.Contains(rec.Exposure.Reasons, ReasonCopy)
			if flagged != (c.want != "") {
				t.Errorf("exposure %+v: copy reason %v, want %v", rec.Exposure, flagged, c.want != "")
			}
		})
	}
}

func reversed(s []uint64) []uint64 {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

// TestCopyKeepsExposureAndScores: the reason is added to what the scan
// measured (without changing the scan's value), and the score counts it.
func TestCopyKeepsExposureAndScores(t *testing.T) {
	col, _ := Create(Options{Volume: detect.VolumePublic}, []string{"share"}, time.Now())
	class := people(7, 40)
	col.Add(okFile("名簿.csv"), withPeople(class))
	f := okFile("名簿_コピー.csv")
	measured := &scan.Exposure{Mode: "0640", Reasons: []string{scan.ReasonLeftoverName}}
	f.Exposure = measured
	before := NewFileRecord(f, withPeople(class), detect.VolumePublic).Score
	rec := col.Add(f, withPeople(class))
	if got := rec.Exposure.Reasons; !slices.Equal(got, []string{scan.ReasonLeftoverName, ReasonCopy}) || rec.Exposure.Mode != "0640" {
		t.Errorf("exposure = %+v", rec.Exposure)
	}
	if len(measured.Reasons) != 1 {
		t.Errorf("the scan's exposure was changed: %v", measured.Reasons)
	}
	if rec.Score <= before || rec.Score != Score(&rec) {
		t.Errorf("score %d, before %d: copy must weigh", rec.Score, before)
	}
	if rec.SamePeopleAs != "名簿.csv" {
		t.Errorf("same_people_as = %q", rec.SamePeopleAs)
	}
}

// TestCopiesBounded: past copyMaxFiles no file is remembered, and files
// are still compared with those that were.
func TestCopiesBounded(t *testing.T) {
	var c copyFinder
	first := people(8, 10)
	c.remember("r", "first.csv", first)
	for i := range copyMaxFiles + 10 {
		c.remember("r", "x.csv", people(uint64(100+i), copySketch*2))
	}
	if len(c.sketches) != copyMaxFiles {
		t.Errorf("%d sketches remembered, want at most %d", len(c.sketches), copyMaxFiles)
	}
	for _, s := range c.sketches {
		if len(s.keys) > copySketch {
			t.Fatalf("sketch of %d values", len(s.keys))
		}
	}
	if got := c.find("r", first); got != "first.csv" {
		t.Errorf("find = %q after the cap", got)
	}
	if got := c.find("other", first); got != "r/first.csv" {
		t.Errorf("find from another root = %q, want the root named", got)
	}
}
