local pad = ("x"):rep(1e9)
