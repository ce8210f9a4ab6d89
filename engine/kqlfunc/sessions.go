package kqlfunc

// row_window_session over a whole serialized input.

// WindowSessions is row_window_session over a whole serialized input:
// given every row's value (ticks, or null) and restart flag in order, the
// start of each row's session. A row starts a session when there is no
// session yet (the first row, or the one after a null), when its restart
// flag is set, when it is maxFirst or more after the session's start, or
// maxNeighbor or more after the previous row. A null value gives null.
func WindowSessions(values, restarts any, maxFirst, maxNeighbor int64) any {
	vs, _ := values.([]any)
	rs, _ := restarts.([]any)
	out := make([]any, len(vs))
	var start, prev int64
	open := false
	for i, v := range vs {
		t, ok := wholeNumber(v)
		if !ok {
			open = false
			continue
		}
		restart := i < len(rs) && rs[i] == true
		if !open || restart || t >= start+maxFirst || t >= prev+maxNeighbor {
			start = t
		}
		prev, open = t, true
		out[i] = start
	}
	return out
}
