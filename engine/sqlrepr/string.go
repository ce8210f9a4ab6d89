package sqlrepr

func stringFuncs() []Func { return nil }

func stringUDFs() []UDF { return nil }

func stringMacros() []Macro { return nil }
