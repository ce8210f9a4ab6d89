package sqlrepr

func encodingFuncs() []Func { return nil }

func encodingUDFs() []UDF { return nil }
