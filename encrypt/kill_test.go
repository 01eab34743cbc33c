//go:build !windows

package encrypt

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"
)

// The kill test re-executes the test binary as a child that encrypts a
// tree; these variables tell the child where and to whom.
const (
	killDirEnv = "MAMORI_KILL_TEST_DIR"
	killKeyEnv = "MAMORI_KILL_TEST_RECIPIENT"
)

// TestKillChild is the child's side; it does nothing in a normal run.
func TestKillChild(t *testing.T) {
	dir := os.Getenv(killDirEnv)
	if dir == "" {
		t.Skip("only run as the child of TestKill")
	}
	rs, err := ParseRecipients([]string{os.Getenv(killKeyEnv)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	Run(context.Background(), killPaths(dir), Options{Recipients: rs, Workers: 4})
}

// killTree is the tree the child encrypts: sizes from empty to a few
// chunks, in two directories.
func killTree(seed uint64) map[string]string {
	r := rand.New(rand.NewPCG(seed, 1))
	files := map[string]string{}
	for i := range 40 {
		size := r.IntN(5 * chunkSize)
		if i%10 == 0 {
			size = 0
		}
		files[fmt.Sprintf("d%d/f%02d.csv", i%2, i)] = strings.Repeat(fmt.Sprintf("%02d,山田,", i), size/10+1)[:size]
	}
	return files
}

func killPaths(dir string) []string {
	var out []string
	for name := range killTree(0) {
		out = append(out, filepath.Join(dir, filepath.FromSlash(name)))
	}
	return out
}

// TestKill kills the child with SIGKILL at random points over many runs and
// checks every file: its original intact, or a complete .age that decrypts
// to it, or both; never neither. A healthy rerun then finishes everything
// and leaves no temporary behind.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := ParseRecipients([]string{id.Recipient().String()}, nil)
	full := killRun(t, id, -1) // how long an unkilled run takes
	deadline := time.Now().Add(16 * time.Second)
	var mu sync.Mutex
	states := map[string]int{}
	t.Run("kills", func(t *testing.T) {
		for i := range killParallel {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				for range killRuns / killParallel {
					if time.Now().After(deadline) {
						return
					}
					st := killOnce(t, id, rs, full)
					mu.Lock()
					states[st]++
					mu.Unlock()
				}
			})
		}
	})
	t.Logf("kills within a run of %v, by the state they left: %v", full, states)
}

// killOnce kills a child at a random point, checks the tree it left, reruns
// and checks the tree is finished. It returns the state the kill left.
func killOnce(t *testing.T, id *age.X25519Identity, rs *Recipients, full time.Duration) string {
	dir := killRunDir(t, id, time.Duration(rand.Int64N(int64(full))))
	st := stateOf(dir)
	sum, err := Run(context.Background(), killPaths(dir), Options{Recipients: rs})
	if err != nil || !sum.OK() || sum.Encrypted+sum.Skipped != 40 {
		t.Fatalf("rerun: %+v %v", sum, err)
	}
	checkTree(t, dir, id, true)
	return st
}

// Kill runs: 30 in all, three at a time to stay within a few seconds.
const (
	killRuns     = 30
	killParallel = 3
)

// killRun runs the child to the end (after < 0) and returns how long it took.
func killRun(t *testing.T, id *age.X25519Identity, after time.Duration) time.Duration {
	start := time.Now()
	killRunDir(t, id, after)
	return time.Since(start)
}

// killRunDir starts the child on a new tree, kills it after the delay, and
// checks the tree as the kill left it.
func killRunDir(t *testing.T, id *age.X25519Identity, after time.Duration) string {
	t.Helper()
	dir := t.TempDir()
	writeTree(t, dir, killTree(0))
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killDirEnv+"="+dir, killKeyEnv+"="+id.Recipient().String())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if after >= 0 {
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
	}
	cmd.Wait()
	checkTree(t, dir, id, false)
	return dir
}

// checkTree checks every file of the tree; done demands the finished state.
func checkTree(t *testing.T, dir string, id *age.X25519Identity, done bool) {
	t.Helper()
	for name, content := range killTree(0) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		orig, ageOK := exists(p), exists(p+Suffix)
		if orig {
			if b, err := os.ReadFile(p); err != nil || string(b) != content {
				t.Fatalf("%s: original changed", name)
			}
		}
		if ageOK && decryptFile(t, p+Suffix, id) != content {
			t.Fatalf("%s: .age does not decrypt to the original", name)
		}
		if !orig && !ageOK {
			t.Fatalf("%s: neither the original nor a .age", name)
		}
		if done && (orig || !ageOK) {
			t.Fatalf("%s: not finished after a rerun", name)
		}
	}
	if done {
		for _, d := range []string{"d0", "d1"} {
			if tmp := temps(t, filepath.Join(dir, d)); len(tmp) > 0 {
				t.Fatalf("temporaries left in %s: %v", d, tmp)
			}
		}
	}
}

// stateOf says how far the killed child got: how many files it encrypted,
// and whether it was killed while writing a temporary file.
func stateOf(dir string) string {
	ages := 0
	for name := range killTree(0) {
		if exists(filepath.Join(dir, filepath.FromSlash(name)) + Suffix) {
			ages++
		}
	}
	st := "partly encrypted"
	switch ages {
	case 0:
		st = "none encrypted"
	case 40:
		st = "all encrypted"
	}
	for _, d := range []string{"d0", "d1"} {
		ents, _ := os.ReadDir(filepath.Join(dir, d))
		for _, e := range ents {
			if isTemp(e.Name()) {
				return st + ", temporary left"
			}
		}
	}
	return st
}
