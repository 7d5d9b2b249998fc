// Package report turns run results into tables that people and programs
// read: aligned text for a terminal, Markdown, CSV and JSON, with labels and
// number style in English or Dutch. It formats and arranges; it never
// computes money (totals and present values come from sim).
package report
