// Package scenarios decodes, checks and edits regiosim scenario files.
//
// A scenario is one TOML file describing a Dutch care region: its parties,
// their regular money flows, the cross-domain initiatives to be financed and
// the financing instruments that fund them (see the README for every key).
//
// Conventions, stated once:
//
//   - Every amount is in euros of the region's first year and grows yearly
//     by the item's own growth, else the region's indexation.
//   - Years are calendar years; the horizon runs from first_year for
//     horizon years (k = 0 … horizon−1).
//   - Rates are fractions: 0.002 is 0.2 %.
//
// Problems in a file are collected, not stopped at: Load returns all of them
// at once as a Problems value, each naming the file, the line where known,
// the key path and, for near misses, a suggestion.
//
// Any number (or word) in a scenario can be addressed by a path of the form
// kind.id.key, for example instrument.portemonnee.rate or
// initiative.welzijn-op-recept.savings.zv; Get and Set read and write them.
package scenarios
