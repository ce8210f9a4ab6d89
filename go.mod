module github.com/huntbook/huntbook

go 1.26

require github.com/google/go-cmp v0.7.0

require golang.org/x/tools v0.41.0
