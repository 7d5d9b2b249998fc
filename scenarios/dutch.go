package scenarios

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The Dutch text of every message and hint the scenario checks give.
//
// A message is written once, in English, as a format string; the table
// below gives its Dutch text, with {1}, {2} … for the format's verbs in
// order. Dutch translates a finished message by matching it against the
// formats: what a %s or %v stood for is translated too when it is a known
// phrase ("a party", "the number 3"), while %q (ids, keys, values the user
// wrote) and numbers stay as they are; {=1} keeps a %s as it is, for the
// keys, table names and lists of words a scenario is written in. Keys and
// paths are never translated. A test checks that every format the checks use has its
// Dutch text here; cmd/regiosim's TestDutchUsageErrors checks the same for
// the command line's usage errors, whose Dutch is here too.
var dutchText = map[string]string{
	// The regional budget (instruments/regional_budget.go).
	"a regional budget pays into a wallet (to = %q) or funds initiatives itself (funds = [...]), not both: leave out one of the two":                      "een regiobudget betaalt in een portemonnee (to = {1}) of financiert zelf initiatieven (funds = [...]), niet allebei: laat een van de twee weg",
	"missing: where the regional budget goes, a wallet (e.g. to = \"portemonnee\") or the initiatives it funds itself (e.g. funds = [\"my-initiative\"])": "ontbreekt: waar het regiobudget heen gaat, een portemonnee (bijv. to = \"portemonnee\") of de initiatieven die het zelf financiert (bijv. funds = [\"my-initiative\"])",
	"%q is an initiative, not a wallet: to fund it directly, write funds = [%q] instead of to":                                                            "{1} is een initiatief, geen portemonnee: schrijf funds = [{2}] in plaats van to om het rechtstreeks te financieren",
	"%q is a %s, not a wallet; a regional budget pays into a wallet (to) or funds initiatives itself (funds = [...])":                                     "{1} is een {2}, geen portemonnee; een regiobudget betaalt in een portemonnee (to) of financiert zelf initiatieven (funds = [...])",
	"the regional budget pays nothing: set amount (the region's share, euros a year), or zvw, wlz and wmo for a national batch to compute it":             "het regiobudget betaalt niets: zet amount (het aandeel van de regio, euro's per jaar), of zvw, wlz en wmo zodat een landelijke batch het berekent",
	// Pooled purchasing (instruments/pooled_purchase.go).
	"missing: a pool needs payers, the parties that put money in, e.g. payers = [\"zv\", \"gemeente\"]":                                                                                                 "ontbreekt: een pool heeft betalers nodig, de partijen die geld inleggen, bijv. payers = [\"zv\", \"gemeente\"]",
	"the flow is paid by %s, which is not a payer of the pool (%s): a payer puts in a share of its own flows; add %q to payers or name a flow of a payer":                                               "de geldstroom wordt betaald door {=1}, geen betaler van de pool ({=2}): een betaler legt een deel van zijn eigen geldstromen in; zet {3} bij payers of noem een geldstroom van een betaler",
	"%q puts nothing into the pool: give it a share of one of its flows (flows = { flow-id = rate }), of its turnover (rates = { %s = rate }) or an amount (amounts = { %s = euros a year })":           "{1} legt niets in de pool in: geef het een deel van een van zijn geldstromen (flows = { flow-id = rate }), van zijn omzet (rates = { {=2} = rate }) of een bedrag (amounts = { {=3} = euro's per jaar })",
	"missing: the initiatives the pool buys, e.g. funds = [\"my-initiative\"]":                                                                                                                          "ontbreekt: de initiatieven die de pool inkoopt, bijv. funds = [\"my-initiative\"]",
	"missing: how the payers share the savings, a share per payer such as savings_key = { zv = 0.5, gemeente = 0.5 } (summing to 1), or savings_key = \"contributions\" (pro rata to what each put in)": "ontbreekt: hoe de betalers de besparingen delen, een aandeel per betaler zoals savings_key = { zv = 0.5, gemeente = 0.5 } (samen 1), of savings_key = \"contributions\" (naar rato van ieders inleg)",
	"expected a share, a number from 0 to 1":                    "verwacht: een aandeel, een getal van 0 tot en met 1",
	"%g is outside 0..1 (a share of the savings: 50 %% is 0.5)": "{1} ligt buiten 0..1 (een aandeel van de besparingen: 50 % is 0.5)",
	"%s does not pay into the pool: the key shares the savings between the payers (%s); add it to payers with what it puts in, or leave it out of the key": "{=1} legt niet in de pool in: de sleutel verdeelt de besparingen over de betalers ({=2}); zet het bij payers met wat het inlegt, of laat het uit de sleutel",
	"the shares add up to %s, not 1: the key divides all the savings (e.g. { zv = 0.5, gemeente = 0.5 })":                                                  "de aandelen tellen op tot {=1}, niet tot 1: de sleutel verdeelt alle besparingen (bijv. { zv = 0.5, gemeente = 0.5 })",
	"expected a share per payer such as { zv = 0.5, gemeente = 0.5 }, or \"contributions\"":                                                                "verwacht: een aandeel per betaler zoals { zv = 0.5, gemeente = 0.5 }, of \"contributions\"",
	"payer": "betaler", "savings key": "besparingssleutel",
	// The revolving fund (instruments/revolving_fund.go).
	"%q is not a wallet; a revolving fund takes capital from a wallet's pot (from_wallet) or from parties (capital = { party = euros a year })":                                             "{1} is geen portemonnee; een revolverend fonds haalt kapitaal uit de pot van een portemonnee (from_wallet) of bij partijen (capital = { partij = euro's per jaar })",
	"missing: how much the fund takes from the wallet a year, e.g. from_wallet_amount = 500_000":                                                                                            "ontbreekt: hoeveel het fonds per jaar uit de portemonnee haalt, bijv. from_wallet_amount = 500_000",
	"missing: the wallet that from_wallet_amount comes from, e.g. from_wallet = \"portemonnee\"":                                                                                            "ontbreekt: de portemonnee waar from_wallet_amount uit komt, bijv. from_wallet = \"portemonnee\"",
	"missing: a revolving fund needs capital, e.g. capital = { zv = 1_000_000 } (euros a year from capital_from to capital_until) or from_wallet = \"portemonnee\" with from_wallet_amount": "ontbreekt: een revolverend fonds heeft kapitaal nodig, bijv. capital = { zv = 1_000_000 } (euro's per jaar van capital_from tot en met capital_until) of from_wallet = \"portemonnee\" met from_wallet_amount",
	"missing: the initiatives the fund lends to, in priority order, e.g. funds = [\"my-initiative\"]":                                                                                       "ontbreekt: de initiatieven waaraan het fonds leent, in volgorde van voorrang, bijv. funds = [\"my-initiative\"]",
	"%d is before capital_from = %d":                                       "{1} ligt voor capital_from = {2}",
	"the share of their realised savings the parties repay: 60 % is 0.6":   "het deel van hun gerealiseerde besparingen dat de partijen terugbetalen: 60 % is 0.6",
	"a yearly rate on the outstanding loans: 2 % is 0.02":                  "een rente per jaar op de uitstaande leningen: 2 % is 0.02",
	"the share of its capital the balance must be back at: 1 is all of it": "het deel van zijn kapitaal waarop het saldo terug moet zijn: 1 is alles",
	// A batch's regions table and files (sim/batch, cmd batch).
	"the regions table is empty: it needs a header row (region,population,…) and a row per region": "de regiotabel is leeg: er is een kopregel nodig (region,population,…) en een regel per regio",
	"not a CSV table: %s": "geen CSV-tabel: {1}",
	"not a CSV row: %s":   "geen CSV-regel: {1}",
	"a quote (\") is not closed, or stands inside a field that does not start with one":                          "een aanhalingsteken (\") is niet gesloten, of staat in een veld dat er niet mee begint",
	"%q is ambiguous in a table separated by semicolons: write %s for a whole number or %s with a decimal comma": "{1} is dubbelzinnig in een tabel met puntkomma's: schrijf {=2} voor een geheel getal of {=3} met een decimale komma",
	"has no name":       "heeft geen naam",
	"is a column twice": "staat twee keer als kolom",
	"is not a path of a number of the template":                                               "is geen pad van een getal van het sjabloon",
	"is not a path of a number of the template: %s":                                           "is geen pad van een getal van het sjabloon: {1}",
	"missing: the regions table needs a column %s":                                            "ontbreekt: de regiotabel heeft een kolom {=1} nodig",
	"missing: the region's name":                                                              "ontbreekt: de naam van de regio",
	"duplicate region %q: already on line %d":                                                 "dubbele regio {1}: staat al op regel {2}",
	"duplicate region %q: also in %s":                                                         "dubbele regio {1}: ook in {=2}",
	"%v is not a population: a region needs inhabitants":                                      "{1} is geen aantal inwoners: een regio heeft inwoners",
	"no regions: the table has a header but no rows":                                          "geen regio's: de tabel heeft een kopregel maar geen regels",
	"%q is not a number: write decimals with a dot (%s)":                                      "{1} is geen getal: schrijf decimalen met een punt ({=2})",
	"%q is not a number":                                                                      "{1} is geen getal",
	"names the column %q, which region %s does not have":                                      "noemt de kolom {1}, die regio {=2} niet heeft",
	"the national key weighs this column: %s":                                                 "de landelijke verdeelsleutel weegt deze kolom: {1}",
	"differs from the [national] of %s: the regions of a batch share one":                     "wijkt af van de [national] van {=1}: de regio's van een batch delen er één",
	"%d fields for a header of %d columns":                                                    "{1} velden bij een kopregel van {2} kolommen",
	"%v is below 0: the national key divides by it":                                           "{1} is kleiner dan 0: de landelijke verdeelsleutel deelt erdoor",
	"code %q is not a zorgkantoor region of 2024 (ZK01…ZK33): the region is left off the map": "code {1} is geen zorgkantoorregio van 2024 (ZK01…ZK33): de regio staat niet op de kaart",
	"no instrument %q":                                                                        "geen instrument {1}",
	"%q is on already: enable switches on an instrument with off = true":                      "{1} staat al aan: enable zet een instrument met off = true aan",
	"%s is both a param and a national param":                                                 "{=1} is zowel een param als een landelijke param",
	"keep it in one of the two":                                                               "houd het in een van de twee",
	// fair-deal's flags (sim/deal).
	"is no wallet of the scenario":                      "is geen portemonnee van het scenario",
	"is a %s, not a wallet":                             "is een {=1}, geen portemonnee",
	"%q does not contribute to wallet %s":               "{1} legt niet in in de portemonnee {=2}",
	"%v:%v is not a range of rates: 0 ≤ LOW ≤ HIGH ≤ 1": "{1}:{2} is geen bereik van percentages: 0 ≤ LOW ≤ HIGH ≤ 1",
	"%q is not a party at the table":                    "{1} is geen partij aan tafel",
	// A batch's national figures and scaling (national.go).
	"%v is not an amount of euros: use 0 or more":                                   "{1} is geen bedrag in euro's: gebruik 0 of meer",
	"the weight %v is outside 0..1":                                                 "het gewicht {1} ligt buiten 0..1",
	"the weights sum to %v, not 1":                                                  "de gewichten tellen op tot {1}, niet tot 1",
	"%v is not a population":                                                        "{1} is geen aantal inwoners",
	"missing: the population the template's amounts are for (or region.population)": "ontbreekt: het aantal inwoners waarvoor de bedragen van het sjabloon gelden (of region.population)",
	// Syntax and types (bind.go, load.go).
	"not valid TOML: %s": "geen geldige TOML: {1}",
	"a comma in a number: TOML has no thousands separators and writes decimals with a dot": "een komma in een getal: TOML kent geen scheidingsteken voor duizendtallen en schrijft decimalen met een punt",
	"write %s for thousands, or %s for a decimal":                                          "schrijf {=1} voor duizendtallen, of {=2} voor een decimaal getal",
	"a decimal comma: TOML writes decimals with a dot":                                     "een decimale komma: TOML schrijft decimalen met een punt",
	"write %s":                       "schrijf {=1}",
	"[%s] is written more than once": "[{=1}] staat er meer dan eens",
	"write [[%s]] (double brackets) before each %s":               "schrijf [[{=1}]] (dubbele haken) boven elke {2}",
	"[%s] is a single table; every %s is its own [[%s]]":          "[{=1}] is één tabel; elke {2} is een eigen [[{=3}]]",
	"[[region]] is a list of regions":                             "[[region]] is een lijst van regio's",
	"write [region] (single brackets): a scenario has one region": "schrijf [region] (enkele haken): een scenario heeft één regio",
	"%v is not a number that can be used":                         "{1} is geen bruikbaar getal",
	"expected %s, found %s":                                       "verwacht: {1}; gevonden: {2}",
	"unknown key":                                                 "onbekende sleutel",
	"missing: which kind of instrument this is":                   "ontbreekt: welk soort instrument dit is",
	"unknown instrument type %q":                                  "onbekend type instrument {1}",
	"known types: %s":                                             "bekende types: {=1}",
	"cannot be set by path":                                       "kan niet via een pad worden gezet",
	"no built-in example %q (known: %s)":                          "geen ingebouwd voorbeeld {1} (bekend: {=2})",

	// The region, parties, flows, initiatives (validate.go).
	"missing: the first calendar year of the horizon, e.g. first_year = 2026": "ontbreekt: het eerste kalenderjaar van de horizon, bijv. first_year = 2026",
	"%d is not a plausible year": "{1} is geen aannemelijk jaartal",
	"missing: every %s needs a short id that the rest of the file refers to": "ontbreekt: elke {1} heeft een korte id nodig waarnaar de rest van het bestand verwijst",
	"%q is not a valid id: use letters, digits, - and _ (no dots or spaces)": "{1} is geen geldige id: gebruik letters, cijfers, - en _ (geen punten of spaties)",
	"duplicate id %q: already used by a %s on line %d":                       "dubbele id {1}: al gebruikt door een {2} op regel {3}",
	"duplicate id %q: already used by a %s":                                  "dubbele id {1}: al gebruikt door een {2}",
	"missing: the id of a %s":                                                "ontbreekt: de id van een {1}",
	"%q is %s, not %s":                                                       "{1} is {2}, niet {3}",
	"unknown %s %q":                                                          "onbekende {1} {2}",
	"missing: the %s, one of %s":                                             "ontbreekt: de {1}, een van {=2}",
	"one of %s":                                                              "een van {=1}",
	"did you mean %s?":                                                       "bedoelt u {=1}?",
	"did you mean %s or %s?":                                                 "bedoelt u {=1} of {=2}?",
	"did you mean %q? (kinds are English words)":                             "bedoelt u {1}? (soorten zijn Engelse woorden)",
	"missing: a scenario needs at least one [[party]]":                       "ontbreekt: een scenario heeft minstens één [[party]] nodig",
	"unknown party kind %q":                                                  "onbekende soort partij {1}",
	"%d values for a horizon of %d years":                                    "{1} waarden voor een horizon van {2} jaar",
	"a flow needs two different parties; payer and receiver are both %q":     "een geldstroom heeft twee verschillende partijen nodig; betaler en ontvanger zijn allebei {1}",
	"%d is before start = %d":                                                "{1} ligt vóór start = {2}",
	"%d is before from = %d":                                                 "{1} ligt vóór from = {2}",
	"%d is before the horizon %d–%d: the decision taken then stands, and the run starts in %d":                                "{1} ligt vóór de horizon {2}–{3}: het besluit van toen blijft staan, en de berekening begint in {4}",
	"%d is before the horizon %d–%d: the run starts in %d (an initiative's ramp-up or a phase-out's progress counts from %d)": "{1} ligt vóór de horizon {2}–{3}: de berekening begint in {4} (de opbouw van een initiatief of de voortgang van een afbouw telt vanaf {5})",
	"%d lies after the horizon %d–%d: the run stops at %d":                                                                    "{1} ligt na de horizon {2}–{3}: de berekening stopt in {4}",
	"%q is already phased out by %q in %d–%d; two phase-outs of one flow may not overlap":                                     "{1} wordt al afgebouwd door {2} in {3}–{4}; twee afbouwregelingen van één geldstroom mogen niet overlappen",
	"missing: a name for this option":           "ontbreekt: een naam voor deze optie",
	"duplicate variant name %q":                 "dubbele naam van een variant {1}",
	"%q is no wallet, initiative or party":      "{1} is geen portemonnee, initiatief of partij",
	"missing: a wallet, initiative or party id": "ontbreekt: de id van een portemonnee, initiatief of partij",
	"no instrument or initiative %q":            "geen instrument of initiatief {1}",
	"no variant %q":                             "geen variant {1}",
	"known: %s":                                 "bekend: {=1}",
	"the scenario has no variants":              "het scenario heeft geen varianten",
	"%s (known: %s)":                            "{1} (bekend: {=2})",
	"use a variant or another file":             "gebruik een variant of een ander bestand",

	// Numbers and their ranges (instruments/ranges.go).
	"not a number":                                       "geen getal",
	"%s is not a whole number":                           "{1} is geen geheel getal",
	"%s is negative; amounts are euros, 0 or more":       "{1} is negatief; bedragen zijn euro's, 0 of meer",
	"%s euros is implausibly large":                      "{1} euro is onaannemelijk groot",
	"%s is outside the horizon %s–%s":                    "{1} ligt buiten de horizon {2}–{3}",
	"%s is outside %s..%s":                               "{1} ligt buiten {2}..{3}",
	"%s is outside the range: above %s, at most %s":      "{1} ligt buiten het bereik: boven {2}, hoogstens {3}",
	"%s is outside the range: above %s, at most %s (%s)": "{1} ligt buiten het bereik: boven {2}, hoogstens {3} ({4})",
	"%s is outside %s..%s (%s)":                          "{1} ligt buiten {2}..{3} ({4})",
	"%d is outside 1..%d":                                "{1} ligt buiten 1..{2}",
	"%s euro":                                            "{1} euro",
	"%s years":                                           "{1} jaar",
	"1 = full scale from the start":                      "1 = meteen op volle schaal",
	"1 = the savings as given":                           "1 = de besparingen zoals opgegeven",
	"a yearly growth of 2.5 % is 0.025":                  "een jaarlijkse groei van 2,5 % is 0.025",
	"rates are fractions: 3 % is 0.03":                   "percentages zijn fracties: 3 % is 0.03",
	"the required benefit/cost ratio; 1.0: savings at least equal the cost": "de vereiste verhouding baten/kosten; 1.0: besparingen minstens gelijk aan de kosten",
	"the share of the cost the buyer pays":                                  "het deel van de kosten dat de koper betaalt",

	// Instruments (instruments/*.go).
	"missing: the party that buys": "ontbreekt: de partij die koopt",
	"%s is %s; kruis-inkoop is usually an insurer's or care office's (a municipality can buy too)": "{=1} is {2}; kruis-inkoop is meestal aan een zorgverzekeraar of zorgkantoor (een gemeente kan ook kopen)",
	"missing: the initiative to buy":                                                                                        "ontbreekt: het initiatief dat wordt ingekocht",
	"missing: the legacy flow to phase out":                                                                                 "ontbreekt: de bestaande geldstroom die wordt afgebouwd",
	"missing: the first year of the phase-out":                                                                              "ontbreekt: het eerste jaar van de afbouw",
	"missing: where the converted share goes (a wallet, an initiative or a party)":                                          "ontbreekt: waar het omgezette deel heen gaat (een portemonnee, een initiatief of een partij)",
	"%q is a %s; converted money can go to a wallet, an initiative or a party":                                              "{1} is een {2}; omgezet geld kan naar een portemonnee, een initiatief of een partij",
	"missing: the regular flow the surcharge is billed on":                                                                  "ontbreekt: de reguliere geldstroom waarop de opslag wordt gedeclareerd",
	"the flow's payer %s is %s; plus-inkoop is normally agreed with an insurer or care office":                              "de betaler van de geldstroom, {=1}, is {2}; plus-inkoop wordt normaal afgesproken met een zorgverzekeraar of zorgkantoor",
	"%g is more than 10 %% of the flow: it takes %s in %d from %s, the flow's payer; rates are fractions (0.5 %% is 0.005)": "{1} is meer dan 10 % van de geldstroom: het neemt in {3} {2} van {=4}, de betaler van de geldstroom; percentages zijn fracties (0,5 % is 0.005)",
	"missing: the initiatives the surcharge is earmarked for":                                                               "ontbreekt: de initiatieven waarvoor de opslag is geoormerkt",
	"missing: the last year the funds pay (for IZA money: 2027)":                                                            "ontbreekt: het laatste jaar dat de middelen betalen (voor IZA-geld: 2027)",
	"missing: which initiatives the funds pay for, with euros a year, e.g. funds = { my-initiative = 500_000 }":             "ontbreekt: welke initiatieven de middelen betalen, met euro's per jaar, bijv. funds = { my-initiative = 500_000 }",
	"missing: a wallet needs contributors, e.g. contributors = [\"zv\", \"gemeente\"]":                                      "ontbreekt: een portemonnee heeft inleggers nodig, bijv. contributors = [\"zv\", \"gemeente\"]",
	"%q is listed twice": "{1} staat er twee keer",
	"%g is more than 2 %% of turnover: it takes %s in %d from %s; rates are fractions (0.2 %% is 0.002)": "{1} is meer dan 2 % van de omzet: het neemt in {3} {2} van {=4}; percentages zijn fracties (0,2 % is 0.002)",
	"the wallet funds no initiative: its money only accumulates":                                         "de portemonnee financiert geen initiatief: het geld stapelt zich alleen op",

	// Uncertainty (validate.go, sim/uncertain).
	"%q is not a param of [uncertainty.params]":                                            "{1} is geen parameter van [uncertainty.params]",
	"the distribution leaves the valid range %s of %s in %.2g %% of draws":                 "de verdeling valt in {3} % van de trekkingen buiten het geldige bereik {1} van {=2}",
	"add min or max to truncate it to the range, e.g. min = %s":                            "voeg min of max toe om haar tot het bereik af te kappen, bijv. min = {=1}",
	"%s takes whole numbers: draw it from a discrete distribution of whole values":         "{=1} neemt gehele getallen: trek het uit een discrete verdeling van gehele waarden",
	"missing: a %s distribution needs %s":                                                  "ontbreekt: een {=1}-verdeling heeft {=2} nodig",
	"%g: a normal distribution needs sd > 0":                                               "{1}: een normale verdeling heeft sd > 0 nodig",
	"a lognormal distribution by percentiles needs 0 < p10 < p90 (got %g, %g)":             "een lognormale verdeling op percentielen heeft 0 < p10 < p90 nodig (gegeven: {1}, {2})",
	"a lognormal distribution needs mean > 0 and sd > 0 (got %g, %g); or give p10 and p90": "een lognormale verdeling heeft mean > 0 en sd > 0 nodig (gegeven: {1}, {2}); of geef p10 en p90",
	"a uniform distribution needs min < max (got %g, %g)":                                  "een uniforme verdeling heeft min < max nodig (gegeven: {1}, {2})",
	"a %s distribution needs min <= mode <= max and min < max (got %g, %g, %g)":            "een {=1}-verdeling heeft min <= mode <= max en min < max nodig (gegeven: {2}, {3}, {4})",
	"a beta distribution needs alpha > 0 and beta > 0 (got %g, %g)":                        "een bètaverdeling heeft alpha > 0 en beta > 0 nodig (gegeven: {1}, {2})",
	"a beta distribution needs low < high (got %g, %g)":                                    "een bètaverdeling heeft low < high nodig (gegeven: {1}, {2})",
	"missing: the distribution, one of %s":                                                 "ontbreekt: de verdeling, een van {=1}",
	"unknown distribution %q (one of %s)":                                                  "onbekende verdeling {1} (een van {=2})",
	"the truncation needs min < max (got %g, %g)":                                          "het afkappen heeft min < max nodig (gegeven: {1}, {2})",
	"the truncation to %g..%g leaves (almost) no probability":                              "afkappen tot {1}..{2} laat (vrijwel) geen kans over",
	"missing: a discrete distribution needs values = [ … ] and weights = [ … ]":            "ontbreekt: een discrete verdeling heeft values = [ … ] en weights = [ … ] nodig",
	"%d weights for %d values":                                                             "{1} gewichten voor {2} waarden",
	"%g: weights are 0 or more":                                                            "{1}: gewichten zijn 0 of meer",
	"the weights add up to %g, not 1":                                                      "de gewichten tellen op tot {1}, niet tot 1",
	"a parameter cannot be correlated with itself":                                         "een parameter kan niet met zichzelf gecorreleerd zijn",
	"%g is outside -1..1":                                                                  "{1} ligt buiten -1..1",
	"the matrix is not symmetric: %g one way, %g the other":                                "de matrix is niet symmetrisch: {1} de ene kant op, {2} de andere",
	"the correlation matrix could not be analysed":                                         "de correlatiematrix kon niet worden geanalyseerd",
	"the correlations between %s cannot hold together (the matrix is not positive semi-definite: its smallest eigenvalue is %.3g); weaken one of them": "de correlaties tussen {=1} kunnen niet samen gelden (de matrix is niet positief semidefiniet: de kleinste eigenwaarde is {2}); zwak er een af",

	// Paths (paths.go): --set, --vary, uncertainty params.
	"a path is kind.id.key, e.g. %s":        "een pad is soort.id.sleutel, bijv. {=1}",
	"no %s with id %q":                      "geen {1} met id {2}",
	"unknown kind %q (paths start with %s)": "onbekende soort {1} (paden beginnen met {=2})",
	"unknown key %q":                        "onbekende sleutel {1}",
	"no entry %q":                           "geen element {1}",
	"is not a number":                       "is geen getal",
	"is not a number with a known range":    "is geen getal met een bekend bereik",

	// Usage errors of the command line (cmd/regiosim): flags, files, the
	// environment of a sharded run.
	"unknown command %q":                   "onbekende opdracht {1}",
	"expected at most %d file, got %d: %s": "hoogstens {1} bestand verwacht, {2} gegeven: {=3}",
	"validate needs at least one FILE":     "validate heeft minstens één FILE nodig",
	"; %s":                                 "; {1}",
	" (write decimals with a dot: %s)":     " (schrijf decimalen met een punt: {=1})",
	"--lang %q: use en or nl":              "--lang {1}: gebruik en of nl",
	"--example: %v":                        "--example: {1}",
	"--variant: give one variant (use 'regiosim compare' for several)": "--variant: geef één variant (gebruik 'regiosim compare' voor meerdere)",
	// Two %s in a row: the hint after the list is told apart by its "; ".
	"--format %q: use one of %s; %s": "--format {1}: gebruik een van {=2}; {3}",
	// A built-in example's error is a problem of --example, not a party
	// or initiative explain does not know ("%s: no %s %q (known: %s)%s").
	"--example: no built-in example %q (known: %s)":                                                "--example: geen ingebouwd voorbeeld {1} (bekend: {=2})",
	"--format %q: use one of %s%s":                                                                 "--format {1}: gebruik een van {=2}{3}",
	"--table %q: no such table (tables: %s)%s":                                                     "--table {1}: geen tabel met die naam (tabellen: {=2}){3}",
	"-o %s: that is the current directory or one above it; name a directory below it, e.g. -o out": "-o {=1}: dat is de huidige map of een map daarboven; noem een map daaronder, bijv. -o out",
	"-o %s: is a symbolic link; name the directory itself":                                         "-o {=1}: is een symbolische koppeling; noem de map zelf",
	"-o %s: exists and is not a directory":                                                         "-o {=1}: bestaat al en is geen map",
	"-o %s: the directory holds files that regiosim did not write; name a new or empty directory":  "-o {=1}: de map bevat bestanden die regiosim niet heeft geschreven; noem een nieuwe of lege map",
	"-o %s: %s is a file, not a directory":                                                         "-o {=1}: {=2} is een bestand, geen map",
	"-o %s: the file exists; name a new one":                                                       "-o {=1}: het bestand bestaat al; noem een nieuw bestand",
	"%s exists already; use --force to overwrite it":                                               "{=1} bestaat al; gebruik --force om het te overschrijven",
	// explain, business-case.
	"%s: no %s %q (known: %s)%s":                                  "{=1}: geen {2} {3} (bekend: {=4}){5}",
	"say whose figures to explain: --party ID or --initiative ID": "zeg wiens cijfers moeten worden toegelicht: --party ID of --initiative ID",
	"--year %d is outside the horizon %d–%d":                      "--year {1} ligt buiten de horizon {2}–{3}",
	"say which initiative: --initiative ID":                       "zeg welk initiatief: --initiative ID",
	"--window %d: use 1..100 years":                               "--window {1}: gebruik 1..100 jaar",
	"--threshold %g: use a ratio above 0 and at most 100":         "--threshold {1}: gebruik een verhouding boven 0 en hoogstens 100",
	"--threshold %g: must be above 0":                             "--threshold {1}: moet boven 0 liggen",
	"--initiative %s saves nobody anything, so there is no buyer to make a case for; name one with --buyer ID": "--initiative {=1} bespaart niemand iets, dus er is geen koper om een business case voor te maken; noem er een met --buyer ID",
	// compare.
	"--variant picks variants of one file; with several files, each file is an option":        "--variant kiest varianten van één bestand; bij meerdere bestanden is elk bestand een optie",
	"nothing to compare: the scenario has no variants; name files, or add --set or --disable": "niets te vergelijken: het scenario heeft geen varianten; noem bestanden, of voeg --set of --disable toe",
	"--set %q: write PATH=VALUE, e.g. --set instrument.portemonnee.rate=0.001":                "--set {1}: schrijf PATH=VALUE, bijv. --set instrument.portemonnee.rate=0.001",
	// stress, tornado.
	"--workers %d: give 1 or more":                                "--workers {1}: geef 1 of meer",
	"--all-options runs every variant; leave out --variant":       "--all-options rekent elke variant door; laat --variant weg",
	"--chart %q: no such outcome%s (see 'regiosim outcomes')":     "--chart {1}: geen uitkomst met die naam{2} (zie 'regiosim outcomes')",
	"%s %q: no such outcome%s (see 'regiosim outcomes')":          "{=1} {2}: geen uitkomst met die naam{3} (zie 'regiosim outcomes')",
	"--outcome %q: not a valid pattern":                           "--outcome {1}: geen geldig patroon",
	"--outcome %q matches no outcome%s (see 'regiosim outcomes')": "--outcome {1} past op geen enkele uitkomst{2} (zie 'regiosim outcomes')",
	"--spread %q: %v": "--spread {1}: {2}",
	"give a percentage above 0 and below 100, e.g. 20%%":                                                       "geef een percentage boven 0 en onder 100, bijv. 20%",
	"no values to vary: the scenario has no [uncertainty.params]; give --range PATH=LOW:HIGH or --spread 20%%": "geen waarden om te variëren: het scenario heeft geen [uncertainty.params]; geef --range PATH=LOW:HIGH of --spread 20%",
	"--range %q: write PATH=LOW:HIGH, e.g. --range instrument.portemonnee.rate=0.0001:0.001":                   "--range {1}: schrijf PATH=LOW:HIGH, bijv. --range instrument.portemonnee.rate=0.0001:0.001",
	"--range %q: LOW and HIGH must be numbers%s":                                                               "--range {1}: LOW en HIGH moeten getallen zijn{2}",
	"--range %s: LOW %g is not below HIGH %g":                                                                  "--range {=1}: LOW {2} ligt niet onder HIGH {3}",
	"--range %s: %g..%g leaves the valid range %s":                                                             "--range {=1}: {2}..{3} valt buiten het geldige bereik {=4}",
	"--two-way %q: name two values, P1,P2 (got %d)":                                                            "--two-way {1}: noem twee waarden, P1,P2 (gegeven: {2})",
	"--points %d: give 2..101":                                                                                 "--points {1}: geef 2..101",
	"--two-way: %q has no range; give it one with --range %s=LOW:HIGH%s":                                       "--two-way: {1} heeft geen bereik; geef het er een met --range {=2}=LOW:HIGH{3}",
	"--two-way: name two different values":                                                                     "--two-way: noem twee verschillende waarden",
	// solve.
	"--vary %s: %s is switched off in this scenario, so the value changes nothing": "--vary {=1}: {=2} staat uit in dit scenario, dus de waarde verandert niets",
	"--in %q: write LOW:HIGH, e.g. --in 0:2%s":                                     "--in {1}: schrijf LOW:HIGH, bijv. --in 0:2{2}",
	"--in %s: LOW %g is not below HIGH %g":                                         "--in {=1}: LOW {2} ligt niet onder HIGH {3}",
	"--in %s: leaves the valid range %s of %s":                                     "--in {=1}: valt buiten het geldige bereik {=2} van {=3}",
	"ask one question: --target NAME=VALUE (with --vary), --break-even PURCHASE, --min-rate WALLET or --zero PARTY (with --vary)": "stel één vraag: --target NAME=VALUE (met --vary), --break-even PURCHASE, --min-rate WALLET of --zero PARTY (met --vary)",
	"--break-even %q: the scenario has no cross-purchase":                                                                         "--break-even {1}: het scenario heeft geen kruis-inkoop",
	"--break-even %q: no cross-purchase of that id%s":                                                                             "--break-even {1}: geen kruis-inkoop met die id{2}",
	"--break-even %s: the cross-purchase is switched off in this scenario (its variant disables it)":                              "--break-even {=1}: de kruis-inkoop staat uit in dit scenario (de variant schakelt haar uit)",
	"--break-even %s: its initiative %s is switched off in this scenario":                                                         "--break-even {=1}: het initiatief ervan, {=2}, staat uit in dit scenario",
	"--min-rate %q: the scenario has no wallet":                                                                                   "--min-rate {1}: het scenario heeft geen portemonnee",
	"--min-rate %q: no wallet of that id%s":                                                                                       "--min-rate {1}: geen portemonnee met die id{2}",
	"--zero %q: no party of that id%s":                                                                                            "--zero {1}: geen partij met die id{2}",
	"--zero %s: say which value to vary with --vary PATH":                                                                         "--zero {=1}: zeg met --vary PATH welke waarde moet variëren",
	"--target %q: write NAME=VALUE, e.g. --target region.gap_pv=0":                                                                "--target {1}: schrijf NAME=VALUE, bijv. --target region.gap_pv=0",
	"--target: say which value to vary with --vary PATH":                                                                          "--target: zeg met --vary PATH welke waarde moet variëren",
	// fair-deal.
	"--objective %q: use least or max-min%s":        "--objective {1}: gebruik least of max-min{2}",
	"--max-rate %v: give a rate above 0, at most 1": "--max-rate {=1}: geef een tarief boven 0, hoogstens 1",
	"--write-variant NAME and -o FILE go together":  "--write-variant NAME en -o FILE horen bij elkaar",
	"--max-gap %v: give an amount of euros":         "--max-gap {=1}: geef een bedrag in euro's",
	"--max-gap %v: give 0 or more euros":            "--max-gap {=1}: geef 0 of meer euro",
	"--side-payments finds payments between the parties, not rates: leave out --wallet, --rate-bound, --objective, --max-rate, --max-gap and --write-variant": "--side-payments zoekt betalingen tussen de partijen, geen tarieven: laat --wallet, --rate-bound, --objective, --max-rate, --max-gap en --write-variant weg",
	"name the wallet with --wallet (the scenario has %d: %s)":     "noem de portemonnee met --wallet (het scenario heeft er {1}: {=2})",
	"--rate-bound %q: write PARTY=LOW:HIGH, e.g. zv=0:0.001%s":    "--rate-bound {1}: schrijf PARTY=LOW:HIGH, bijv. zv=0:0.001{2}",
	"--rate-bound %q: %s has a bound already; give one per party": "--rate-bound {1}: {=2} heeft al een grens; geef er één per partij",
	"--floor %q: write PARTY=AMOUNT, e.g. noord=0%s":              "--floor {1}: schrijf PARTY=AMOUNT, bijv. noord=0{2}",
	"--floor %q: %s has a floor already; give one per party":      "--floor {1}: {=2} heeft al een ondergrens; geef er één per partij",
	"no deal to write: %s": "geen deal om te schrijven: {=1}",
	"--write-variant %q: the scenario has a variant of that name already": "--write-variant {1}: het scenario heeft al een variant met die naam",
	// serve.
	"--addr %q: write HOST:PORT, e.g. 127.0.0.1:8080":                                            "--addr {1}: schrijf HOST:PORT, bijv. 127.0.0.1:8080",
	"--addr %q: the port %q is not a number of 0..65535 (0: any free port), e.g. 127.0.0.1:8080": "--addr {1}: de poort {2} is geen getal van 0..65535 (0: een willekeurige vrije poort), bijv. 127.0.0.1:8080",
	// batch.
	"--draws and --seed go with --stress: add --stress, or leave them out": "--draws en --seed horen bij --stress: voeg --stress toe, of laat ze weg",
	"--draws %d: give 1..%d": "--draws {1}: geef 1..{2}",
	"--seed 0: give a seed other than 0 (without --seed, the template's seed)": "--seed 0: geef een seed anders dan 0 (zonder --seed: de seed van het sjabloon)",
	"--workers %d: give 1 or more (0: all cores)":                              "--workers {1}: geef 1 of meer (0: alle kernen)",
	"--map %q: name a region outcome, one of %s":                               "--map {1}: noem een uitkomst per regio, een van {=2}",
	"--example %q: the built-in batch is national":                             "--example {1}: de ingebouwde batch is national",
	"--example runs the built-in batch: give no files and no --regions":        "--example rekent de ingebouwde batch door: geef geen bestanden en geen --regions",
	"name a template and --regions, region files, or --example national":       "noem een sjabloon en --regions, regiobestanden, of --example national",
	"--regions goes with one template; got %d files":                           "--regions hoort bij één sjabloon; gegeven: {1} bestanden",
	"--regions: %v": "--regions: {1}",
	"%s is a template ([batch] or [national]): name its regions with --regions REGIONS.csv":                    "{=1} is een sjabloon ([batch] of [national]): noem de regio's ervan met --regions REGIONS.csv",
	"--stress needs a template with [uncertainty] (and --regions), not a set of region files":                  "--stress heeft een sjabloon met [uncertainty] nodig (en --regions), geen reeks regiobestanden",
	"--stress: the template has no [uncertainty.params] or [uncertainty.national]":                             "--stress: het sjabloon heeft geen [uncertainty.params] of [uncertainty.national]",
	"a shard splits the draws of a stress test: add --stress (the batch without it takes well under a second)": "een shard verdeelt de trekkingen van een stresstest: voeg --stress toe (zonder duurt de batch ruim minder dan een seconde)",
	"a shard writes its part into a directory: add -o DIR":                                                     "een shard schrijft zijn deel in een map: voeg -o DIR toe",
	"--stress needs a template with [uncertainty] (and --regions)":                                             "--stress heeft een sjabloon met [uncertainty] nodig (en --regions)",
	// Shards and merge (shard.go, cmd_merge.go).
	"%s %q: give a number of shards of 1 or more":                                                                                      "{=1} {2}: geef een aantal shards van 1 of meer",
	"--shards %d: give a number of shards of 1 or more":                                                                                "--shards {1}: geef een aantal shards van 1 of meer",
	"--shard %q: write I/N, e.g. 3/8 (0-based)":                                                                                        "--shard {1}: schrijf I/N, bijv. 3/8 (geteld vanaf 0)",
	"--shard %q: N, the number of shards, must be 1 or more":                                                                           "--shard {1}: N, het aantal shards, moet 1 of meer zijn",
	"--shard %q: the index lies outside 0..%d":                                                                                         "--shard {1}: de index ligt buiten 0..{2}",
	"--shard %q and --shards %d disagree on the number of shards; give one of the two":                                                 "--shard {1} en --shards {2} geven een verschillend aantal shards; geef een van de twee",
	"JOB_COMPLETION_INDEX %q is not an index":                                                                                          "JOB_COMPLETION_INDEX {1} is geen index",
	"JOB_COMPLETION_INDEX is set: say how many shards there are with --shards N or REGIOSIM_SHARDS":                                    "JOB_COMPLETION_INDEX is gezet: geef met --shards N of REGIOSIM_SHARDS aan hoeveel shards er zijn",
	"JOB_COMPLETION_INDEX %d lies outside 0..%d (%s %d)":                                                                               "JOB_COMPLETION_INDEX {1} ligt buiten 0..{2} ({=3} {4})",
	"SLURM_ARRAY_TASK_ID %q is not a number":                                                                                           "SLURM_ARRAY_TASK_ID {1} is geen getal",
	"SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: run in a Slurm job array (sbatch --array=0-N), or give --shard I/N": "SLURM_ARRAY_TASK_ID is gezet maar SLURM_ARRAY_TASK_COUNT niet: draai in een Slurm-jobarray (sbatch --array=0-N), of geef --shard I/N",
	"SLURM_ARRAY_TASK_MIN %q is not a number":                                                                                          "SLURM_ARRAY_TASK_MIN {1} is geen getal",
	"SLURM_ARRAY_TASK_ID %d lies outside %d..%d":                                                                                       "SLURM_ARRAY_TASK_ID {1} ligt buiten {2}..{3}",
	"--shards without --shard or JOB_COMPLETION_INDEX: which shard is this?":                                                           "--shards zonder --shard of JOB_COMPLETION_INDEX: welke shard is dit?",
	"name the output directory: regiosim merge -o OUT DIR...":                                                                          "noem de uitvoermap: regiosim merge -o OUT DIR...",
	"name the shards' directories: regiosim merge -o OUT DIR...":                                                                       "noem de mappen van de shards: regiosim merge -o OUT DIR...",
	"merge: the input %s the shards ran on cannot be read: %v":                                                                         "merge: de invoer {=1} waarop de shards draaiden kan niet worden gelezen: {2}",
	// What merge finds wrong with the shards' directories, a line each.
	"merge: %s":                                    "merge: {1}",
	"%s: no such directory":                        "{=1}: de map bestaat niet",
	"%s: is a file, not a shard's directory":       "{=1}: is een bestand, geen map van een shard",
	"%s: no %s: not a shard's output":              "{=1}: geen {=2}: geen uitvoer van een shard",
	"%s: %s is not a manifest: %v":                 "{=1}: {=2} is geen manifest: {=3}",
	"%s: written by regiosim %s, the others by %s": "{=1}: geschreven door regiosim {=2}, de andere door {=3}",
	"%s: a shard of another command (%s, not %s)":  "{=1}: een shard van een andere opdracht ({=2}, niet {=3})",
	"%s: a shard of another run (seed %d, %d draws, %d shards; the others: seed %d, %d draws, %d shards)": "{=1}: een shard van een andere run (seed {2}, {3} trekkingen, {4} shards; de andere: seed {5}, {6} trekkingen, {7} shards)",
	"%s: a shard of other input files":                                                "{=1}: een shard van andere invoerbestanden",
	"%s: shard %d of %d is out of range":                                              "{=1}: shard {2} van {3} valt buiten het bereik",
	"%s: shard %d is there twice (also %s)":                                           "{=1}: shard {2} staat er twee keer (ook {=3})",
	"shard %d of %d is missing":                                                       "shard {1} van {2} ontbreekt",
	"the input files differ from those the shards ran on":                             "de invoerbestanden verschillen van die waarop de shards draaiden",
	"%s: %s is not the file its manifest names (SHA-256 differs): damaged or changed": "{=1}: {=2} is niet het bestand dat het manifest noemt (de SHA-256 verschilt): beschadigd of gewijzigd",
	"%s: %d units, its manifest lists %d":                                             "{=1}: {2} eenheden, het manifest noemt er {3}",
	// The flag errors of cobra and pflag, and what their values' parsers
	// and a file system say; flags, values and paths stay as they are.
	"unknown flag: --%s":                                 "onbekende optie: --{=1}",
	"unknown shorthand flag: %s in -%s":                  "onbekende korte optie: {=1} in -{=2}",
	"flag needs an argument: --%s":                       "--{=1} heeft een waarde nodig",
	"flag needs an argument: %s in -%s":                  "de optie {=1} in -{=2} heeft een waarde nodig",
	"invalid argument %q for %q flag: %v":                "ongeldige waarde {1} voor {2}: {3}",
	"bad flag syntax: %s":                                "onjuist geschreven optie: {=1}",
	"strconv.ParseInt: parsing %q: invalid syntax":       "geen geheel getal",
	"strconv.ParseInt: parsing %q: value out of range":   "buiten het bereik van een geheel getal",
	"strconv.ParseFloat: parsing %q: invalid syntax":     "geen getal",
	"strconv.ParseFloat: parsing %q: value out of range": "buiten het bereik van een getal",
	"strconv.ParseBool: parsing %q: invalid syntax":      "verwacht: true of false",
	"give one (use 'regiosim compare' for several)":      "geef er één (gebruik 'regiosim compare' voor meerdere)",
	"open %s: no such file or directory":                 "kan {=1} niet openen: bestand of map bestaat niet",
	"open %s: permission denied":                         "kan {=1} niet openen: geen toegang",
	"read %s: is a directory":                            "kan {=1} niet lezen: het is een map",

	// Phrases that stand for a %s above.
	"party": "partij", "flow": "geldstroom", "initiative": "initiatief", "instrument": "instrument", "variant": "variant",
	"a party": "een partij", "a flow": "een geldstroom", "an initiative": "een initiatief", "an instrument": "een instrument", "a variant": "een variant",
	"regional budget": "regiobudget", "stream of national spending": "stroom van landelijke uitgaven", "scale": "schaal",
	"an insurer": "een zorgverzekeraar", "a municipality": "een gemeente", "a hospital": "een ziekenhuis", "a care office": "een zorgkantoor",
	"a party of kind %s": "een partij van de soort {1}",
	"party kind":         "soort partij", "domain": "domein", "funding stream": "financieringsstroom", "gap rule": "regel voor een tekort",
	"profile": "profiel", "rule for unspent money": "regel voor ongebruikt geld", "contributor": "inlegger",
	"text in quotes": "tekst tussen aanhalingstekens", "a number": "een getal", "a whole number": "een geheel getal",
	"true or false": "true of false", "a table": "een tabel", "a list": "een lijst",
	"a list such as [ … ]": "een lijst zoals [ … ]", "a table such as { key = value }": "een tabel zoals { key = value }",
	"a number for every party, or a table such as { party = number }": "één getal voor elke partij, of een tabel zoals { partij = getal }",
	"a date or time": "een datum of tijd", "the number %s": "het getal {1}",
	"insurer": "zorgverzekeraar", "municipality": "gemeente", "care office": "zorgkantoor", "care_office": "zorgkantoor",
	"hospital": "ziekenhuis", "provider": "zorgaanbieder", "social work": "sociaal werk", "social_work": "sociaal werk",
	"gp": "huisartsen", "ggz": "ggz", "ggd": "ggd", "vvt": "vvt", "national": "landelijk", "other": "overig",
	"instrument:wallet": "portemonnee", "instrument:surcharge": "plus-inkoop", "instrument:cross purchase": "kruis-inkoop",
	"instrument:phase out": "afbouwregeling", "instrument:transformation funds": "transformatiemiddelen",
}

