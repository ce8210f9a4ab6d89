module github.com/huntbook/huntbook

go 1.26.0

require github.com/google/go-cmp v0.7.0

require gonum.org/v1/gonum v0.16.0

require (
	github.com/microcosm-cc/bluemonday v1.0.27
	github.com/yuin/goldmark v1.8.7
	golang.org/x/net v0.49.0
	golang.org/x/tools v0.41.0
)

require (
	github.com/aymerick/douceur v0.2.0 // indirect
	github.com/go-zeromq/goczmq/v4 v4.2.2 // indirect
	github.com/go-zeromq/zmq4 v0.17.0
	github.com/gorilla/css v1.0.1 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/text v0.33.0 // indirect
)
