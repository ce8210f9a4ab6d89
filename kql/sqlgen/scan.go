package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/table"
)

// scanSteps runs the scan state machine as a recursive query: one
// iteration per input row, in input order. The state of step k is a
// struct of k records (s1..sk: the input and declared columns) and the
// match id, or NULL when the step has no active sequence. Within an
// iteration the steps are evaluated last to first, one nested SELECT per
// step, as the documented matching logic does; each iteration also
// carries, per step, the record it outputs (or NULL). An iteration joins
// the next row by its number, so the cost grows with rows × rows: scan is
// meant for small, partitioned inputs.
func (g *gen) scanSteps(n *plan.ScanSteps) *rel {
	in := g.rel(n.In)
	numbered := make([]table.Column, len(in.schema)+1)
	for i, c := range in.schema {
		numbered[i] = table.Column{Name: "__c" + strconv.Itoa(i), Type: c.Type}
	}
	numbered[len(in.schema)] = table.Column{Name: "__ord", Type: table.Long}
	num := g.emit("SELECT "+strings.Join(quotedCols(in), ", ")+", row_number() OVER () FROM "+in.name, numbered, false)
	// the rows as one list, read by index in each iteration: cheaper than
	// joining the next row, which scans the input every iteration
	fields := make([]string, len(in.schema))
	for i := range in.schema {
		fields[i] = "c" + strconv.Itoa(i) + " := \"__c" + strconv.Itoa(i) + "\""
	}
	rows := g.emit("SELECT list(struct_pack("+strings.Join(fields, ", ")+") ORDER BY \"__ord\"), count(*) FROM "+num.name,
		[]table.Column{{Name: "__rows", Type: table.Dynamic}, {Name: "__n", Type: table.Long}}, true)
	sc := &scanGen{g: g, n: n, nIn: len(in.schema)}
	return g.emit(sc.query(rows.name), n.Cols, false)
}

type scanGen struct {
	g   *gen
	n   *plan.ScanSteps
	nIn int
}

func (s *scanGen) recType() string {
	parts := make([]string, len(s.n.State))
	for i, c := range s.n.State {
		parts[i] = "c" + strconv.Itoa(i) + " " + sqlrepr.DuckType(c.Type)
	}
	return "STRUCT(" + strings.Join(parts, ", ") + ")"
}

func (s *scanGen) stateType(k int) string {
	var parts []string
	for j := 1; j <= k; j++ {
		parts = append(parts, "s"+strconv.Itoa(j)+" "+s.recType())
	}
	return "STRUCT(" + strings.Join(append(parts, "mid BIGINT"), ", ") + ")"
}

func cur(k int) string { return "__cur" + strconv.Itoa(k) }
func idx(name string, k int) string {
	return "__" + name + strconv.Itoa(k)
}

