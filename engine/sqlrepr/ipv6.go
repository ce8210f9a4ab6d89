package sqlrepr

func ipv6Funcs() []Func { return nil }

func ipv6UDFs() []UDF { return nil }
