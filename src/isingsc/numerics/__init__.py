"""isingsc.numerics."""