// query is the recursive query and the final listing of the outputs.
func (s *scanGen) query(numbered string) string {
	steps := len(s.n.Steps)
	var anchor, carry, outs []string
	anchor = append(anchor, "0", "0")
	for k := 1; k <= steps; k++ {
		anchor = append(anchor, "CAST(NULL AS "+s.stateType(k)+")")
		carry = append(carry, cur(k))
	}
	for k := 1; k <= steps; k++ {
		anchor = append(anchor, "CAST(NULL AS "+s.recType()+")")
		outs = append(outs, idx("o", k))
	}
	for k := 1; k <= steps; k++ {
		anchor = append(anchor, "CAST(NULL AS BIGINT)")
		outs = append(outs, idx("om", k))
	}
	names := append(append([]string{"__i", "__cnt"}, carry...), outs...)
	rowCols := make([]string, s.nIn)
	for i := range rowCols {
		rowCols[i] = "struct_extract(r.__rows[st.__i + 1], 'c" + strconv.Itoa(i) + "') AS __c" + strconv.Itoa(i)
	}
	cnt, states := "st.__cnt, ", prefixed("st.", carry)
	if s.n.Group != "" {
		// a new group starts afresh: empty states, match ids from 0
		g := "'c" + strconv.Itoa(s.groupIndex()) + "'"
		reset := "(st.__i > 0 AND struct_extract(r.__rows[st.__i + 1], " + g + ") IS DISTINCT FROM struct_extract(r.__rows[st.__i], " + g + "))"
		cnt = "CASE WHEN " + reset + " THEN 0 ELSE st.__cnt END AS __cnt, "
		states = ""
		for _, c := range carry {
			states += "CASE WHEN " + reset + " THEN NULL ELSE st." + c + " END AS " + c + ", "
		}
	}
	layer := "SELECT st.__i, " + cnt + states + joinComma(rowCols) +
		" FROM st, " + numbered + " r WHERE st.__i < r.__n"
	for k := steps; k >= 1; k-- {
		layer = s.stepLayers(layer, k)
	}
	rec := "SELECT __i + 1, __cnt, " + strings.Join(append(carry, outs...), ", ") + " FROM (" + layer + ")"
	cte := "WITH RECURSIVE st(" + strings.Join(names, ", ") + ") AS (SELECT " + strings.Join(anchor, ", ") +
		" UNION ALL " + rec + ")"
	var legs []string
	for k := 1; k <= steps; k++ {
		leg := "SELECT __i, " + strconv.Itoa(k) + " AS __k, " + idx("o", k) + " AS __o, " + idx("om", k) + " AS __om FROM st WHERE " + idx("o", k) + " IS NOT NULL"
		if s.n.Steps[k-1].Last {
			// a step's matches within one sequence are one series (it is
			// entered once, by promotion or a new sequence, then
			// continued): output=last keeps its last record
			leg += " QUALIFY __i = max(__i) OVER (PARTITION BY " + idx("om", k) + ")"
		}
		legs = append(legs, leg)
	}
	var sel []string
	for i := range s.n.State {
		sel = append(sel, "struct_extract(__o, 'c"+strconv.Itoa(i)+"')")
	}
	if s.n.MatchID != "" {
		sel = append(sel, "__om")
	}
	return cte + " SELECT " + strings.Join(sel, ", ") + " FROM (" + strings.Join(legs, " UNION ALL ") + ") ORDER BY __i, __k DESC"
}

// groupIndex is the position of the Group column among the input's.
func (s *scanGen) groupIndex() int {
	for i := 0; i < s.nIn; i++ {
		if s.n.State[i].Name == s.n.Group {
			return i
		}
	}
	fail("scan: no group column %s", s.n.Group)
	return -1
}

func prefixed(p string, names []string) string {
	var b strings.Builder
	for _, n := range names {
		b.WriteString(p + n + ", ")
	}
	return b.String()
}

func joinComma(parts []string) string { return strings.Join(parts, ", ") }

// stepLayers wraps the layer with the evaluation of step k: whether the
// row matches by promotion (check 1) or continuation (check 2), the
// extended record, then the new states, output and match id.
func (s *scanGen) stepLayers(prev string, k int) string {
	st := s.n.Steps[k-1]
	m1, m2 := idx("m1_", k), idx("m2_", k)
	check1 := "false"
	if k > 1 {
		check1 = cur(k-1) + " IS NOT NULL AND coalesce(" + s.g.expr(st.Cond, s.scope(cur(k-1), k-1)) + ", false)"
	}
	active := cur(k) + " IS NOT NULL"
	if k == 1 {
		active = "true"
	}
	check2 := "NOT (" + check1 + ") AND " + active + " AND coalesce(" + s.g.expr(st.Cond, s.scope(cur(k), k)) + ", false)"
	la := "SELECT *, " + check1 + " AS " + m1 + ", " + check2 + " AS " + m2 + " FROM (" + prev + ")"
	lb := "SELECT *, " + s.extended(k, m1) + " AS " + idx("e", k) + " FROM (" + la + ")"
	return s.newState(lb, k, m1, m2)
}

// extended is the row extended with step k's assignments, evaluated in
// the state the match used (declared columns it does not assign take
// their defaults).
func (s *scanGen) extended(k int, m1 string) string {
	st := s.n.Steps[k-1]
	var fields []string
	for i, col := range s.n.State {
		v := "__c" + strconv.Itoa(i)
		if i >= s.nIn {
			v = s.g.expr(s.n.Declare[i-s.nIn].Default, &scope{})
		}
		if a, ok := st.Assigns[i]; ok {
			v = s.g.expr(a, s.scope(cur(k), k))
			if k > 1 {
				v = "CASE WHEN " + m1 + " THEN " + s.g.expr(a, s.scope(cur(k-1), k-1)) + " ELSE " + v + " END"
			}
		}
		fields = append(fields, "c"+strconv.Itoa(i)+" := CAST("+v+" AS "+sqlrepr.DuckType(col.Type)+")")
	}
	return "struct_pack(" + strings.Join(fields, ", ") + ")"
}

