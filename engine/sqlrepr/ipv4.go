package sqlrepr

func ipv4Funcs() []Func { return nil }

func ipv4UDFs() []UDF { return nil }
