package sqlrepr

func urlFuncs() []Func { return nil }

func urlUDFs() []UDF { return nil }