// newState replaces the states of steps k and k-1 and the sequence
// counter, and sets step k's output and match id.
func (s *scanGen) newState(prev string, k int, m1, m2 string) string {
	e := idx("e", k)
	keep := func(from string, upto int) []string {
		var out []string
		for j := 1; j <= upto; j++ {
			out = append(out, "s"+strconv.Itoa(j)+" := struct_extract("+from+", 's"+strconv.Itoa(j)+"')")
		}
		return out
	}
	mid := func(from string) string { return "struct_extract(" + from + ", 'mid')" }
	promoted := "struct_pack(" + strings.Join(append(keep(cur(k-1), k-1), "s"+strconv.Itoa(k)+" := "+e, "mid := "+mid(cur(k-1))), ", ") + ")"
	continued := "struct_pack(" + strings.Join(append(keep(cur(k), k-1), "s"+strconv.Itoa(k)+" := "+e, "mid := "+mid(cur(k))), ", ") + ")"
	newCur := "CASE WHEN " + m2 + " THEN " + continued + " ELSE " + cur(k) + " END"
	newMid := "CASE WHEN " + m2 + " THEN " + mid(cur(k)) + " END"
	cnt := "__cnt"
	if k == 1 {
		started := "struct_pack(s1 := " + e + ", mid := __cnt)"
		newCur = "CASE WHEN " + m2 + " AND " + cur(1) + " IS NULL THEN " + started + " ELSE " + newCur + " END"
		newMid = "CASE WHEN " + m2 + " AND " + cur(1) + " IS NULL THEN __cnt ELSE " + newMid + " END"
		cnt = "__cnt + CASE WHEN " + m2 + " AND " + cur(1) + " IS NULL THEN 1 ELSE 0 END"
	} else {
		newCur = "CASE WHEN " + m1 + " THEN " + promoted + " ELSE " + newCur + " END"
		newMid = "CASE WHEN " + m1 + " THEN " + mid(cur(k-1)) + " ELSE " + newMid + " END"
	}
	repl := []string{newCur + " AS " + cur(k), cnt + " AS __cnt"}
	if k > 1 {
		repl = append(repl, "CASE WHEN "+m1+" THEN NULL ELSE "+cur(k-1)+" END AS "+cur(k-1))
	}
	out := "NULL"
	if s.n.Steps[k-1].Output {
		out = "CASE WHEN " + m1 + " OR " + m2 + " THEN " + e + " END"
	}
	return "SELECT * REPLACE (" + strings.Join(repl, ", ") + "), " + out + " AS " + idx("o", k) + ", " + newMid + " AS " + idx("om", k) +
		" FROM (" + prev + ")"
}

// scope maps the row's input columns and Step.Column references to SQL;
// a state holds the records of steps 1..upto.
func (s *scanGen) scope(state string, upto int) *scope {
	sc := &scope{cols: map[string]string{}}
	for i := 0; i < s.nIn; i++ {
		sc.cols[s.n.State[i].Name] = "__c" + strconv.Itoa(i)
	}
	for j, st := range s.n.Steps {
		for i, c := range s.n.State {
			// an empty state reads declared columns as their defaults
			empty := "CAST(NULL AS " + sqlrepr.DuckType(c.Type) + ")"
			if i >= s.nIn {
				empty = "CAST(" + s.g.expr(s.n.Declare[i-s.nIn].Default, &scope{}) + " AS " + sqlrepr.DuckType(c.Type) + ")"
			}
			ref := empty
			if j+1 <= upto {
				ref = "CASE WHEN " + state + " IS NULL THEN " + empty + " ELSE struct_extract(struct_extract(" + state +
					", 's" + strconv.Itoa(j+1) + "'), 'c" + strconv.Itoa(i) + "') END"
			}
			sc.cols[st.Name+"."+c.Name] = ref
		}
	}
	return sc
}
