package report

import (
	"path/filepath"
	"slices"

	"mamori/detect"
	"mamori/scan"
)

// Copies: a file whose people are mostly the people of a file read earlier
// in the same scan is a copy of the same data (an export, a backup, a
// "for the migration" extract). Such a file gets the exposure reason copy
// and names the earlier file in same_people_as.
//
// The collector remembers, for each file with at least copyMinPeople
// people, a sketch of them: the copySketch smallest of its keyed people
// hashes (a bottom-k MinHash; the hashes are HMAC outputs, so already
// uniform). A file with copySketch people or fewer is remembered exactly.
// A later file B is a copy of an earlier file A when, among B's people
// whose hash is at or below A's largest sketched hash (all of B when A is
// remembered exactly), at least copyShare are in A's sketch, and there are
// at least copyMinSample of them. All of A's people below that bound are
// in the sketch, so this samples B's people uniformly and asks which of
// them A holds. A small extract of a much larger file is seen when it holds
// about copyMinSample/copySketch (8%) of the larger file's people or more;
// below that its sample is too small to judge and it is not flagged.
//
// Memory is bounded: at most copyMaxFiles sketches of copySketch values
// and an index from each sketched hash to the sketches holding it (at most
// copyMaxPosting): about 26 MiB when full (measured; the distinct-people
// count of the collector may take several times that). Past
// copyMaxFiles, later files are still compared with the files remembered,
// but are not remembered themselves. Only the later-finished file of a pair
// is flagged: workers finish in no fixed order, so which of two copies is
// "the copy" may differ between scans. Files carried over unread from an
// earlier scan (incremental state) keep what that scan said and are not
// remembered, because their people were never kept.
const (
	copyMinPeople  = 5    // fewer people than this: neither remembered nor flagged
	copySketch     = 64   // hashes kept per file
	copyShare      = 0.8  // share of the later file's sampled people that must be in the earlier file
	copyMinSample  = 5    // sampled people needed to judge
	copyMaxFiles   = 8192 // sketches remembered: 4 MiB of values, 26 MiB with the index
	copyMaxPosting = 8    // sketches indexed under one hash (one pupil in many files)
)

// ReasonCopy is the exposure reason of a file whose people are mostly
// those of another file of the same scan.
const ReasonCopy = "copy"

func init() {
	labels["exp."+ReasonCopy] = [2]string{"同じ個人情報が別のファイルにもある（コピー）", "same people as another file (a copy)"}
	labels["col.same_people_as"] = [2]string{"同じ人の情報がある元のファイル", "Same people as"}
}

// copyFinder remembers people sketches of the files seen so far.
type copyFinder struct {
	sketches []copySketchOf
	index    map[uint64]int32   // sketched hash → the first sketch holding it
	more     map[uint64][]int32 // sketched hash → the further sketches holding it (a pupil in several files)
}

type copySketchOf struct {
	root  string   // the file's root as the report shows it
	path  string   // the file's path as the report shows it
	keys  []uint64 // ascending, at most copySketch
	exact bool     // keys are all of the file's people
}

// find returns the path of an earlier file whose people hold most of
// people, or "".
func (c *copyFinder) find(root string, people []uint64) string {
	if len(people) < copyMinPeople || len(c.sketches) == 0 {
		return ""
	}
	hits := map[int32]int{}
	for _, k := range people {
		if s, ok := c.index[k]; ok {
			hits[s]++
			for _, s := range c.more[k] {
				hits[s]++
			}
		}
	}
	best, bestShare := int32(-1), 0.0
	for s := range hits {
		if share, ok := c.sketches[s].containment(people); ok && (share > bestShare || share == bestShare && s < best) {
			best, bestShare = s, share
		}
	}
	if best < 0 || bestShare < copyShare {
		return ""
	}
	if s := &c.sketches[best]; s.root != root {
		return filepath.Join(s.root, s.path) // another root: name it whole
	}
	return c.sketches[best].path
}

// containment estimates the share of people that the sketched file holds;
// ok is false when too few of people fall in the sketch's range.
func (s *copySketchOf) containment(people []uint64) (share float64, ok bool) {
	bound := s.keys[len(s.keys)-1]
	var n, in int
	for _, k := range people {
		if !s.exact && k > bound {
			continue
		}
		n++
		if _, found := slices.BinarySearch(s.keys, k); found {
			in++
		}
	}
	if n < copyMinSample {
		return 0, false
	}
	return float64(in) / float64(n), true
}

// remember keeps the sketch of a file's people.
func (c *copyFinder) remember(root, path string, people []uint64) {
	if len(people) < copyMinPeople || len(c.sketches) >= copyMaxFiles {
		return
	}
	keys := bottomK(people, copySketch)
	id := int32(len(c.sketches))
	c.sketches = append(c.sketches, copySketchOf{root: root, path: path, keys: keys, exact: len(keys) == len(people)})
	if c.index == nil {
		c.index, c.more = map[uint64]int32{}, map[uint64][]int32{}
	}
	for _, k := range keys {
		if _, ok := c.index[k]; !ok {
			c.index[k] = id
		} else if len(c.more[k]) < copyMaxPosting-1 {
			c.more[k] = append(c.more[k], id)
		}
	}
}

// bottomK returns the k smallest distinct values, ascending.
func bottomK(vals []uint64, k int) []uint64 {
	s := slices.Clone(vals)
	slices.Sort(s)
	s = slices.Compact(s)
	if len(s) > k {
		s = s[:k:k]
	}
	return slices.Clip(s)
}

// markCopy flags rec as a copy of the file at path and scores it again.
func markCopy(rec *FileRecord, path string) {
	if rec.Exposure == nil {
		rec.Exposure = &scan.Exposure{}
	} else {
		e := *rec.Exposure // the scan's value may be shared; change a copy
		e.Reasons = slices.Clone(e.Reasons)
		rec.Exposure = &e
	}
	if !slices.Contains(rec.Exposure.Reasons, ReasonCopy) {
		rec.Exposure.Reasons = append(rec.Exposure.Reasons, ReasonCopy)
	}
	rec.SamePeopleAs = path
	rec.Score = Score(rec)
}

// checkCopy compares a just-read file with the files before it, flags it
// when it is a copy, and remembers it.
func (c *copyFinder) checkCopy(rec *FileRecord, res *detect.Result) {
	if res == nil || !rec.HasPersonalData() {
		return
	}
	if earlier := c.find(rec.Root, res.People); earlier != "" {
		markCopy(rec, earlier)
	}
	c.remember(rec.Root, rec.Path, res.People)
}
