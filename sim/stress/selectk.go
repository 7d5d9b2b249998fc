package stress

import "slices"

// selectRanks rearranges a so that a[r] holds the r-th smallest value for
// every r in ranks (sorted, within 0..len(a)−1), as if a were sorted, and
// returns a. It partitions around a median-of-three pivot and only goes on
// into the parts that hold a wanted rank: about n·log(k) comparisons for
// k ranks instead of a sort's n·log(n).
func selectRanks(a []float64, ranks []int) []float64 {
	selectIn(a, 0, len(a), ranks)
	return a
}

func selectIn(a []float64, lo, hi int, ranks []int) {
	for len(ranks) > 0 && hi-lo > 16 {
		// Median of three as the pivot.
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi-1] < a[lo] {
			a[hi-1], a[lo] = a[lo], a[hi-1]
		}
		if a[hi-1] < a[mid] {
			a[hi-1], a[mid] = a[mid], a[hi-1]
		}
		pivot := a[mid]
		// Three-way partition: < pivot, == pivot, > pivot.
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch {
			case a[i] < pivot:
				a[lt], a[i] = a[i], a[lt]
				lt++
				i++
			case a[i] > pivot:
				gt--
				a[gt], a[i] = a[i], a[gt]
			default:
				i++
			}
		}
		// ranks below lt go left, at or above gt go right; those between
		// are the pivot's and done.
		left := 0
		for left < len(ranks) && ranks[left] < lt {
			left++
		}
		right := left
		for right < len(ranks) && ranks[right] < gt {
			right++
		}
		if left > 0 {
			selectIn(a, lo, lt, ranks[:left])
		}
		lo, ranks = gt, ranks[right:]
	}
	if len(ranks) > 0 && hi > lo {
		slices.Sort(a[lo:hi])
	}
}