type dutchRule struct {
	re    *regexp.Regexp
	nl    string
	verbs []byte // the verb of each group: 's' is translated further
}

var dutchRules = sync.OnceValue(func() []dutchRule {
	rules := make([]dutchRule, 0, len(dutchText))
	for en, nl := range dutchText {
		rules = append(rules, compileRule(en, nl))
	}
	// The most literal text first: "did you mean %s or %s?" before
	// "did you mean %s?".
	literal := func(r dutchRule) int { return len(r.re.String()) - 8*len(r.verbs) }
	sort.Slice(rules, func(i, j int) bool {
		if li, lj := literal(rules[i]), literal(rules[j]); li != lj {
			return li > lj
		}
		return rules[i].re.String() < rules[j].re.String()
	})
	return rules
})

// euroEN is an amount as instruments.Euros writes it.
var euroEN = regexp.MustCompile(`^-?€[0-9]{1,3}(,[0-9]{3})*$`)

// verb matches a format verb: %d, %q, %s, %v, %g, %.0f, %.2g, or %%.
var verb = regexp.MustCompile(`%(%|\.?[0-9]*[dqsvgf])`)

func compileRule(en, nl string) dutchRule {
	var re strings.Builder
	var verbs []byte
	re.WriteString("^")
	last := 0
	for _, m := range verb.FindAllStringIndex(en, -1) {
		re.WriteString(regexp.QuoteMeta(en[last:m[0]]))
		last = m[1]
		v := en[m[1]-1]
		switch v {
		case '%':
			re.WriteString("%")
			continue
		case 'd':
			re.WriteString(`(-?[0-9]+)`)
		case 'q':
			re.WriteString(`("(?:[^"\\]|\\.)*")`)
		case 'g', 'f':
			re.WriteString(`([^ ]+?)`)
		default: // s, v
			re.WriteString(`(.*?)`)
			v = 's'
		}
		verbs = append(verbs, v)
	}
	re.WriteString(regexp.QuoteMeta(en[last:]))
	re.WriteString("$")
	return dutchRule{re: regexp.MustCompile(re.String()), nl: nl, verbs: verbs}
}

