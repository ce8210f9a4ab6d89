package sessions

import (
	"fmt"
	"math"
)

// Cmd is one command of a session with its parameters. Values are used by
// the CommandsParamsValues model only; the others look at the names.
type Cmd struct {
	Name   string
	Params map[string]string
}

// Kind selects what the model learns.
type Kind int

// The three model kinds of MSTICPy's anomalous_sequence.
const (
	CommandsOnly Kind = iota
	CommandsParams
	CommandsParamsValues
)

var kindNames = [...]string{"cmds_only", "cmds_params_only", "cmds_params_values"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind reads a model name as the KQL plugin takes it (MSTICPy's
// session types: cmds_only, cmds_params_only, cmds_params_values).
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown model %q (want cmds_only, cmds_params_only or cmds_params_values)", ErrOptions, s)
}

// Token ids every vocabulary starts with.
const (
	tokStart = 0 // before the first command of a session
	tokEnd   = 1 // after the last
	tokUnk   = 2 // any command unseen in training
	// unk is the id of the unknown parameter and value.
	unk = 0
)

// Model is a trained Markov model of command sessions.
type Model struct {
	kind     Kind
	cmdID    map[string]int
	seq1     []float64         // smoothed command counts, by command id
	total1   float64           // their sum
	seq2     []map[int]float64 // raw transition counts: seq2[prev][cur]
	seq2Tot  []float64         // raw row totals
	paramID  map[string]int    // unk = 0
	cmdParam [][]paramProb     // per command id: P(param present | command), unknown param included
	valueID  map[string]int    // unk = 0
	values   []map[int]float64 // raw value counts per param id
	valueTot []float64         // smoothed totals per param id
	model    []bool            // per param id: are its values modelled
}

type paramProb struct {
	id   int
	name string
	p    float64
}

// Train builds a model from all sessions; scoring then finds the sessions
// that this population makes unlikely.
func Train(sessions [][]Cmd, kind Kind) (*Model, error) {
	if kind < CommandsOnly || kind > CommandsParamsValues {
		return nil, fmt.Errorf("%w: unknown model kind %d", ErrOptions, kind)
	}
	m := &Model{kind: kind, cmdID: map[string]int{}, paramID: map[string]int{}, valueID: map[string]int{}}
	raw1 := []float64{0, 0, 0}
	for _, s := range sessions {
		raw1[tokStart]++
		raw1[tokEnd]++
		for _, c := range s {
			id := m.intern(c.Name, &raw1)
			raw1[id]++
		}
	}
	v := len(raw1)
	m.seq2 = make([]map[int]float64, v)
	m.seq2Tot = make([]float64, v)
	for i := range m.seq2 {
		m.seq2[i] = map[int]float64{}
	}
	for _, s := range sessions {
		prev := tokStart
		for _, c := range s {
			cur := m.cmdID[c.Name]
			m.seq2[prev][cur]++
			m.seq2Tot[prev]++
			prev = cur
		}
		m.seq2[prev][tokEnd]++
		m.seq2Tot[prev]++
	}
	// Laplace smoothing as MSTICPy applies it: one added for every pair
	// (c1, c2) of the vocabulary with c1 not the end token and c2 not the
	// start token, counted in both commands' totals.
	m.seq1 = make([]float64, v)
	for c, n := range raw1 {
		m.seq1[c] = n
		if c != tokEnd {
			m.seq1[c] += float64(v - 1)
		}
		if c != tokStart {
			m.seq1[c] += float64(v - 1)
		}
		m.total1 += m.seq1[c]
	}
	if kind != CommandsOnly {
		m.trainParams(sessions)
	}
	return m, nil
}

func (m *Model) intern(name string, raw1 *[]float64) int {
	if id, ok := m.cmdID[name]; ok {
		return id
	}
	id := len(*raw1)
	m.cmdID[name] = id
	*raw1 = append(*raw1, 0)
	return id
}

func (m *Model) trainParams(sessions [][]Cmd) {
	v := len(m.seq1)
	rawCP := make([]map[int]float64, v)
	for i := range rawCP {
		rawCP[i] = map[int]float64{}
	}
	m.paramID["\x00unk"] = unk
	m.valueID["\x00unk"] = unk
	var rawParam []float64 = []float64{0}
	m.values = []map[int]float64{{}}
	for _, s := range sessions {
		for _, c := range s {
			cid := m.cmdID[c.Name]
			for name, val := range c.Params {
				pid, ok := m.paramID[name]
				if !ok {
					pid = len(rawParam)
					m.paramID[name] = pid
					rawParam = append(rawParam, 0)
					m.values = append(m.values, map[int]float64{})
				}
				rawParam[pid]++
				rawCP[cid][pid]++
				vid, ok := m.valueID[val]
				if !ok {
					vid = len(m.valueID)
					m.valueID[val] = vid
				}
				m.values[pid][vid]++
			}
		}
	}
	names := make([]string, len(rawParam))
	for n, id := range m.paramID {
		names[id] = n
	}
	smParam := make([]float64, len(rawParam)) // smoothed param counts: +1 per command seen with it
	m.cmdParam = make([][]paramProb, v)
	for c := range v {
		row := []paramProb{{id: unk, name: names[unk], p: 1 / m.seq1[c]}}
		smParam[unk]++
		for pid, n := range rawCP[c] {
			row = append(row, paramProb{id: pid, name: names[pid], p: (n + 1) / m.seq1[c]})
			smParam[pid]++
		}
		m.cmdParam[c] = row
	}
	m.valueTot = make([]float64, len(rawParam))
	m.model = make([]bool, len(rawParam))
	for pid := range rawParam {
		var tot float64
		for _, n := range m.values[pid] {
			tot += n
		}
		distinct := float64(len(m.values[pid]) + 1) // with the unknown value
		m.valueTot[pid] = tot + distinct
		count := rawParam[pid] + smParam[pid]
		m.model[pid] = m.kind == CommandsParamsValues && pid != unk &&
			distinct <= 20 && count >= 20 && 100*distinct/count <= 10
	}
}

// cmd returns the id of a command, the unknown token for unseen ones.
func (m *Model) cmd(name string) int {
	if id, ok := m.cmdID[name]; ok {
		return id
	}
	return tokUnk
}

// trans is P(cur | prev) with add-one smoothing over the vocabulary minus
// the start token.
func (m *Model) trans(prev, cur int) float64 {
	if prev == tokEnd {
		prev = tokUnk
	}
	if cur == tokStart {
		cur = tokUnk
	}
	return (m.seq2[prev][cur] + 1) / (m.seq2Tot[prev] + float64(len(m.seq1)-1))
}

func (m *Model) prior(c int) float64 { return m.seq1[c] / m.total1 }

// paramsProb is the geometric mean, over the parameters known for the
// command, of P(present) or P(absent), times the probabilities of the
// modelled values.
func (m *Model) paramsProb(c int, params map[string]string) float64 {
	if m.kind == CommandsOnly || len(params) == 0 {
		return 1
	}
	lik, k := 1.0, 0
	for _, pp := range m.cmdParam[c] {
		k++
		val, present := params[pp.name]
		if !present || pp.id == unk {
			lik *= 1 - pp.p
			continue
		}
		lik *= pp.p
		if m.model[pp.id] {
			k++
			lik *= m.valueProb(pp.id, val)
		}
	}
	return math.Pow(lik, 1/float64(k))
}

func (m *Model) valueProb(pid int, val string) float64 {
	vid, ok := m.valueID[val]
	n := m.values[pid][vid]
	if !ok || n == 0 {
		return 1 / m.valueTot[pid]
	}
	return (n + 1) / m.valueTot[pid]
}
