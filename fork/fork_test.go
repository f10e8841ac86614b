package fork

import "testing"

func TestParseFixtureNames(t *testing.T) {
	cases := map[string]Fork{
		"Frontier": Frontier, "EIP150": TangerineWhistle, "EIP158": SpuriousDragon,
		"ConstantinopleFix": Petersburg, "Merge": Paris, "Paris": Paris,
		"Cancun": Cancun, "Prague": Prague, "osaka": Osaka,
	}
	for in, want := range cases {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := Parse("Atlantis"); err == nil {
		t.Error("Parse accepted an unknown fork")
	}
}

func TestOrderAndNames(t *testing.T) {
	all := All()
	if all[0] != Frontier || all[len(all)-1] != Amsterdam {
		t.Fatalf("All() = %v", all)
	}
	for _, f := range all {
		back, err := Parse(f.String())
		if err != nil || back != f {
			t.Errorf("round trip of %v gave %v, %v", f, back, err)
		}
	}
}

func TestRulesAccumulate(t *testing.T) {
	c := Constantinople.Rules()
	if !c.Has(1283) || !c.Has(150) || c.Has(2200) {
		t.Errorf("Constantinople EIPs wrong: %v", c.EIPs())
	}
	p := Petersburg.Rules()
	if p.Has(1283) || !p.Has(1014) {
		t.Errorf("Petersburg must drop 1283 and keep 1014: %v", p.EIPs())
	}
	o := Osaka.Rules()
	if !o.Has(7939) || !o.Has(2929) || !o.IsPrague || !o.IsOsaka {
		t.Errorf("Osaka rules incomplete: %v", o.EIPs())
	}
	f := Frontier.Rules()
	if f.IsHomestead || len(f.EIPs()) != 0 {
		t.Errorf("Frontier has EIPs: %v", f.EIPs())
	}
}
