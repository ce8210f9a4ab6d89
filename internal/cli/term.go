package cli

import (
	"io"
	"os"
)

// isTerminal reports whether w is a terminal, where progress bars and
// colour make sense (not a pipe, file or test buffer).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