// Dutch is the Dutch text of an English message or hint, and whether it
// has one; text without one comes back as it is.
func Dutch(text string) (string, bool) {
	if text == "" {
		return "", true
	}
	if euroEN.MatchString(text) { // "€21,000,000" (instruments.Euros) is "€ 21.000.000"
		return strings.Replace(strings.ReplaceAll(text, ",", "."), "€", "€ ", 1), true
	}
	for _, r := range dutchRules() {
		m := r.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		out := r.nl
		for i, g := range m[1:] {
			n := strconv.Itoa(i + 1)
			out = strings.ReplaceAll(out, "{="+n+"}", g)
			if r.verbs[i] == 's' {
				if nl, ok := Dutch(g); ok {
					g = nl
				}
			}
			out = strings.ReplaceAll(out, "{"+n+"}", g)
		}
		return agree(out), true
	}
	return text, false
}

// Dutch is the problem with its message and hint in Dutch.
// hetWords are the Dutch nouns of the messages that take "het": an
// adjective before them has no -e ("onbekend initiatief") and "elke" is
// "elk".
var hetWords = strings.NewReplacer(
	"onbekende initiatief", "onbekend initiatief", "onbekende instrument", "onbekend instrument",
	"onbekende domein", "onbekend domein", "elke initiatief", "elk initiatief", "elke instrument", "elk instrument",
	"Elke initiatief", "Elk initiatief", "Elke instrument", "Elk instrument")

// agree makes adjectives agree with the nouns after them.
func agree(s string) string { return hetWords.Replace(s) }

func (p Problem) Dutch() Problem {
	p.Msg, _ = Dutch(p.Msg)
	p.Hint, _ = Dutch(p.Hint)
	p.dutch = true
	return p
}

// Dutch is every problem in Dutch.
func (ps Problems) Dutch() Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		out[i] = p.Dutch()
	}
	return out
}

// Dutch is the path error in Dutch.
func (e *PathError) Dutch() *PathError {
	d := *e
	d.Msg, _ = Dutch(e.Msg)
	d.Hint, _ = Dutch(e.Hint)
	return &d
}
