package report

import (
	"testing"

	"mamori/detect"
	"mamori/scan"
)

// TestLabels: every label has both languages, and every code the report
// shows has a name.
func TestLabels(t *testing.T) {
	for k, v := range labels {
		if v[0] == "" || v[1] == "" {
			t.Errorf("label %q lacks a language: %q", k, v)
		}
	}
	var keys []string
	for _, c := range detect.Categories {
		keys = append(keys, "cat."+string(c), "item."+string(c))
	}
	for _, r := range []string{detect.ReasonSensitive, detect.ReasonFinancial, detect.ReasonMyNumber, detect.ReasonVolume} {
		keys = append(keys, "appi."+r)
	}
	for _, r := range []string{scan.ReasonWorldReadable, scan.ReasonGroupReadable, scan.ReasonGuestShare, scan.ReasonSharedPath, scan.ReasonLeftoverName, scan.ReasonStale} {
		keys = append(keys, "exp."+r)
	}
	for _, s := range []scan.Status{scan.StatusOK, scan.StatusProtected, scan.StatusEncrypted, scan.StatusSkipped, scan.StatusError} {
		keys = append(keys, "status."+string(s))
	}
	for _, r := range []detect.Risk{detect.RiskHigh, detect.RiskMedium, detect.RiskLow, detect.RiskNone} {
		keys = append(keys, "risk."+string(r))
	}
	keys = append(keys, "sector."+SectorPublic, "sector."+SectorPrivate)
	for _, k := range csvColumns {
		keys = append(keys, k)
	}
	for _, k := range keys {
		if _, ok := labels[k]; !ok {
			t.Errorf("no label %q", k)
		}
	}
	if LangJA.Category("custom_id") != "custom_id" {
		t.Error("a custom category is not shown by its key")
	}
	if _, err := ParseLang("fr"); err == nil {
		t.Error("language fr accepted")
	}
}
