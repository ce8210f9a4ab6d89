package sqlrepr

func timeFuncs() []Func { return nil }

func timeUDFs() []UDF { return nil }

func timeMacros() []Macro { return nil }
