"""isingsc.sweeps."""
