package scenarios

import "testing"

// TestCopyIsIndependent: a copy carries the values set and the ids
// switched off, and changing it (numbers, map entries, an instrument's
// fields) leaves the original as it was; Clone goes back to the file.
func TestCopyIsIndependent(t *testing.T) {
	s, err := Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply([]string{"plus-huisartsen"}, map[string]any{"instrument.portemonnee.rate": 0.001}); err != nil {
		t.Fatal(err)
	}
	c := s.Copy()
	if v, _ := c.GetFloat("instrument.portemonnee.rate"); v != 0.001 || !c.Disabled("plus-huisartsen") {
		t.Fatalf("the copy lost the changes: rate %v, disabled %v", v, c.Disabled("plus-huisartsen"))
	}
	for path, v := range map[string]float64{"instrument.portemonnee.rate": 0.5, "instrument.portemonnee.rates.noord": 0.7,
		"initiative.valpreventie.savings.zv-a": 1, "party.zv-a.growth": 0.2, "region.indexation": 0.1} {
		before, _ := s.GetFloat(path)
		if err := c.Set(path, v); err != nil {
			t.Fatal(err)
		}
		if after, _ := s.GetFloat(path); after != before {
			t.Errorf("%s: setting the copy changed the original from %v to %v", path, before, after)
		}
	}
	if v, _ := s.Clone().GetFloat("instrument.portemonnee.rate"); v != 0.0002 {
		t.Errorf("Clone has rate %v, want the file's 0.0002", v)
	}
}
