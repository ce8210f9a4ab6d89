package session

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
)

// DefaultKeepResults is Options.KeepResults when unset.
const DefaultKeepResults = 20

// DefaultResultRowBudget is Options.ResultRowBudget when unset: four
// results at the default result-set limit.
const DefaultResultRowBudget = 2_000_000

// ErrReleased is what ReleasedError matches with errors.Is.
var ErrReleased = errors.New("result released")

// ReleasedError says a result was released from the engine to save memory:
// reading it (as _N in a query, or a page of it) needs the cell run again.
type ReleasedError struct {
	N int // the execution number of the released result
}

func (e *ReleasedError) Error() string {
	return fmt.Sprintf("result _%d was released to save memory; re-run cell %d", e.N, e.N)
}

// Is makes errors.Is(err, ErrReleased) true.
func (e *ReleasedError) Is(target error) bool { return target == ErrReleased }

// Released reports whether e's result was released from the engine to
// keep the session within its result budget (Options.KeepResults,
// Options.ResultRowBudget). Its first rows (Table) stay readable.
func (s *Session) Released(e *Execution) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.released(e)
}

func (s *Session) released(e *Execution) bool { return s.releasedSet[e] }

var resultNumber = regexp.MustCompile(`^_[0-9]+$`)

// evictLocked releases the oldest unnamed results beyond the budget and
// returns the engine tables to drop. A result an analyst's `| as Name`
// reaches is not counted and never released; the last result (_) is
// counted but never released. Tabular lets live in tables of their own and
// are never results. The caller holds s.mu.
func (s *Session) evictLocked() map[string]bool {
	named := map[string]bool{}
	refs := s.env.TableRefs()
	for name, ref := range refs {
		if name != "_" && !resultNumber.MatchString(name) {
			named[ref] = true
		}
	}
	var held []*Execution
	var rows int64
	for _, e := range s.history {
		if e.Ref != "" && !s.releasedSet[e] && !named[e.Ref] {
			held = append(held, e)
			rows += e.Rows
		}
	}
	drop := map[string]bool{}
	for i := 0; i < len(held) && s.overBudget(len(held)-i, rows); i++ {
		e := held[i]
		if e.Ref == refs["_"] {
			continue
		}
		rows -= e.Rows
		s.releasedSet[e] = true
		s.env.Unbind("_" + strconv.Itoa(e.N))
		delete(s.refs, e.Ref)
		drop[e.Ref] = true
	}
	return drop
}

func (s *Session) overBudget(results int, rows int64) bool {
	if s.opts.KeepResults >= 0 && results > s.opts.KeepResults {
		return true
	}
	return s.opts.ResultRowBudget >= 0 && rows > s.opts.ResultRowBudget
}

// explainReleased turns the analyser's "unknown name" for a released _N
// into an error that says what happened and what to do, at the same place.
func (s *Session) explainReleased(src string, err error) error {
	var se *sema.Error
	if !errors.As(err, &se) {
		return err
	}
	script, perr := syntax.Parse(src)
	if perr != nil {
		return err
	}
	gone := s.releasedNumbers()
	var found *sema.Error
	syntax.Inspect(script, func(n syntax.Node) bool {
		id, ok := n.(*syntax.Ident)
		if found != nil || !ok || !resultNumber.MatchString(id.Name) {
			return found == nil
		}
		if num, _ := strconv.Atoi(id.Name[1:]); gone[num] {
			found = &sema.Error{Span: id.Span, Pos: syntax.NewLineIndex(src).Position(id.Start),
				Msg: (&ReleasedError{N: num}).Error()}
		}
		return true
	})
	if found == nil {
		return err
	}
	return found
}

// releasedNumbers are the execution numbers whose results were released.
func (s *Session) releasedNumbers() map[int]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int]bool{}
	for e := range s.releasedSet {
		out[e.N] = true
	}
	return out
}
