module github.com/huntbook/huntbook

go 1.26.0

require github.com/google/go-cmp v0.7.0

require gonum.org/v1/gonum v0.16.0

require (
	github.com/coder/websocket v1.8.15
	github.com/microcosm-cc/bluemonday v1.0.27
	github.com/yuin/goldmark v1.8.7
	golang.org/x/net v0.49.0
	golang.org/x/tools v0.41.0
)

require (
	github.com/aymerick/douceur v0.2.0 // indirect
	github.com/gorilla/css v1.0.1 // indirect
)
