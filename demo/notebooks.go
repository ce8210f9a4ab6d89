package demo

import (
	"embed"
	"io/fs"
)

// notebookFiles are the demo notebooks: a tour of the workspace and guided
// investigations of the stories. Their queries find the stories' entities
// in the data (from the alert onwards) instead of naming them, so they run
// top to bottom on the data of any seed and end time.
//
//go:embed notebooks/*.ipynb
var notebookFiles embed.FS

// Notebooks returns the demo notebooks, .ipynb files at the root of the
// returned file system, for the demo workspace's notebooks folder.
func Notebooks() fs.FS {
	sub, err := fs.Sub(notebookFiles, "notebooks")
	if err != nil {
		panic(err) // the directory is embedded: cannot happen
	}
	return sub
}
