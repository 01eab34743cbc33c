package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestLayers keeps data flowing one way: scan knows nothing of personal data
// or reports, detect nothing of reports, and no package imports the command.
func TestLayers(t *testing.T) {
	forbidden := map[string][]string{
		"mamori/scan":   {"mamori/detect", "mamori/report", "mamori/encrypt"},
		"mamori/detect": {"mamori/report", "mamori/encrypt"},
		"mamori/report": {"mamori/encrypt"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		for _, b := range bad {
			if slices.Contains(deps, b) {
				t.Errorf("%s imports %s: data flows scan → detect → report", pkg, b)
			}
		}
		if slices.Contains(deps, "mamori") {
			t.Errorf("%s imports the command package", pkg)
		}
	}
}
