package report

import (
	"strings"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/sim"
)

// poolLabels are the words of the pooled purchases' table and chart.
var poolLabels = map[string][2]string{
	"type.pooled_purchase": {"pooled purchasing (domeinoverstijgend inkopen)", "domeinoverstijgend inkopen"},
	"choice.contributions": {"pro rata to what each put in", "naar rato van ieders inleg"},
	"title.pools":          {"Pooled purchasing per payer over the horizon: put in, key share of the savings, saved, settled, net", "Domeinoverstijgend inkopen per betaler over de horizon: inleg, aandeel in de besparingen volgens de sleutel, bespaard, verrekend, netto"},
	"note.pools":           {"Saved is the part of the payer's realised savings that the pool's money bought; the key share is its part of all those savings by the key; settled = key share − saved (+ received from, − paid to the other payers); net = key share − put in. Put in is net of money returned.", "Bespaard is het deel van de gerealiseerde besparingen van de betaler dat met het geld van de pool is ingekocht; het aandeel volgens de sleutel is zijn deel van al die besparingen; verrekend = aandeel − bespaard (+ ontvangen van, − betaald aan de andere betalers); netto = aandeel − inleg. De inleg is na teruggestort geld."},
	"note.pool_key":        {"With savings_key = \"contributions\" each year's savings are shared pro rata to what each payer put in up to that year, and the key column shows each payer's share of everything put in over the horizon.", "Met savings_key = \"contributions\" worden de besparingen van elk jaar verdeeld naar rato van wat elke betaler tot en met dat jaar heeft ingelegd, en toont de kolom sleutel ieders aandeel in alle inleg over de horizon."},
	"col.pool":             {"pool", "pool"},
	"col.key":              {"key", "sleutel"},
	"col.put_in":           {"put in", "inleg"},
	"col.key_share":        {"key share of savings", "aandeel besparingen (sleutel)"},
	"col.settled":          {"settled (+ received / − paid)", "verrekend (+ ontvangen / − betaald)"},
	"chart.pool":           {"%s: put in, saved and settled per payer (over the horizon)", "%s: inleg, bespaard en verrekend per betaler (over de horizon)"},
	"legend.pool_in":       {"put in", "inleg"},
	"legend.pool_saved":    {"saved (bought by the pool)", "bespaard (ingekocht door de pool)"},
	"legend.pool_settled":  {"settled: + received, − paid", "verrekend: + ontvangen, − betaald"},
	"legend.pool_net":      {"net: key share − put in", "netto: aandeel − inleg"},
}

func init() {
	for k, v := range poolLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// PoolPayers are the payers of a pooled purchase's result, in its order,
// read off its figures (in.PARTY).
func PoolPayers(in *sim.InstrumentResult) []string {
	var out []string
	prefix := instruments.PoolMeasures[0] + "."
	for _, f := range in.Figures {
		if id, ok := strings.CutPrefix(f.Name, prefix); ok {
			out = append(out, id)
		}
	}
	return out
}

// PoolTable is the pooled purchases of a run, a row per pool per payer,
// totals over the horizon: the key (a share), what the payer put in, its
// key share of the savings, what it saved, what it settled and its net.
// Nil when the run has no pooled purchase.
func (l Lang) PoolTable(r *sim.Result) *Table {
	t := &Table{Name: "pools", Title: l.T("title.pools"), Notes: []string{l.T("note.pools"), l.T("note.pool_key")},
		Columns: []Column{l.col("pool", Text), l.col("party", Text), l.col("name", Text), l.col("key", Percent),
			l.col("put_in", Money), l.col("key_share", Money), l.col("saved", Money), l.col("settled", Money), l.col("net", Money)}}
	found := false
	for i := range r.Instruments {
		in := &r.Instruments[i]
		if in.Type != "pooled_purchase" {
			continue
		}
		found = true
		f := map[string]float64{}
		for _, nv := range in.Figures {
			f[nv.Name] = nv.Value
		}
		for _, id := range PoolPayers(in) {
			t.Rows = append(t.Rows, []any{in.ID, id, partyName(r, id), f[instruments.PoolKey+"."+id],
				f["in."+id], f["key_share."+id], f["saved."+id], f["settlement."+id], f["net."+id]})
		}
	}
	if !found {
		return nil
	}
	return t
}

// poolMeanings are the meanings of a pool's outcomes per payer: the
// payer's name, then the pool's.
var poolMeanings = map[string][2]string{
	"pool.in.party":         {"what %s put into pool %s over the horizon", "wat %s over de looptijd in pool %s inlegde"},
	"pool.key.party":        {"the share of the savings of pool %[2]s that the key gives %[1]s", "het deel van de besparingen van pool %[2]s dat de sleutel %[1]s geeft"},
	"pool.key_share.party":  {"the savings of pool %[2]s that fall to %[1]s by the key", "de besparingen van pool %[2]s die volgens de sleutel aan %[1]s toekomen"},
	"pool.saved.party":      {"the savings %s realised of what pool %s bought", "de besparingen die %s realiseerde van wat pool %s inkocht"},
	"pool.settlement.party": {"what %s received (+) or paid (−) in the settlement of pool %s", "wat %s ontving (+) of betaalde (−) bij de verrekening van pool %s"},
	"pool.net.party":        {"the key share of the savings less what %s put into pool %s", "het sleuteldeel van de besparingen min wat %s in pool %s inlegde"},
	"pool.savings":          {"the realised savings bought by pool %s over the horizon", "de gerealiseerde besparingen die pool %s inkocht over de looptijd"},
}

func init() {
	for k, v := range poolMeanings {
		if _, dup := outcomeMeanings[k]; !dup {
			outcomeMeanings[k] = v
		}
	}
}
