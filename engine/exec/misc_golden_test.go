package exec

import (
	"flag"
	"testing"
)

var updateMisc = flag.Bool("update-misc", false, "rewrite the expectations of testdata/misc")

// TestMiscGolden runs the examples of testdata/misc (externaldata,
// table(), top-nested, ...) in the format of TestCombineGolden, over the
// same workspace. externaldata reads the files of testdata/misc/data by
// paths relative to this package's directory (go test's working directory).
func TestMiscGolden(t *testing.T) { runCaseArchives(t, "testdata/misc", *updateMisc) }
