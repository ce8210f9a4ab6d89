module github.com/huntbook/huntbook

go 1.26
